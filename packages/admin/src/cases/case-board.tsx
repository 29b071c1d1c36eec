import type { AdminWorkflow, Case } from '@zhili/schemas';
import { Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { casesPath } from './case-view.ts';
import { useCaseList, useRecordTitles, useUnitNames } from './case-hooks.ts';
import { DueTag } from './due-tag.tsx';

/** Cards per column; a column with more says how many more. */
const COLUMN_SIZE = 50;

/** The case board: one column per state of the workflow, in its order, each with its cases, newest change first. */
export function CaseBoard({ workflow, overdueOnly }: { readonly workflow: AdminWorkflow; readonly overdueOnly: boolean }) {
  return (
    <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }}>
      {workflow.states.map((state) => (
        <BoardColumn key={state.id} workflow={workflow} state={state} overdueOnly={overdueOnly} />
      ))}
    </div>
  );
}

function BoardColumn({ workflow, state, overdueOnly }: { readonly workflow: AdminWorkflow; readonly state: AdminWorkflow['states'][number]; readonly overdueOnly: boolean }) {
  const { org, t } = useAdmin();
  const page = useCaseList(casesPath({ workflow: workflow.id, state: state.id, org, ...(overdueOnly ? { overdue: true } : {}), pageSize: COLUMN_SIZE }));
  const cases = page.data?.data ?? [];
  const total = page.data?.total ?? 0;
  const title = useRecordTitles(cases);
  const unitName = useUnitNames(cases.map((c) => c.orgCode));
  return (
    <section aria-label={state.title} data-state={state.id} style={{ flex: '0 0 248px', minWidth: 0, overflow: 'hidden', background: '#f5f5f5', borderRadius: 8, padding: 8 }}>
      <Space style={{ marginBottom: 8 }} size={4}>
        <Typography.Text strong type={state.final ? 'secondary' : undefined}>
          {state.title}
        </Typography.Text>
        <Tag bordered={false} data-testid="column-total">
          {total}
        </Tag>
      </Space>
      {page.isLoading ? <Spin size="small" style={{ display: 'block' }} /> : null}
      {!page.isLoading && cases.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.empty')} /> : null}
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {cases.map((found) => (
          <CaseCard key={found.id} found={found} title={title(found)} unit={unitName(found.orgCode)} />
        ))}
      </Space>
      {total > cases.length ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('cases.more', { count: total - cases.length })}
        </Typography.Paragraph>
      ) : null}
    </section>
  );
}

function CaseCard({ found, title, unit }: { readonly found: Case; readonly title: string; readonly unit: string }) {
  const { t } = useAdmin();
  const navigate = useNavigate();
  const open = () => navigate(`/cases/${found.id}`);
  return (
    <Card size="small" hoverable onClick={open} data-case={found.id} style={found.overdue ? { borderColor: '#ff4d4f' } : undefined}>
      <Typography.Text strong ellipsis style={{ display: 'block' }}>
        {/* A real link (keyboard, open in a new tab); the card around it takes a click anywhere. */}
        <Link to={`/cases/${found.id}`} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {unit}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <Space size={4} wrap>
          <DueTag found={found} />
          {found.assignee !== null ? <Tag>{found.assignee.username}</Tag> : null}
          {found.escalations > 0 ? <Tag color="volcano">{t('cases.escalated', { count: found.escalations })}</Tag> : null}
        </Space>
      </div>
    </Card>
  );
}
