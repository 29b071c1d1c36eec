import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import type { ChecklistSummary } from './checklist-types.ts';

/** The checklists (清单) the actor may see: what each is, who owns it, the version in force and whether a draft waits. */
export default function ChecklistsPage() {
  const { client, meta, locale, t } = useAdmin();
  const { data, isFetching } = useQuery({
    queryKey: ['zhili', 'checklists', locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path: '/checklists' })) as { data: ChecklistSummary[] }).data,
  });
  const kindTitles = new Map((meta?.checklists ?? []).map((c) => [c.id, c.kindTitle]));
  const levelTitles = new Map((meta?.levels ?? []).map((l) => [l.id, l.title]));

  const columns: TableColumnsType<ChecklistSummary> = [
    {
      key: 'title',
      title: t('checklists.name'),
      render: (_: unknown, row) => <Link to={`/checklists/${encodeURIComponent(row.id)}`}>{resolveText(row.title, locale)}</Link>,
    },
    { key: 'kind', title: t('checklists.kind'), render: (_: unknown, row) => kindTitles.get(row.id) ?? row.kind },
    { key: 'owner', title: t('checklists.owner'), render: (_: unknown, row) => levelTitles.get(row.owner) ?? row.owner },
    {
      key: 'inForce',
      title: t('checklists.inForce'),
      render: (_: unknown, row) =>
        row.inForce === null ? EMPTY_CELL : t('checklists.versionSince', { version: row.inForce.version, date: row.inForce.effectiveFrom ?? EMPTY_CELL }),
    },
    {
      key: 'latest',
      title: t('checklists.upcoming'),
      render: (_: unknown, row) =>
        row.latest !== null && row.latest.version !== row.inForce?.version
          ? t('checklists.versionSince', { version: row.latest.version, date: row.latest.effectiveFrom ?? EMPTY_CELL })
          : EMPTY_CELL,
    },
    {
      key: 'draft',
      title: t('checklists.draft'),
      render: (_: unknown, row) => (row.draft === null ? EMPTY_CELL : <Tag color="gold">{t('checklists.draftExists')}</Tag>),
    },
    { key: 'public', title: t('checklists.public'), render: (_: unknown, row) => (row.public ? <Tag color="green">{t('checklists.isPublic')}</Tag> : EMPTY_CELL) },
  ];

  return (
    <List title={t('checklists.title')}>
      <Table<ChecklistSummary> rowKey="id" size="middle" loading={isFetching} columns={columns} dataSource={data} pagination={false} scroll={{ x: 'max-content' }} />
    </List>
  );
}
