import { useQuery } from '@tanstack/react-query';
import type { AdminWorkflow, CaseMetrics } from '@zhili/schemas';
import { Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { PeriodPicker, usePeriodParam } from '../grids/period-picker.tsx';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { periodRange } from './case-view.ts';

/**
 * The workflow's figures (综合评价) for the period, per unit: the navigator's unit (or the top of
 * what the actor may read) first, then each unit right below it, which a click narrows to. Counted by
 * where cases were opened: opened, closed, on-time rate, mean handling time, satisfaction.
 */
export function CaseMetricsTable({ workflow }: { readonly workflow: AdminWorkflow }) {
  const { client, locale, org, setOrg, t } = useAdmin();
  const [period] = usePeriodParam();
  const { from, to } = periodRange(period);
  const path = `/workflows/${encodeURIComponent(workflow.id)}/metrics?from=${from}&to=${to}${org === null ? '' : `&org=${encodeURIComponent(org)}`}`;
  const metrics = useQuery({
    queryKey: ['zhili', 'cases', 'metrics', path, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path })) as { data: CaseMetrics[] }).data,
  });
  const rows = metrics.data ?? [];
  const top = rows[0]?.orgCode;
  const number = (value: number | null, digits: number) => (value === null ? EMPTY_CELL : value.toLocaleString(locale, { maximumFractionDigits: digits }));
  const columns: TableColumnsType<CaseMetrics> = [
    {
      key: 'unit',
      title: t('cases.unit'),
      render: (_: unknown, row) =>
        row.orgCode === top ? <Typography.Text strong>{row.orgName}</Typography.Text> : <Typography.Link onClick={() => setOrg(row.orgCode)}>{row.orgName}</Typography.Link>,
    },
    { key: 'opened', title: t('cases.metrics.opened'), align: 'right', dataIndex: 'opened' },
    { key: 'open', title: t('cases.metrics.inHand'), align: 'right', render: (_: unknown, row) => row.opened - row.closed },
    { key: 'closed', title: t('cases.metrics.closed'), align: 'right', dataIndex: 'closed' },
    { key: 'onTime', title: t('cases.metrics.onTimeRate'), align: 'right', render: (_: unknown, row) => (row.onTimeRate === null ? EMPTY_CELL : `${number(row.onTimeRate * 100, 1)}%`) },
    { key: 'hours', title: t('cases.metrics.meanHours'), align: 'right', render: (_: unknown, row) => number(row.meanHandlingHours, 1) },
    {
      key: 'satisfaction',
      title: t('cases.satisfaction'),
      align: 'right',
      render: (_: unknown, row) => (row.satisfaction === null ? EMPTY_CELL : t('cases.metrics.scoreOf', { score: number(row.satisfaction, 2), count: row.evaluated })),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PeriodPicker period={period} />
      <Table<CaseMetrics> rowKey="orgCode" size="middle" loading={metrics.isLoading} columns={columns} dataSource={rows} pagination={false} />
    </Space>
  );
}
