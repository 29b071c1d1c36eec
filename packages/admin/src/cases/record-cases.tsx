import type { HttpError } from '@refinedev/core';
import type { AdminResource, Case } from '@zhili/schemas';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { useCaseList, useRefreshCases } from './case-hooks.ts';
import { readableWorkflows } from '../meta/resources.ts';
import { casesPath } from './case-view.ts';
import { DueTag } from './due-tag.tsx';

/**
 * A record's cases, one line per workflow over its resource: the case with its stage and time
 * limit, or — when the record has none yet and the actor holds a role that opens them — a button
 * that opens one (发起).
 */
export function RecordCases({ resource, recordId }: { readonly resource: AdminResource; readonly recordId: string }) {
  const { meta, t } = useAdmin();
  const workflows = meta === null ? [] : readableWorkflows(meta).filter((w) => w.resource === resource.id);
  const cases = useCaseList(casesPath({ record: recordId, pageSize: 20 }), workflows.length > 0);
  if (meta === null || workflows.length === 0) return null;
  const mayOpen = (openRoles: readonly string[]) => meta.actor.assignments.some((a) => openRoles.includes(a.role));
  return (
    <Card size="small" title={t('cases.title')} style={{ marginTop: 16 }} data-testid="record-cases">
      <Space direction="vertical">
        {workflows.map((workflow) => {
          const found = cases.data?.data.find((c) => c.workflow === workflow.id);
          if (found !== undefined) return <CaseLine key={workflow.id} found={found} />;
          return (
            <Space key={workflow.id}>
              <Typography.Text type="secondary">{workflow.title}</Typography.Text>
              {cases.data !== undefined && mayOpen(workflow.openRoles) ? <OpenButton workflow={workflow.id} title={workflow.title} recordId={recordId} /> : null}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}

function CaseLine({ found }: { readonly found: Case }) {
  const { meta } = useAdmin();
  const workflow = meta?.workflows.find((w) => w.id === found.workflow);
  const state = workflow?.states.find((s) => s.id === found.state);
  return (
    <Space>
      <Link to={`/cases/${found.id}`}>{workflow?.title ?? found.workflow}</Link>
      <Tag color={state?.final ? 'green' : 'blue'}>{state?.title ?? found.state}</Tag>
      <DueTag found={found} />
    </Space>
  );
}

function OpenButton({ workflow, title, recordId }: { readonly workflow: string; readonly title: string; readonly recordId: string }) {
  const { client, t } = useAdmin();
  const navigate = useNavigate();
  const refresh = useRefreshCases();
  const { message } = App.useApp();
  const open = async () => {
    try {
      const opened = (await requestJson(client, { method: 'POST', path: `/workflows/${encodeURIComponent(workflow)}/cases`, body: { record: recordId } })) as Case;
      await refresh();
      navigate(`/cases/${opened.id}`);
    } catch (error) {
      void message.error((error as HttpError).message);
    }
  };
  return (
    <Button size="small" type="primary" ghost onClick={() => void open()}>
      {t('cases.open', { workflow: title })}
    </Button>
  );
}
