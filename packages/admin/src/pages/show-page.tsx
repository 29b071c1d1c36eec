import { DeleteButton, EditButton, Show } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useResourceParams, useShow } from '@refinedev/core';
import { Descriptions } from 'antd';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import type { AdminResource } from '@zhili/schemas';
import { cellRenderer } from '../schema/columns.ts';
import { Cell } from './cell.tsx';
import { formOrder } from '../schema/widgets.ts';
import { OrgUnitName } from '../org/org-unit-name.tsx';
import { ReferenceCell } from '../references/reference-cell.tsx';
import { referenceFields } from '../references/reference-labels.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';
import { fieldSchema } from './filter-bar.tsx';

/** Standard fields shown after a record's own. */
const STANDARD_SHOWN = ['orgCode', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;

/** The generic show page: every field of the record, labelled and rendered like the list's cells. */
export default function ShowPage() {
  const { resource: refineResource, id } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  if (resource === null || id === undefined) return null;
  return <ResourceShow key={`${resource.id}/${String(id)}`} resource={resource} id={id} />;
}

function ResourceShow({ resource, id }: { readonly resource: AdminResource; readonly id: string | number }) {
  const { meta, locale, t } = useAdmin();
  const { query } = useShow<BaseRecord>({ resource: resource.id, id });
  const record = query.data?.data;
  const can = meta === null ? null : permissionsFor(meta, resource.id);
  const references = new Map(referenceFields(resource, Object.keys(resource.schema.properties ?? {})).map((r) => [r.field, r.target]));
  const labels = useReferenceLabels(
    record === undefined ? [] : [record as Record<string, unknown>],
    [...references].map(([field, target]) => ({ field, target })),
  );
  const properties = resource.schema.properties ?? {};
  const own = formOrder(resource).map((name) => ({ name, title: properties[name]?.title ?? name }));
  const standard = STANDARD_SHOWN.map((name) => ({ name, title: t(`fields.${name}`) }));
  const recordTitle = record && resource.titleField !== null ? record[resource.titleField] : undefined;
  const title = recordTitle === undefined || recordTitle === null ? resource.title : t('pages.show.title', { resource: resource.title, record: String(recordTitle) });
  const fieldValue = (name: string) => {
    const target = references.get(name);
    if (target !== undefined) return <ReferenceCell target={target} value={record?.[name]} labels={labels} />;
    if (name === 'orgCode') return <OrgUnitName code={record?.['orgCode']} />;
    if ((name === 'createdBy' || name === 'updatedBy') && meta !== null && record?.[name] === meta.actor.id) return <>{meta.actor.displayName}</>;
    return <Cell display={cellRenderer(fieldSchema(resource, name), locale)(record?.[name])} />;
  };
  return (
    <Show
      title={title}
      isLoading={query.isLoading}
      headerButtons={() => (
        <>
          {can?.update ? <EditButton recordItemId={id} /> : null}
          {can?.delete ? <DeleteButton recordItemId={id} meta={{ version: record?.['version'] }} /> : null}
        </>
      )}
    >
      <Descriptions bordered column={1} size="small">
        {[...own, ...standard].map(({ name, title: label }) => (
          <Descriptions.Item key={name} label={label}>
            {fieldValue(name)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Show>
  );
}
