import { useDataProvider } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { useAdmin } from '../app/admin-context.ts';
import { readableTarget, referencedIds, referenceLabel } from './reference-labels.ts';
import type { ReferenceField } from './reference-labels.ts';

/** Labels of referenced records by resource id, then record id. */
export type ReferenceLabels = ReadonlyMap<string, ReadonlyMap<string, string>>;

const NO_LABELS: ReferenceLabels = new Map();

/**
 * The titles of the records that `records` reference through `fields`, fetched in one request per
 * referenced resource the actor may read. Ids of a resource it may not read stay unlabelled.
 */
export function useReferenceLabels(records: readonly Record<string, unknown>[], fields: readonly ReferenceField[]): ReferenceLabels {
  const { meta } = useAdmin();
  const getDataProvider = useDataProvider();
  const wanted = [...referencedIds(records, fields)].filter(([target]) => readableTarget(meta, target) !== undefined);
  const { data } = useQuery({
    queryKey: ['zhili', 'reference-labels', wanted],
    enabled: wanted.length > 0,
    queryFn: async (): Promise<ReferenceLabels> => {
      const provider = getDataProvider();
      const entries = await Promise.all(
        wanted.map(async ([target, ids]) => {
          const found = provider.getMany === undefined ? { data: [] } : await provider.getMany({ resource: target, ids });
          const byId = new Map(found.data.map((record) => [String(record.id), record as Record<string, unknown>]));
          const resource = readableTarget(meta, target);
          return [target, new Map(ids.map((id) => [id, referenceLabel(resource, byId.get(id), id)]))] as const;
        }),
      );
      return new Map(entries);
    },
  });
  return data ?? NO_LABELS;
}
