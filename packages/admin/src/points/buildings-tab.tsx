import type { AdminPoints, PointsBuildings, PointsBuildingTotal } from '@zhili/schemas';
import { DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { useHolderNames } from './holder-names.ts';
import { usePointsQuery } from './points-hooks.ts';
import { periodLabel } from './points-view.ts';

/** The building leaderboard (楼栋积分) of a published period at the navigator's unit: best first, the scheme's top rows marked. */
export function BuildingsTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { org, t } = useAdmin();
  const publication = scheme.publication;
  const [date, setDate] = useState<Dayjs | null>(null);
  const label = publication === null || date === null ? null : periodLabel(publication.period, { year: date.year(), month: date.month() + 1 });
  const params = new URLSearchParams();
  if (label !== null) params.set('period', label);
  if (org !== null) params.set('org', org);
  const result = usePointsQuery<PointsBuildings>(`/points/${scheme.id}/buildings?${params.toString()}`, publication !== null);
  const rows = result.data?.data ?? [];
  const names = useHolderNames(scheme, rows);
  if (publication === null) return null;
  const columns: TableColumnsType<PointsBuildingTotal & { rank: number }> = [
    { key: 'rank', title: t('points.rank'), dataIndex: 'rank', width: 80, render: (rank: number) => (rank <= publication.top ? <Typography.Text strong>{rank}</Typography.Text> : rank) },
    { key: 'building', title: t('points.building'), render: (_: unknown, r) => names.building(r.building) },
    { key: 'accounts', title: t('points.accounts.count'), dataIndex: 'accounts', align: 'right' },
    { key: 'earned', title: t('points.earned'), dataIndex: 'earned', align: 'right' },
    { key: 'deducted', title: t('points.deducted'), dataIndex: 'deducted', align: 'right' },
    { key: 'balance', title: t('points.balance', { unit: scheme.unit }), dataIndex: 'balance', align: 'right' },
  ];
  const picker = publication.period === 'week' ? null : publication.period;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text type="secondary">{t('points.period')}</Typography.Text>
        {picker !== null ? (
          <DatePicker id="points-period" picker={picker} value={date ?? dayjs()} allowClear={false} onChange={setDate} disabledDate={(d) => d.isAfter(dayjs())} />
        ) : null}
        <Typography.Text>{result.data?.period ?? ''}</Typography.Text>
      </Space>
      <Table
        className="zhili-points-buildings"
        rowKey="building"
        size="middle"
        loading={result.isLoading}
        columns={columns}
        dataSource={rows.map((r, i) => ({ ...r, rank: i + 1 }))}
        pagination={false}
        locale={{ emptyText: t('points.noBuildings') }}
      />
    </Space>
  );
}
