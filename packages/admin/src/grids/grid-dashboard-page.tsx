import { useQuery } from '@tanstack/react-query';
import type { GridSummary, GridUnitSummary } from '@zhili/schemas';
import { Alert, Breadcrumb, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { fetchOrgUnit } from '../org/org-units.ts';
import { requestJson } from '../providers/http.ts';
import { EChart } from './echart.tsx';
import type { ChartOption } from './echart.tsx';
import { reachableAncestors, unitFigures } from './grid-view.ts';
import { PeriodPicker, usePeriodParam } from './period-picker.tsx';

/**
 * The grid dashboard (网格看板) of the navigator's unit and period: coverage, grids over their
 * household cap, understaffed grids, visit-quota attainment and overdue must-visit households, for
 * the unit and per unit directly under it. A bar or a row drills down (the navigator follows, so
 * every list narrows too); under the lowest level above the grids, a row opens the grid's page.
 */
export default function GridDashboardPage() {
  const { meta, org, setOrg, client, locale, t } = useAdmin();
  const navigate = useNavigate();
  const [period, periodParam] = usePeriodParam();
  const path = `/grids/summary?period=${periodParam}${org === null ? '' : `&org=${encodeURIComponent(org)}`}`;
  const summary = useQuery({
    queryKey: ['zhili', 'grids', 'summary', path, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path })) as GridSummary,
  });
  const current = summary.data?.org.code;
  const unit = useQuery({
    queryKey: ['zhili', 'org', 'unit', current, locale],
    queryFn: async () => fetchOrgUnit(client, current ?? ''),
    enabled: current !== undefined,
  });
  const grids = meta?.grids ?? null;
  const children = useMemo(() => summary.data?.children ?? [], [summary.data]);

  const open = (child: GridUnitSummary) => {
    if (grids !== null && child.level === grids.level) navigate(`/grids/${encodeURIComponent(child.code)}?period=${periodParam}`);
    else setOrg(child.code);
  };

  const charts = useMemo(() => chartOptions(children, t), [children, t]);
  if (meta === null || grids === null) return <Empty style={{ margin: 64 }} description={t('grids.none')} />;

  const total = summary.data?.total;
  const figures = total === undefined ? null : unitFigures(total);
  const reachable = unit.data === undefined ? new Set<string>() : reachableAncestors(meta, unit.data.ancestors);
  const levelTitle = (level: string) => meta.levels.find((l) => l.id === level)?.title ?? level;

  const columns: TableColumnsType<GridUnitSummary> = [
    {
      key: 'name',
      title: children[0] === undefined ? t('grids.unit') : levelTitle(children[0].level),
      render: (_: unknown, row) => <Typography.Link onClick={() => open(row)}>{row.name}</Typography.Link>,
    },
    { key: 'grids', title: t('grids.grids'), align: 'right', dataIndex: 'grids' },
    { key: 'coverage', title: t('grids.coverage'), align: 'right', render: (_: unknown, row) => percentText(unitFigures(row).coverage) },
    { key: 'households', title: t('grids.households'), align: 'right', render: (_: unknown, row) => row.households.toLocaleString(locale) },
    { key: 'overCap', title: t('grids.overCap'), align: 'right', render: (_: unknown, row) => flagged(row.overCap, 'red') },
    { key: 'understaffed', title: t('grids.understaffed'), align: 'right', render: (_: unknown, row) => flagged(row.understaffed, 'orange') },
    { key: 'overstaffed', title: t('grids.overstaffed'), align: 'right', render: (_: unknown, row) => flagged(row.overstaffed, 'orange') },
    {
      key: 'quota',
      title: t('grids.quotaAttainment'),
      align: 'right',
      render: (_: unknown, row) => `${row.workersMeetingQuota} / ${row.workers}（${percentText(unitFigures(row).quotaAttainment)}）`,
    },
    { key: 'mustVisitOverdue', title: t('grids.mustVisitOverdue'), align: 'right', render: (_: unknown, row) => flagged(row.mustVisitOverdue, 'red') },
    { key: 'violations', title: t('grids.violations'), align: 'right', render: (_: unknown, row) => flagged(row.violations, 'red') },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('grids.title')}
              {summary.data === undefined ? '' : ` · ${summary.data.org.name}`}
            </Typography.Title>
            <PeriodPicker period={period} />
          </Space>
          <Breadcrumb
            items={[
              ...(unit.data?.ancestors ?? []).map((a) => ({
                key: a.code,
                title: reachable.has(a.code) ? <Typography.Link onClick={() => setOrg(a.code)}>{a.name}</Typography.Link> : a.name,
              })),
              ...(unit.data === undefined ? [] : [{ key: unit.data.code, title: unit.data.name }]),
            ]}
          />
          <Typography.Text type="secondary">
            {grids.title}
            {summary.data === undefined ? '' : ` · ${t('grids.periodOf', { from: summary.data.period.from, to: summary.data.period.to, asOf: summary.data.period.asOf })}`}
          </Typography.Text>
        </Space>
      </Card>
      {summary.error === null ? null : <Alert type="error" showIcon message={summary.error.message} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic title={t('grids.grids')} value={total?.grids ?? 0} />
            {total === undefined ? null : <Typography.Text type="secondary">{t('grids.coveredOf', { covered: total.coveredGrids })}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic title={t('grids.households')} value={total?.households ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic title={t('grids.coverage')} value={figures?.coverage ?? '—'} suffix={figures?.coverage == null ? null : '%'} precision={figures?.coverage == null ? undefined : 1} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic
              title={t('grids.problemGrids')}
              value={figures?.problemGrids ?? 0}
              valueStyle={{ color: (figures?.problemGrids ?? 0) > 0 ? '#cf1322' : undefined }}
            />
            {total === undefined ? null : (
              <Typography.Text type="secondary">{t('grids.problemSplit', { overCap: total.overCap, understaffed: total.understaffed, overstaffed: total.overstaffed })}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic
              title={t('grids.quotaAttainment')}
              value={figures?.quotaAttainment ?? '—'}
              precision={figures?.quotaAttainment == null ? undefined : 1}
              suffix={total === undefined || figures?.quotaAttainment == null ? null : <Small>{`% （${total.workersMeetingQuota} / ${total.workers}）`}</Small>}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card loading={summary.isLoading} style={{ height: '100%' }}>
            <Statistic
              title={t('grids.mustVisitOverdue')}
              value={total?.mustVisitOverdue ?? 0}
              valueStyle={{ color: (total?.mustVisitOverdue ?? 0) > 0 ? '#cf1322' : undefined }}
              suffix={<Small>{t('grids.householdUnit')}</Small>}
            />
          </Card>
        </Col>
      </Row>
      {children.length === 0 ? null : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('grids.chartProblems')}>
              <EChart label={t('grids.chartProblems')} option={charts.problems} onClick={(index) => children[index] && open(children[index])} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('grids.chartRates')}>
              <EChart label={t('grids.chartRates')} option={charts.rates} onClick={(index) => children[index] && open(children[index])} />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={t('grids.byUnit')}>
        <Table<GridUnitSummary>
          rowKey="code"
          size="middle"
          loading={summary.isFetching}
          columns={columns}
          dataSource={[...children]}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('table.total', { total: n }) }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Space>
  );
}

function Small({ children }: { readonly children: string }) {
  return <span style={{ fontSize: 14, color: 'rgba(0, 0, 0, 0.45)', marginLeft: 4 }}>{children}</span>;
}

function flagged(value: number, color: string) {
  return value === 0 ? 0 : <Tag color={color}>{value.toLocaleString()}</Tag>;
}

function percentText(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

/** The two charts of the units under the current one: problem grids by kind, and the coverage and quota rates. */
function chartOptions(children: readonly GridUnitSummary[], t: (key: string) => string): { readonly problems: ChartOption; readonly rates: ChartOption } {
  const names = children.map((c) => c.name);
  const axis = { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 30 : 0 } };
  const layout = { left: 48, right: 16, top: 40, bottom: names.length > 8 ? 72 : 32 };
  const bar = (name: string, data: readonly (number | null)[], color: string) => ({ type: 'bar' as const, name, data: [...data], itemStyle: { color } });
  return {
    problems: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: layout,
      xAxis: axis,
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        bar(t('grids.overCap'), children.map((c) => c.overCap), '#cf1322'),
        bar(t('grids.understaffed'), children.map((c) => c.understaffed), '#fa8c16'),
        bar(t('grids.overstaffed'), children.map((c) => c.overstaffed), '#faad14'),
      ],
    },
    rates: {
      tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '—') },
      legend: { top: 0 },
      grid: layout,
      xAxis: axis,
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        bar(t('grids.coverage'), children.map((c) => unitFigures(c).coverage), '#1677ff'),
        bar(t('grids.quotaAttainment'), children.map((c) => unitFigures(c).quotaAttainment), '#52c41a'),
      ],
    },
  };
}
