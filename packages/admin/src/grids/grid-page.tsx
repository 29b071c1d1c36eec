import { ShowButton, useTable } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import type { AdminResource, ComplianceReport, GridViolation } from '@zhili/schemas';
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Key, ReactNode } from 'react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { permissionsFor } from '../meta/resources.ts';
import { fetchOrgUnit } from '../org/org-units.ts';
import { useRecordColumns } from '../pages/record-columns.tsx';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { GridChangeModal, useRemoveStaff } from './grid-maintenance.tsx';
import type { GridChange } from './grid-maintenance.tsx';
import { reachableAncestors, roleTitles } from './grid-view.ts';
import { PeriodPicker, usePeriodParam } from './period-picker.tsx';

/** A violation with what it is about, for the table. */
type Row = GridViolation & { readonly key: string };

/**
 * One grid: its households, staff by role and the rules it and its workers break in the period,
 * with their figures; then its households, staff and visits, and a visit entry for grid workers
 * (the visit resource's generated form, the grid pre-filled).
 */
export default function GridPage() {
  const { code = '' } = useParams();
  const { meta, client, locale, setOrg, t } = useAdmin();
  const navigate = useNavigate();
  const [period, periodParam] = usePeriodParam();
  const path = `/grids/compliance?org=${encodeURIComponent(code)}&period=${periodParam}`;
  const report = useQuery({
    queryKey: ['zhili', 'grids', 'compliance', path, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path })) as ComplianceReport,
  });
  const unit = useQuery({ queryKey: ['zhili', 'org', 'unit', code, locale], queryFn: async () => fetchOrgUnit(client, code) });
  const [change, setChange] = useState<GridChange | null>(null);
  const removeStaff = useRemoveStaff(code);
  const grids = meta?.grids ?? null;
  if (meta === null || grids === null) return <Empty style={{ margin: 64 }} description={t('grids.none')} />;

  const grid = report.data?.grids.find((g) => g.code === code);
  const roles = roleTitles(meta);
  const ruleTitle = new Map(grids.rules.map((r) => [r.id, r.title]));
  const violations: Row[] = [
    ...(grid?.violations ?? []),
    ...(report.data?.workers.flatMap((w) => w.violations) ?? []),
    ...(report.data?.units.flatMap((u) => u.violations) ?? []),
  ].map((v, index) => ({ ...v, key: `${v.rule}-${v.subject.type}-${v.subject.id ?? v.subject.code}-${index}` }));
  const reachable = unit.data === undefined ? new Set<string>() : reachableAncestors(meta, unit.data.ancestors);
  const resourceOf = (id: string) => meta.resources.find((r) => r.id === id) ?? null;
  const visits = resourceOf(grids.visits);
  const canVisit = visits !== null && permissionsFor(meta, visits.id).create;
  const maintain = meta.capabilities.maintainGrids;
  const staffResource = resourceOf(grids.staff);
  const toolbarOf = (id: string): ((selected: readonly string[]) => ReactNode) | undefined =>
    !maintain || id !== grids.households
      ? undefined
      : (selected) => (
          <>
            <Button disabled={selected.length === 0} onClick={() => setChange({ kind: 'move', households: selected })}>
              {t('grids.change.ok.move')}
            </Button>
            <Button disabled={selected.length === 0} onClick={() => setChange({ kind: 'split', households: selected })}>
              {t('grids.change.ok.split')}
            </Button>
          </>
        );
  const rowActionOf = (id: string): ((record: BaseRecord) => ReactNode) | undefined =>
    !maintain || id !== grids.staff
      ? undefined
      : (record) => (
          <Popconfirm title={t('grids.change.removeConfirm')} okText={t('grids.change.remove')} cancelText={t('buttons.cancel')} onConfirm={() => removeStaff(String(record.id))}>
            <Button size="small" danger>
              {t('grids.change.remove')}
            </Button>
          </Popconfirm>
        );

  const columns: TableColumnsType<Row> = [
    { key: 'rule', title: t('grids.rule'), render: (_: unknown, row) => ruleTitle.get(row.rule) ?? row.rule },
    {
      key: 'subject',
      title: t('grids.subject'),
      render: (_: unknown, row) => (
        <Space size={4}>
          <Tag>{t(`grids.subjects.${row.subject.type}`)}</Tag>
          {row.subject.name}
        </Space>
      ),
    },
    { key: 'message', title: t('grids.finding'), render: (_: unknown, row) => resolveText(row.message, locale) },
    { key: 'hard', title: t('grids.severity'), render: (_: unknown, row) => (row.hard ? <Tag color="red">{t('grids.hard')}</Tag> : <Tag color="orange">{t('grids.soft')}</Tag>) },
  ];

  const openList = (resource: string) => {
    setOrg(code);
    navigate(`/r/${encodeURIComponent(resource)}`);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Breadcrumb
            items={[
              { key: 'dashboard', title: <Link to={`/grids?period=${periodParam}`}>{t('grids.title')}</Link> },
              ...(unit.data?.ancestors ?? []).map((a) => ({
                key: a.code,
                title: reachable.has(a.code) ? (
                  <Typography.Link
                    onClick={() => {
                      setOrg(a.code);
                      navigate(`/grids?period=${periodParam}`);
                    }}
                  >
                    {a.name}
                  </Typography.Link>
                ) : (
                  a.name
                ),
              })),
            ]}
          />
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {unit.data?.name ?? code}
            </Typography.Title>
            <Space wrap>
              <PeriodPicker period={period} />
              {maintain ? <Button onClick={() => setChange({ kind: 'merge' })}>{t('grids.change.ok.merge')}</Button> : null}
              {maintain && staffResource !== null ? <Button onClick={() => setChange({ kind: 'assign' })}>{t('grids.change.ok.assign')}</Button> : null}
              {canVisit ? (
                <Button
                  type="primary"
                  onClick={() => {
                    setOrg(code);
                    navigate(`/r/${encodeURIComponent(grids.visits)}/create`);
                  }}
                >
                  {t('grids.recordVisit')}
                </Button>
              ) : null}
            </Space>
          </Space>
          {unit.error === null && report.error === null ? null : <Alert type="error" showIcon message={(unit.error ?? report.error)?.message} />}
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('grids.gridKind')}>{grid?.kind ?? EMPTY_CELL}</Descriptions.Item>
            <Descriptions.Item label={t('grids.households')}>{grid?.households ?? EMPTY_CELL}</Descriptions.Item>
            <Descriptions.Item label={t('grids.staff')}>
              {grid === undefined || Object.keys(grid.staff).length === 0
                ? EMPTY_CELL
                : Object.entries(grid.staff)
                    .map(([role, n]) => `${roles.get(role) ?? role} ${n}`)
                    .join('，')}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      </Card>
      <Card title={t('grids.findings', { period: report.data?.period.label ?? period.value })}>
        <Table<Row>
          rowKey="key"
          size="middle"
          loading={report.isFetching}
          columns={columns}
          dataSource={violations}
          pagination={false}
          locale={{ emptyText: t('grids.noFindings') }}
          scroll={{ x: 'max-content' }}
        />
        {report.data === undefined ? null : (
          <Space direction="vertical" size={4} style={{ marginTop: 16 }}>
            {report.data.rules
              .filter((r) => r.note !== null)
              .map((r) => (
                <Typography.Text key={r.id} type="secondary">
                  {resolveText(r.title, locale)}：{resolveText(r.note ?? r.title, locale)}
                </Typography.Text>
              ))}
          </Space>
        )}
      </Card>
      <Card>
        <Tabs
          items={[grids.households, grids.staff, grids.visits].flatMap((id) => {
            const resource = resourceOf(id);
            return resource === null || !permissionsFor(meta, id).read
              ? []
              : [
                  {
                    key: id,
                    label: resource.title,
                    children: <GridRecords resource={resource} grid={code} onOpenList={() => openList(id)} toolbar={toolbarOf(id)} rowAction={rowActionOf(id)} />,
                  },
                ];
          })}
        />
      </Card>
      {change === null ? null : <GridChangeModal grids={grids} grid={code} change={change} staff={staffResource} onClose={() => setChange(null)} />}
    </Space>
  );
}

