import { useQuery } from '@tanstack/react-query';
import type { Case, CaseAction, CaseHistoryEntry } from '@zhili/schemas';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { RecordFields } from '../pages/record-fields.tsx';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { ActionModal } from './action-modal.tsx';
import { CASES_KEY, useRecordTitles, useRefreshCases, useUnitNames } from './case-hooks.ts';
import { timelineEntries } from './case-view.ts';
import { DueTag } from './due-tag.tsx';

const at = (iso: string | null) => (iso === null ? EMPTY_CELL : dayjs(iso).format('YYYY-MM-DD HH:mm'));

/**
 * One case: where it stands (stage, unit, handler, time limit, escalations), the buttons of the
 * actions the actor may take now (each opens its form), the record it is about, and its history
 * as a timeline.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { client, meta, locale, t } = useAdmin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refresh = useRefreshCases();
  const [acting, setActing] = useState<CaseAction | null>(null);
  const get = async <T,>(path: string) => (await requestJson(client, { method: 'GET', path })) as T;
  const found = useQuery({ queryKey: [...CASES_KEY, 'case', id, locale], queryFn: () => get<Case>(`/cases/${id}`) });
  const actions = useQuery({ queryKey: [...CASES_KEY, 'actions', id, locale], queryFn: async () => (await get<{ data: CaseAction[] }>(`/cases/${id}/actions`)).data });
  const history = useQuery({ queryKey: [...CASES_KEY, 'history', id, locale], queryFn: async () => (await get<{ data: CaseHistoryEntry[] }>(`/cases/${id}/history`)).data });
  const current = found.data;
  const record = useQuery({
    queryKey: ['zhili', 'case-record', current?.resource, current?.recordId, locale],
    enabled: current !== undefined,
    queryFn: () => get<Record<string, unknown>>(`/r/${encodeURIComponent(current?.resource ?? '')}/${current?.recordId ?? ''}`),
  });
  const title = useRecordTitles(current === undefined ? [] : [current]);
  const unitName = useUnitNames([current?.orgCode ?? '', ...(history.data ?? []).flatMap((e) => [e.fromOrg ?? '', e.toOrg])]);

  if (found.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (found.isError || current === undefined || meta === null) {
    return <Result status="404" title={found.error?.message ?? t('cases.empty')} extra={<Button onClick={() => navigate('/cases')}>{t('cases.title')}</Button>} />;
  }
  const workflow = meta.workflows.find((w) => w.id === current.workflow);
  if (workflow === undefined) return <Empty style={{ margin: 64 }} description={t('cases.none')} />;
  const state = workflow.states.find((s) => s.id === current.state);
  const resource = meta.resources.find((r) => r.id === current.resource);
  const entries = timelineEntries({ workflow, history: history.data ?? [], unitName, t });

  const done = async () => {
    const taken = acting;
    setActing(null);
    await refresh();
    if (taken !== null) void message.success(t('cases.done', { action: taken.title }));
  };
  const reload = async () => {
    setActing(null);
    await refresh();
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { key: 'cases', title: <Typography.Link onClick={() => navigate(`/cases?workflow=${encodeURIComponent(workflow.id)}`)}>{t('cases.title')}</Typography.Link> },
          { key: 'case', title: title(current) },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              title={
                <Space>
                  {title(current)}
                  <Tag color={state?.final ? 'green' : 'blue'} data-testid="case-state">
                    {state?.title ?? current.state}
                  </Tag>
                  <DueTag found={current} />
                </Space>
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('cases.workflow')}>{workflow.title}</Descriptions.Item>
                <Descriptions.Item label={t('cases.unit')}>{unitName(current.orgCode)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.assignee')}>{current.assignee?.username ?? t('cases.unassigned')}</Descriptions.Item>
                <Descriptions.Item label={t('cases.due')}>{at(current.dueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.openedAt')}>{at(current.openedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.updatedAt')}>{at(current.updatedAt)}</Descriptions.Item>
                {current.escalations > 0 ? <Descriptions.Item label={t('cases.escalations')}>{current.escalations}</Descriptions.Item> : null}
                {current.closedAt !== null ? <Descriptions.Item label={t('cases.closedAt')}>{at(current.closedAt)}</Descriptions.Item> : null}
                {current.satisfaction !== null ? <Descriptions.Item label={t('cases.satisfaction')}>{current.satisfaction}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <Card title={t('cases.actions')} size="small">
              {actions.data !== undefined && actions.data.length === 0 ? <Typography.Text type="secondary">{t('cases.noActions')}</Typography.Text> : null}
              <Space wrap>
                {(actions.data ?? []).map((action) => (
                  <Button key={action.id} type="primary" ghost onClick={() => setActing(action)}>
                    {action.title}
                  </Button>
                ))}
              </Space>
            </Card>
            {resource !== undefined ? (
              <Card title={t('cases.recordFields')} size="small">
                {record.data !== undefined ? <RecordFields resource={resource} record={record.data} standard={false} /> : <Spin />}
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('cases.timeline')} size="small">
            <Timeline
              items={entries.map((entry) => ({
                key: entry.key,
                color: entry.color,
                children: (
                  <div data-testid="timeline-entry">
                    <Typography.Text strong>{entry.title}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {at(entry.at)} · {entry.actor}
                      </Typography.Text>
                    </div>
                    {entry.notes.map((note) => (
                      <div key={note}>{note}</div>
                    ))}
                    {entry.fields.map((field) => (
                      <div key={field.label}>
                        <Typography.Text type="secondary">{field.label}：</Typography.Text>
                        {field.value}
                      </div>
                    ))}
                    {entry.attachments.map((file) => (
                      <div key={file.url}>
                        <Typography.Link href={file.url} target="_blank" rel="noreferrer">
                          {file.name}
                        </Typography.Link>
                      </div>
                    ))}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {acting !== null ? <ActionModal found={current} action={acting} onClose={() => setActing(null)} onDone={() => void done()} onReload={() => void reload()} /> : null}
    </Space>
  );
}
