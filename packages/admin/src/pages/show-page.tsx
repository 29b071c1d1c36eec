import { DeleteButton, EditButton, Show } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useResourceParams, useShow } from '@refinedev/core';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import { RecordFields } from './record-fields.tsx';
import { RecordCases } from '../cases/record-cases.tsx';
import type { AdminResource } from '@zhili/schemas';

/** The generic show page: every field of the record, labelled and rendered like the list's cells. */
export default function ShowPage() {
  const { resource: refineResource, id } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  if (resource === null || id === undefined) return null;
  return <ResourceShow key={`${resource.id}/${String(id)}`} resource={resource} id={id} />;
}

function ResourceShow({ resource, id }: { readonly resource: AdminResource; readonly id: string | number }) {
  const { meta, t } = useAdmin();
  const { query } = useShow<BaseRecord>({ resource: resource.id, id });
  const record = query.data?.data;
  const can = meta === null ? null : permissionsFor(meta, resource.id);
  const recordTitle = record && resource.titleField !== null ? record[resource.titleField] : undefined;
  const title = recordTitle === undefined || recordTitle === null ? resource.title : t('pages.show.title', { resource: resource.title, record: String(recordTitle) });
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
      <RecordFields resource={resource} record={record} />
      <RecordCases resource={resource} recordId={String(id)} />
    </Show>
  );
}
