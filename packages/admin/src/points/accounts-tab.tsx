import type { AdminPoints, PointsAccount, PointsPage } from '@zhili/schemas';
import { Input, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { useHolderNames } from './holder-names.ts';
import { usePointsQuery } from './points-hooks.ts';

const PAGE_SIZE = 20;

/** The accounts at the navigator's unit, highest balance first, each opening its page. */
export function AccountsTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { org, t } = useAdmin();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (org !== null) params.set('org', org);
  const result = usePointsQuery<PointsPage<PointsAccount>>(`/points/${scheme.id}/accounts?${params.toString()}`);
  const accounts = result.data?.data ?? [];
  const names = useHolderNames(scheme, accounts);
  const shown = search.trim() === '' ? accounts : accounts.filter((a) => names.holder(a.holder).includes(search.trim()) || names.building(a.building).includes(search.trim()));
  const columns: TableColumnsType<PointsAccount> = [
    { key: 'holder', title: t('points.holder'), render: (_: unknown, a) => <Link to={`/points/${scheme.id}/accounts/${a.holder}`}>{names.holder(a.holder)}</Link> },
    ...(scheme.holder.buildingField !== null ? [{ key: 'building', title: t('points.building'), render: (_: unknown, a: PointsAccount) => names.building(a.building) }] : []),
    { key: 'balance', title: t('points.balance', { unit: scheme.unit }), dataIndex: 'balance', align: 'right' },
    ...(scheme.timeBank !== null ? [{ key: 'time', title: scheme.timeBank.coin, dataIndex: 'timeBalance', align: 'right' as const }] : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear placeholder={t('points.searchOnPage')} style={{ maxWidth: 320 }} onSearch={setSearch} onChange={(e) => e.target.value === '' && setSearch('')} />
      <PagedTable<PointsAccount>
        className="zhili-points-accounts"
        rowKey="holder"
        size="middle"
        columns={columns}
        rows={shown}
        total={result.data?.total ?? 0}
        loading={result.isLoading}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        emptyText={t('points.noAccounts')}
      />
    </Space>
  );
}
