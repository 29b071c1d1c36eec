import type { AdminPoints, PointsPage, PointsPosting, PointsPostingKind } from '@zhili/schemas';
import { Card } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { useHolderNames } from './holder-names.ts';
import { usePointsQuery } from './points-hooks.ts';
import { postingTitle } from './points-view.ts';

const PAGE_SIZE = 10;

/** The scheme's postings of some kinds at the navigator's unit, newest first: the shop's orders (兑换记录), the time bank's exchanges. */
export function LedgerTable({ scheme, kinds, title, className }: { readonly scheme: AdminPoints; readonly kinds: readonly PointsPostingKind[]; readonly title: string; readonly className: string }) {
  const { org, t } = useAdmin();
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ kind: kinds.join(','), page: String(page), pageSize: String(PAGE_SIZE) });
  if (org !== null) params.set('org', org);
  const result = usePointsQuery<PointsPage<PointsPosting>>(`/points/${scheme.id}/postings?${params.toString()}`);
  const rows = result.data?.data ?? [];
  const names = useHolderNames(scheme, rows);
  const unit = (p: PointsPosting) => (p.currency === 'time' ? (scheme.timeBank?.coin ?? '') : scheme.unit);
  const columns: TableColumnsType<PointsPosting> = [
    { key: 'at', title: t('points.at'), render: (_: unknown, p) => dayjs(p.at).format('YYYY-MM-DD HH:mm') },
    { key: 'holder', title: t('points.holder'), render: (_: unknown, p) => (p.holder === null ? '' : <Link to={`/points/${scheme.id}/accounts/${p.holder}`}>{names.holder(p.holder)}</Link>) },
    { key: 'what', title: t('points.what'), render: (_: unknown, p) => (p.quantity > 1 ? `${postingTitle(p, scheme, t)} × ${p.quantity}` : postingTitle(p, scheme, t)) },
    { key: 'amount', title: t('points.amount'), align: 'right', render: (_: unknown, p) => `${p.amount} ${unit(p)}` },
    { key: 'memo', title: t('points.memo'), render: (_: unknown, p) => p.memo ?? '' },
    { key: 'actor', title: t('points.postedBy'), render: (_: unknown, p) => p.actor.name },
  ];
  return (
    <Card title={title} size="small" style={{ marginTop: 16 }}>
      <PagedTable<PointsPosting>
        className={className}
        rowKey="id"
        size="small"
        columns={columns}
        rows={rows}
        total={result.data?.total ?? 0}
        loading={result.isLoading}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        emptyText={t('points.noPostings')}
      />
    </Card>
  );
}
