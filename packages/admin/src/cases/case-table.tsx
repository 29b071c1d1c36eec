import type { Case } from '@zhili/schemas';
import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { casesPath } from './case-view.ts';
import { useCaseList, useRecordTitles, useUnitNames } from './case-hooks.ts';
import { DueTag } from './due-tag.tsx';

const PAGE_SIZE = 20;

/** A paged table of cases: the actor's to-do (`actionable`) or the open cases assigned to the actor (`mine`). */
export function CaseTable({ workflow, list, overdueOnly }: { readonly workflow: string; readonly list: 'actionable' | 'mine'; readonly overdueOnly: boolean }) {
  const { meta, org, t } = useAdmin();
  const [page, setPage] = useState(1);
  const filter = list === 'actionable' ? { actionable: true } : { assignee: 'me' as const, closed: false };
  const result = useCaseList(casesPath({ workflow, org, ...filter, ...(overdueOnly ? { overdue: true } : {}), page, pageSize: PAGE_SIZE }));
  const cases = result.data?.data ?? [];
  const title = useRecordTitles(cases);
  const unitName = useUnitNames(cases.map((c) => c.orgCode));
  const stateTitle = (found: Case) => meta?.workflows.find((w) => w.id === found.workflow)?.states.find((s) => s.id === found.state)?.title ?? found.state;
  const columns: TableColumnsType<Case> = [
    {
      key: 'record',
      title: t('cases.record'),
      render: (_: unknown, found) => <Link to={`/cases/${found.id}`}>{title(found)}</Link>,
    },
    { key: 'state', title: t('cases.state'), render: (_: unknown, found) => <Tag color="blue">{stateTitle(found)}</Tag> },
    { key: 'unit', title: t('cases.unit'), render: (_: unknown, found) => unitName(found.orgCode) },
    { key: 'assignee', title: t('cases.assignee'), render: (_: unknown, found) => found.assignee?.username ?? <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text> },
    { key: 'due', title: t('cases.due'), render: (_: unknown, found) => <DueTag found={found} /> },
    { key: 'updatedAt', title: t('cases.updatedAt'), render: (_: unknown, found) => dayjs(found.updatedAt).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <PagedTable<Case>
      rowKey="id"
      size="middle"
      columns={columns}
      rows={cases}
      total={result.data?.total ?? 0}
      loading={result.isLoading}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      emptyText={t('cases.empty')}
    />
  );
}
