import { resolveText } from '@zhili/schemas';
import type { AdminChecklist } from '@zhili/schemas';
import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DragEvent, ReactNode } from 'react';
import { useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { Cell } from '../pages/cell.tsx';
import type { ChecklistItem } from './checklist-types.ts';
import { attributeColumns } from './checklist-view.ts';

/** The drag data type of an item being dragged to another place. */
const DRAG_TYPE = 'application/x-zhili-checklist-item';

/**
 * The items of a checklist version: place, code, title and one column per attribute of the item
 * schema (shown as list cells show them); retired items greyed with their status. `title` may
 * render the title cell (inline editing), `actions` adds a last column. With `onDrop`, active items
 * can be dragged onto one another to reorder them (the ↑/↓ buttons of `actions` do it by keyboard).
 */
export function ItemsTable(props: {
  readonly checklist: AdminChecklist;
  readonly items: readonly ChecklistItem[];
  readonly loading: boolean;
  readonly title?: (item: ChecklistItem) => ReactNode;
  readonly actions?: (item: ChecklistItem) => ReactNode;
  /** The item `code` was dragged onto the item `onto`. */
  readonly onDrop?: (code: string, onto: string) => void;
}) {
  const { checklist, items, loading, title, actions, onDrop } = props;
  const { locale, t } = useAdmin();
  const attributes = useMemo(() => attributeColumns(checklist.itemSchema, checklist.itemUiSchema, locale), [checklist, locale]);
  const columns: TableColumnsType<ChecklistItem> = [
    { key: 'place', title: t('checklists.place'), width: 64, render: (_: unknown, __: ChecklistItem, index: number) => index + 1 },
    { key: 'code', title: t('checklists.itemCode'), dataIndex: 'code', width: 110 },
    {
      key: 'title',
      title: t('checklists.itemTitle'),
      width: 260,
      render: (_: unknown, item) => (
        <>
          {title === undefined ? resolveText(item.title, locale) : title(item)}
          {item.status === 'retired' ? <Tag style={{ marginInlineStart: 8 }}>{t('checklists.retired')}</Tag> : null}
        </>
      ),
    },
    ...attributes.map((column) => ({
      key: `attr:${column.field}`,
      title: column.title,
      render: (_: unknown, item: ChecklistItem) => <Cell display={column.render(item.attributes[column.field])} />,
    })),
    ...(actions === undefined ? [] : [{ key: 'actions', title: t('table.actions'), fixed: 'right' as const, render: (_: unknown, item: ChecklistItem) => actions(item) }]),
  ];
  return (
    <Table<ChecklistItem>
      rowKey="code"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={items as ChecklistItem[]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Typography.Text type="secondary">{t('checklists.noItems')}</Typography.Text> }}
      onRow={(item) =>
        onDrop === undefined || item.status !== 'active'
          ? {}
          : {
              draggable: true,
              style: { cursor: 'grab' },
              onDragStart: (event: DragEvent<HTMLElement>) => {
                event.dataTransfer.setData(DRAG_TYPE, item.code);
                event.dataTransfer.effectAllowed = 'move';
              },
              onDragOver: (event: DragEvent<HTMLElement>) => {
                if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
              },
              onDrop: (event: DragEvent<HTMLElement>) => {
                const code = event.dataTransfer.getData(DRAG_TYPE);
                if (code === '') return;
                event.preventDefault();
                onDrop(code, item.code);
              },
            }
      }
    />
  );
}
