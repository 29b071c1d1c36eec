import { App, Badge, Button, Card, Empty, Segmented, Space, Switch, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { CaseBoard } from './case-board.tsx';
import { CaseMetricsTable } from './case-metrics.tsx';
import { useCaseList } from './case-hooks.ts';
import { CaseTable } from './case-table.tsx';
import { readableWorkflows } from '../meta/resources.ts';
import { casesPath, mayReport } from './case-view.ts';
import { ReportModal } from './report-modal.tsx';

const VIEWS = ['board', 'todo', 'mine', 'metrics'] as const;
type View = (typeof VIEWS)[number];

/**
 * The cases of a workflow (案卷办理) at the navigator's unit: the board with a column per state, the
 * actor's to-do (cases it may act on now) and the open cases assigned to it, overdue ones marked
 * and, on demand, alone; and the figures per unit over a period (综合评价). A role that opens cases reports a new one here (上报).
 */
export default function CasesPage() {
  const { meta, org, t } = useAdmin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [reporting, setReporting] = useState(false);
  const workflows = meta === null ? [] : readableWorkflows(meta);
  const workflow = workflows.find((w) => w.id === params.get('workflow')) ?? workflows[0];
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'board';
  const todo = useCaseList(casesPath({ workflow: workflow?.id ?? '', org, actionable: true, pageSize: 1 }), workflow !== undefined);
  if (meta === null || workflow === undefined) return <Empty style={{ margin: 64 }} description={t('cases.none')} />;

  const choose = (next: { workflow?: string; view?: View }) => {
    const merged = new URLSearchParams(params);
    if (next.workflow !== undefined) merged.set('workflow', next.workflow);
    if (next.view !== undefined) merged.set('view', next.view);
    setParams(merged);
  };
  const resource = meta.resources.find((r) => r.id === workflow.resource);

  return (
    <Card
      title={
        <Space>
          {t('cases.title')}
          {workflows.length > 1 ? (
            <Segmented value={workflow.id} options={workflows.map((w) => ({ value: w.id, label: w.title }))} onChange={(value) => choose({ workflow: String(value) })} />
          ) : (
            <Typography.Text type="secondary">{workflow.title}</Typography.Text>
          )}
        </Space>
      }
      extra={
        mayReport(meta, workflow) && resource !== undefined ? (
          <Button type="primary" onClick={() => setReporting(true)}>
            {t('cases.reportTitle', { resource: resource.title })}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={view}
        onChange={(key) => choose({ view: key as View })}
        tabBarExtraContent={
          view === 'metrics' ? null : (
            <Space>
              <Switch size="small" checked={overdueOnly} onChange={setOverdueOnly} id="zhili-overdue-only" />
              <label htmlFor="zhili-overdue-only">{t('cases.overdueOnly')}</label>
            </Space>
          )
        }
        items={[
          { key: 'board', label: t('cases.board'), children: <CaseBoard workflow={workflow} overdueOnly={overdueOnly} /> },
          {
            key: 'todo',
            label: (
              <Badge count={todo.data?.total ?? 0} size="small" offset={[8, -2]}>
                {t('cases.todo')}
              </Badge>
            ),
            children: <CaseTable workflow={workflow.id} list="actionable" overdueOnly={overdueOnly} />,
          },
          { key: 'mine', label: t('cases.mine'), children: <CaseTable workflow={workflow.id} list="mine" overdueOnly={overdueOnly} /> },
          { key: 'metrics', label: t('cases.metrics'), children: <CaseMetricsTable workflow={workflow} /> },
        ]}
      />
      {reporting && resource !== undefined ? (
        <ReportModal
          workflow={workflow}
          resource={resource}
          onClose={() => setReporting(false)}
          onReported={(found) => {
            setReporting(false);
            void message.success(t('cases.reported', { state: workflow.states.find((s) => s.id === found.state)?.title ?? found.state }));
            navigate(`/cases/${found.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
