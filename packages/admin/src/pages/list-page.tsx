import { DeleteButton, EditButton, getDefaultSortOrder, List, ShowButton, useTable } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useResourceParams } from '@refinedev/core';
import { Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import type { AdminResource } from '@zhili/schemas';
import { cellRenderer } from '../schema/columns.ts';
import { Cell } from './cell.tsx';
import { ReferenceCell } from '../references/reference-cell.tsx';
import { referenceFields } from '../references/reference-labels.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';
import { fieldSchema, FilterBar, toCrudFilters } from './filter-bar.tsx';

/** The generic list: the resource's configured columns, filters and default sort, paged on the server. */
export default function ListPage() {
  const { resource: refineResource } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  const { org } = useAdmin();
  if (resource === null) return null;
  return <ResourceList key={`${resource.id}@${org ?? ''}`} resource={resource} org={org} />;
}

function ResourceList({ resource, org }: { readonly resource: AdminResource; readonly org: string | null }) {
  const { meta, locale, t } = useAdmin();
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
  const references = useMemo(() => new Map(referenceFields(resource, resource.list.columns.map((c) => c.field)).map((r) => [r.field, r.target])), [resource]);
  const rows = (tableProps.dataSource ?? []) as readonly Record<string, unknown>[];
  const labels = useReferenceLabels(rows, useMemo(() => [...references].map(([field, target]) => ({ field, target })), [references]));
  const columns = useMemo<TableColumnsType<BaseRecord>>(
    () => [
      ...resource.list.columns.map((column) => {
        const render = cellRenderer(fieldSchema(resource, column.field), locale);
        const target = references.get(column.field);
        return {
          key: column.field,
          dataIndex: column.field,
          title: column.title,
          ...(column.width === null ? {} : { width: column.width }),
          sorter: column.sortable ? { multiple: 1 } : false,
          defaultSortOrder: getDefaultSortOrder(column.field, sorters),
          render: (value: unknown) => (target === undefined ? <Cell display={render(value)} /> : <ReferenceCell target={target} value={value} labels={labels} />),
        };
      }),
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
    [resource, locale, sorters, can, t, references, labels],
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
