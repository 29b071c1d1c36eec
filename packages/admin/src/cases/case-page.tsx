import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { RecordFields } from '../pages/record-fields.tsx';
import { requestJson } from '../providers/http.ts';
import { CaseActions } from './case-actions.tsx';
import { useCase, useCaseHistory, useRecordTitles, useUnitNames } from './case-hooks.ts';
import { CaseTimeline, formatAt as at } from './case-timeline.tsx';
import { DueTag } from './due-tag.tsx';

/**
 * One case: where it stands (stage, unit, handler, time limit, escalations), the buttons of the
 * actions the actor may take now (each opens its form), the record it is about, and its history
 * as a timeline.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { client, meta, locale, t } = useAdmin();
  const navigate = useNavigate();
  const found = useCase(id);
  const history = useCaseHistory(id);
  const current = found.data;
  const record = useQuery({
    queryKey: ['zhili', 'case-record', current?.resource, current?.recordId, locale],
    enabled: current !== undefined,
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `/r/${encodeURIComponent(current?.resource ?? '')}/${current?.recordId ?? ''}` })) as Record<string, unknown>,
  });
  const title = useRecordTitles(current === undefined ? [] : [current]);
  const unitName = useUnitNames([current?.orgCode ?? '']);

  if (found.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (found.isError || current === undefined || meta === null) {
    return <Result status="404" title={found.error?.message ?? t('cases.empty')} extra={<Button onClick={() => navigate('/cases')}>{t('cases.title')}</Button>} />;
  }
  const workflow = meta.workflows.find((w) => w.id === current.workflow);
  if (workflow === undefined) return <Empty style={{ margin: 64 }} description={t('cases.none')} />;
  const state = workflow.states.find((s) => s.id === current.state);
  const resource = meta.resources.find((r) => r.id === current.resource);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { key: 'cases', title: <Link to={`/cases?workflow=${encodeURIComponent(workflow.id)}`}>{t('cases.title')}</Link> },
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
            <CaseActions found={current} />
            {resource !== undefined ? (
              <Card title={t('cases.recordFields')} size="small">
                {record.data !== undefined ? <RecordFields resource={resource} record={record.data} standard={false} /> : <Spin />}
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <CaseTimeline workflow={workflow} history={history.data ?? []} />
        </Col>
      </Row>
    </Space>
  );
}