/**
 * A page of a resource's records in the grid, with the configured columns; the whole list is one
 * click away. With `toolbar`, rows can be selected for it; `rowAction` adds to each row's actions.
 */
function GridRecords(props: {
  readonly resource: AdminResource;
  readonly grid: string;
  readonly onOpenList: () => void;
  readonly toolbar?: (selected: readonly string[]) => ReactNode;
  readonly rowAction?: (record: BaseRecord) => ReactNode;
}) {
  const { resource, grid, onOpenList, toolbar, rowAction } = props;
  const { t } = useAdmin();
  const [selected, setSelected] = useState<readonly string[]>([]);
  const { tableProps } = useTable<BaseRecord>({
    resource: resource.id,
    pagination: { pageSize: 10, mode: 'server' },
    sorters: { initial: resource.list.defaultSort.map((s) => ({ field: s.field, order: s.order })) },
    syncWithLocation: false,
    meta: { org: grid },
  });
  const rows = (tableProps.dataSource ?? []) as readonly Record<string, unknown>[];
  const columns = useRecordColumns(resource, rows);
  return (
    <>
      {toolbar === undefined ? null : <Space style={{ marginBottom: 12 }}>{toolbar(selected)}</Space>}
      <Table
        {...tableProps}
        {...(toolbar === undefined ? {} : { rowSelection: { selectedRowKeys: [...selected], onChange: (keys: Key[]) => setSelected(keys.map(String)) } })}
        pagination={tableProps.pagination === false ? false : { ...tableProps.pagination, showTotal: (total) => t('table.total', { total }) }}
        rowKey="id"
        size="middle"
        columns={[
          ...columns,
          {
            key: 'actions',
            title: t('table.actions'),
            fixed: 'right' as const,
            render: (_: unknown, record: BaseRecord) => (
              <Space size="small">
                <ShowButton hideText size="small" resource={resource.id} recordItemId={record.id} />
                {rowAction?.(record)}
              </Space>
            ),
          },
        ]}
        scroll={{ x: 'max-content' }}
      />
      <Button type="link" onClick={onOpenList} style={{ paddingLeft: 0 }}>
        {t('grids.openList', { resource: resource.title })}
      </Button>
    </>
  );
}
