import { DeleteButton, EditButton, Show } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useResourceParams, useShow } from '@refinedev/core';
import { Descriptions } from 'antd';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import type { AdminResource } from '@zhili/schemas';
import { cellRenderer } from '../schema/columns.ts';
import { Cell } from './cell.tsx';
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
  const own = Object.entries(resource.schema.properties ?? {}).map(([name, schema]) => ({ name, title: schema.title ?? name }));
  const standard = STANDARD_SHOWN.map((name) => ({ name, title: t(`fields.${name}`) }));
  const title = record && resource.titleField !== null ? `${resource.title}：${String(record[resource.titleField] ?? '')}` : resource.title;
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
            <Cell display={cellRenderer(fieldSchema(resource, name), locale)(record?.[name])} />
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Show>
  );
}
