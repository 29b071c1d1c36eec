import { getDefaultSortOrder } from '@refinedev/antd';
import type { BaseRecord, CrudSort } from '@refinedev/core';
import type { AdminResource } from '@zhili/schemas';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { ReferenceCell } from '../references/reference-cell.tsx';
import { referenceFields } from '../references/reference-labels.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';
import { cellRenderer } from '../schema/columns.ts';
import { Cell } from './cell.tsx';
import { fieldSchema } from './filter-bar.tsx';

/**
 * The configured list columns of a resource for a page of its records: each cell displayed by its
 * field's schema, references by the referenced record's title (one request per referenced resource
 * per page). With `sorters`, the sortable columns sort on the server.
 */
export function useRecordColumns(resource: AdminResource, rows: readonly Record<string, unknown>[], sorters?: readonly CrudSort[]): TableColumnsType<BaseRecord> {
  const { locale } = useAdmin();
  const references = useMemo(() => new Map(referenceFields(resource, resource.list.columns.map((c) => c.field)).map((r) => [r.field, r.target])), [resource]);
  const labels = useReferenceLabels(rows, useMemo(() => [...references].map(([field, target]) => ({ field, target })), [references]));
  return useMemo<TableColumnsType<BaseRecord>>(
    () =>
      resource.list.columns.map((column) => {
        const render = cellRenderer(fieldSchema(resource, column.field), locale);
        const target = references.get(column.field);
        return {
          key: column.field,
          dataIndex: column.field,
          title: column.title,
          ...(column.width === null ? {} : { width: column.width }),
          ...(sorters === undefined ? {} : { sorter: column.sortable ? { multiple: 1 } : false, defaultSortOrder: getDefaultSortOrder(column.field, [...sorters]) }),
          render: (value: unknown) => (target === undefined ? <Cell display={render(value)} /> : <ReferenceCell target={target} value={value} labels={labels} />),
        };
      }),
    [resource, locale, sorters, references, labels],
  );
}
