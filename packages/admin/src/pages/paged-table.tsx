import { Table } from 'antd';
import type { TableProps } from 'antd';

/** The props of a {@link PagedTable}: antd's table, less what the page decides. */
export type PagedTableProps<T extends object> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale'> & {
  /** The rows of the page shown. */
  readonly rows: readonly T[];
  /** How many rows the list has in all (the engine's `total`). */
  readonly total: number;
  readonly loading: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly onPage: (page: number) => void;
  readonly emptyText: string;
};

/** One page of an engine list (`{ data, total }`) as a table, with the pager under it and no page-size changer. */
export function PagedTable<T extends object>({ rows, total, loading, page, pageSize, onPage, emptyText, ...table }: PagedTableProps<T>) {
  return (
    <Table<T>
      {...table}
      loading={loading}
      dataSource={[...rows]}
      locale={{ emptyText }}
      pagination={{ current: page, pageSize, total, onChange: onPage, showSizeChanger: false }}
    />
  );
}
