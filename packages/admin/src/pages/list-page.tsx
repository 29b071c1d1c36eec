import { DeleteButton, EditButton, List, ShowButton, useTable } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useResourceParams } from '@refinedev/core';
import { Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import type { AdminResource } from '@zhili/schemas';
import { FilterBar, toCrudFilters } from './filter-bar.tsx';
import { useRecordColumns } from './record-columns.tsx';

/** The generic list: the resource's configured columns, filters and default sort, paged on the server. */
export default function ListPage() {
  const { resource: refineResource } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  const { org } = useAdmin();
  if (resource === null) return null;
  return <ResourceList key={`${resource.id}@${org ?? ''}`} resource={resource} org={org} />;
}

function ResourceList({ resource, org }: { readonly resource: AdminResource; readonly org: string | null }) {
  const { meta, t } = useAdmin();
  const { tableProps, sorters, searchFormProps } = useTable<BaseRecord, never, Record<string, unknown>>({
    resource: resource.id,
    pagination: { pageSize: resource.list.pageSize, mode: 'server' },
    sorters: { initial: resource.list.defaultSort.map((s) => ({ field: s.field, order: s.order })) },
    filters: { mode: 'server' },
    onSearch: (values) => toCrudFilters(resource, values),
    syncWithLocation: true,
    meta: { org },
  });
  const can = meta === null ? null : permissionsFor(meta, resource.id);
  const rows = (tableProps.dataSource ?? []) as readonly Record<string, unknown>[];
  const dataColumns = useRecordColumns(resource, rows, sorters);
  const columns = useMemo<TableColumnsType<BaseRecord>>(
    () => [
      ...dataColumns,
      {
        key: 'actions',
        title: t('table.actions'),
        fixed: 'right' as const,
        render: (_: unknown, record: BaseRecord) => (
          <Space size="small">
            <ShowButton hideText size="small" recordItemId={record.id} />
            {can?.update ? <EditButton hideText size="small" recordItemId={record.id} /> : null}
            {can?.delete ? <DeleteButton hideText size="small" recordItemId={record.id} meta={{ version: record['version'] }} /> : null}
          </Space>
        ),
      },
    ],
    [dataColumns, can, t],
  );
  return (
    <List title={resource.title} canCreate={can?.create ?? false}>
      {resource.list.filters.length > 0 ? <FilterBar resource={resource} formProps={searchFormProps} /> : null}
      <Table
        {...tableProps}
        pagination={tableProps.pagination === false ? false : { ...tableProps.pagination, showTotal: (total) => t('table.total', { total }) }}
        rowKey="id"
        columns={columns}
        scroll={{ x: 'max-content' }}
      />
    </List>
  );
}
