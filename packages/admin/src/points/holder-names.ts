import type { AdminPoints } from '@zhili/schemas';
import { useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';

/**
 * The names of account holders (their record's title, e.g. the householder) and of their buildings,
 * for the holders and buildings of `rows`; an id the actor may not read stays as it is.
 */
export function useHolderNames(scheme: AdminPoints | undefined, rows: readonly { readonly holder?: string | null; readonly building?: string | null }[]) {
  const { meta } = useAdmin();
  const resource = scheme?.holder.resource ?? '';
  const buildingField = scheme?.holder.buildingField ?? null;
  const buildingTarget = buildingField === null ? undefined : meta?.resources.find((r) => r.id === resource)?.schema.properties?.[buildingField]?.['x-ref'];
  const fields = useMemo(
    () => (resource === '' ? [] : [{ field: 'holder', target: resource }, ...(typeof buildingTarget === 'string' ? [{ field: 'building', target: buildingTarget }] : [])]),
    [resource, buildingTarget],
  );
  const records = useMemo(() => rows.map((r) => ({ holder: r.holder ?? undefined, building: r.building ?? undefined })), [rows]);
  const labels = useReferenceLabels(records, fields);
  return {
    holder: (id: string | null) => (id === null ? '' : (labels.get(resource)?.get(id) ?? id.slice(0, 8))),
    building: (id: string | null) => (id === null ? '' : typeof buildingTarget === 'string' ? (labels.get(buildingTarget)?.get(id) ?? id.slice(0, 8)) : id),
  };
}
