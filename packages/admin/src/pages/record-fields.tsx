import type { AdminResource } from '@zhili/schemas';
import { Descriptions } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { OrgUnitName } from '../org/org-unit-name.tsx';
import { ReferenceCell } from '../references/reference-cell.tsx';
import { referenceFields } from '../references/reference-labels.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';
import { cellRenderer } from '../schema/columns.ts';
import { formOrder } from '../schema/widgets.ts';
import { Cell } from './cell.tsx';
import { fieldSchema } from './filter-bar.tsx';

/** Standard fields shown after a record's own. */
const STANDARD_SHOWN = ['orgCode', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;

/** Every field of a record, labelled and rendered like the list's cells; the standard fields unless `standard` is false. */
export function RecordFields({ resource, record, standard = true }: { readonly resource: AdminResource; readonly record: Record<string, unknown> | undefined; readonly standard?: boolean }) {
  const { meta, locale, t } = useAdmin();
  const references = new Map(referenceFields(resource, Object.keys(resource.schema.properties ?? {})).map((r) => [r.field, r.target]));
  const labels = useReferenceLabels(
    record === undefined ? [] : [record],
    [...references].map(([field, target]) => ({ field, target })),
  );
  const properties = resource.schema.properties ?? {};
  const own = formOrder(resource).map((name) => ({ name, title: properties[name]?.title ?? name }));
  const shown = standard ? STANDARD_SHOWN.map((name) => ({ name, title: t(`fields.${name}`) })) : [];
  const fieldValue = (name: string) => {
    const target = references.get(name);
    if (target !== undefined) return <ReferenceCell target={target} value={record?.[name]} labels={labels} />;
    if (name === 'orgCode') return <OrgUnitName code={record?.['orgCode']} />;
    if ((name === 'createdBy' || name === 'updatedBy') && meta !== null && record?.[name] === meta.actor.id) return <>{meta.actor.displayName}</>;
    return <Cell display={cellRenderer(fieldSchema(resource, name), locale)(record?.[name])} />;
  };
  return (
    <Descriptions bordered column={1} size="small">
      {[...own, ...shown].map(({ name, title: label }) => (
        <Descriptions.Item key={name} label={label}>
          {fieldValue(name)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
