import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { AUDIT_ACTIONS } from '@zhili/schemas';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL, formatDateTime } from '../schema/columns.ts';
import { auditPath, detailText, shortHash } from './audit-query.ts';
import type { AuditFilters, AuditRow, AuditRowsPage } from './audit-query.ts';


const ACTION_COLORS: Readonly<Record<string, string>> = { create: 'green', update: 'blue', delete: 'red', 'pii-read': 'orange', 'login-failed': 'volcano', publish: 'purple', approve: 'cyan', reject: 'magenta' };

interface FilterForm {
  readonly action?: string;
  readonly resource?: string;
  readonly range?: readonly [Dayjs | null, Dayjs | null] | null;
}

/**
 * The audit trail (审计日志), newest first, within the actor's audit grants: who did what to which
 * record when, with the change's detail and the row's place in the hash chain.
 */
export default function AuditPage() {
  const { client, meta, locale, t } = useAdmin();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const path = auditPath(filters, page, pageSize);
  const { data, isFetching } = useQuery({
    queryKey: ['zhili', 'audit', path, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path })) as AuditRowsPage,
    placeholderData: (previous) => previous,
  });
  const resourceTitles = useMemo(() => new Map((meta?.resources ?? []).map((r) => [r.id, r.title])), [meta]);
  // An action this admin does not know yet (a newer engine's) shows as the engine names it.
  const actionLabel = (action: string): string => {
    const key = `audit.actions.${action}`;
    const text = t(key);
    return text === key ? action : text;
  };
  const readable = (resource: string | null): boolean => resource !== null && meta?.permissions[resource]?.read === true;

  const columns: TableColumnsType<AuditRow> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName' },
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => <Tag color={ACTION_COLORS[action]}>{actionLabel(action)}</Tag>,
    },
    {
      key: 'resource',
      title: t('audit.resource'),
      dataIndex: 'resource',
      render: (resource: string | null) => (resource === null ? EMPTY_CELL : (resourceTitles.get(resource) ?? resource)),
    },
    {
      key: 'record',
      title: t('audit.record'),
      render: (_: unknown, row: AuditRow) => {
        if (row.recordId === null) return EMPTY_CELL;
        const label = <Typography.Text code>{row.recordId.slice(0, 8)}</Typography.Text>;
        return row.action !== 'delete' && readable(row.resource) ? (
          <Link to={`/r/${encodeURIComponent(row.resource ?? '')}/show/${encodeURIComponent(row.recordId)}`}>{label}</Link>
        ) : (
          label
        );
      },
    },
    { key: 'orgPath', title: t('audit.orgPath'), dataIndex: 'orgPath', render: (orgPath: string | null) => orgPath ?? EMPTY_CELL },
    {
      key: 'hash',
      title: t('audit.hash'),
      dataIndex: 'hash',
      render: (hash: string) => (
        <Tooltip title={hash}>
          <Typography.Text type="secondary" code>
            {shortHash(hash)}
          </Typography.Text>
        </Tooltip>
      ),
    },
  ];

  const [form] = Form.useForm<FilterForm>();
  const apply = (values: FilterForm) => {
    const [from, to] = values.range ?? [null, null];
    setFilters({ action: values.action, resource: values.resource, from: from?.startOf('day').toISOString(), to: to?.add(1, 'day').startOf('day').toISOString() });
    setPage(1);
  };

  return (
    <List title={t('audit.title')}>
      <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={apply}>
        <Form.Item name="action" label={t('audit.action')}>
          <Select allowClear style={{ minWidth: 140 }} options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))} />
        </Form.Item>
        <Form.Item name="resource" label={t('audit.resource')}>
          <Select allowClear style={{ minWidth: 140 }} options={(meta?.resources ?? []).map((r) => ({ value: r.id, label: r.title }))} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('buttons.filter')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t('buttons.clear')}
          </Button>
        </Space>
      </Form>
      <Table<AuditRow>
        rowKey="seq"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data as AuditRow[] | undefined}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (row) => detailText(row.detail) !== null,
          expandedRowRender: (row) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{detailText(row.detail)}</pre>,
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          onChange: (next, size) => {
            setPage(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </List>
  );
}
