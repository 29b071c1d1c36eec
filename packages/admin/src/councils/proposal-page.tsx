import type { CouncilMeeting } from '@zhili/schemas';
import { App, Breadcrumb, Button, Card, Col, Collapse, Descriptions, Empty, Result, Row, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { CaseActions } from '../cases/case-actions.tsx';
import { useCase, useCaseHistory } from '../cases/case-hooks.ts';
import { CaseTimeline, formatAt } from '../cases/case-timeline.tsx';
import { DueTag } from '../cases/due-tag.tsx';
import { useProposal, useRefreshCouncils, useRosters } from './council-hooks.ts';
import { mayRecord, publicNoticePath, stageProgress } from './council-view.ts';
import { MeetingModal } from './meeting-modal.tsx';

/** A meeting's record: the counts, the computed outcome with its arithmetic, and who came and how they voted. */
function MeetingRecord({ meeting }: { readonly meeting: CouncilMeeting }) {
  const { t } = useAdmin();
  const { tally, outcome } = meeting;
  const color = outcome.result === 'adopted' ? 'green' : outcome.result === 'rejected' ? 'red' : 'orange';
  return (
    <Card size="small" className="zhili-meeting" title={`${t('councils.heldAt')} ${meeting.heldAt.slice(0, 10)}`} extra={<Tag color={color}>{t(`councils.result.${outcome.result}`)}</Tag>}>
      <Typography.Paragraph strong className="zhili-outcome">
        {outcome.explanation}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 2, md: 3 }}>
        <Descriptions.Item label={t('councils.tally.present')}>{`${tally.present}/${tally.eligible}`}</Descriptions.Item>
        <Descriptions.Item label={t('councils.tally.recused')}>{tally.recused}</Descriptions.Item>
        <Descriptions.Item label={t('councils.vote.for')}>{tally.for}</Descriptions.Item>
        <Descriptions.Item label={t('councils.vote.against')}>{tally.against}</Descriptions.Item>
        <Descriptions.Item label={t('councils.vote.abstain')}>{tally.abstain}</Descriptions.Item>
      </Descriptions>
      {meeting.attendance.length > 0 ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'attendance',
              label: t('councils.attendance'),
              children: (
                <Table
                  rowKey="member"
                  size="small"
                  pagination={false}
                  dataSource={[...meeting.attendance]}
                  columns={[
                    { key: 'name', title: t('councils.member'), dataIndex: 'name' },
                    { key: 'present', title: t('councils.present'), render: (_: unknown, a) => (a.present ? t('councils.yes') : t('councils.no')) },
                    { key: 'vote', title: t('councils.vote'), render: (_: unknown, a) => (a.recused ? t('councils.recused') : a.vote === null ? '' : t(`councils.vote.${a.vote}`)) },
                  ]}
                />
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

/**
 * One proposal (议案): the procedure's stages with where it stands, its text and who put it, the
 * rules it is decided under, its meetings with the computed outcome, the public notice once adopted,
 * the stage actions the actor may take (the case's), and its history.
 */
export default function ProposalPage() {
  const { id = '' } = useParams();
  const { meta, t } = useAdmin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refreshCouncils = useRefreshCouncils();
  const found = useProposal(id);
  const proposal = found.data;
  const kase = useCase(proposal?.caseId ?? '');
  const history = useCaseHistory(proposal?.caseId ?? '');
  const [recording, setRecording] = useState(false);
  const procedure = meta?.councils.procedures.find((p) => p.id === proposal?.procedure);
  const stage = procedure?.stages.find((s) => s.id === proposal?.stage);
  const canRecord = meta !== null && procedure !== undefined && stage?.kind === 'deliberation' && mayRecord(meta, procedure);
  const rosters = useRosters(canRecord && proposal !== undefined ? proposal.orgCode : null);

  if (found.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (found.isError || proposal === undefined || meta === null) {
    return <Result status="404" title={found.error?.message ?? t('councils.noProposals')} extra={<Button onClick={() => navigate('/councils?view=proposals')}>{t('councils.title')}</Button>} />;
  }
  const workflow = meta.workflows.find((w) => w.id === proposal.workflow);
  if (procedure === undefined || workflow === undefined) return <Empty style={{ margin: 64 }} description={t('councils.none')} />;
  const body = meta.councils.bodies.find((b) => b.id === proposal.body);
  const progress = stageProgress(procedure, proposal);
  const stageTitle = workflow.states.find((s) => s.id === proposal.stage)?.title ?? proposal.stage;
  const members = rosters.data?.find((r) => r.body === proposal.body)?.members ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'councils', title: <Link to="/councils?view=proposals">{t('councils.title')}</Link> }, { key: 'proposal', title: proposal.title }]} />
      <Card>
        <Steps
          className="zhili-stages"
          size="small"
          current={progress.current}
          status={progress.status}
          items={procedure.stages.map((s) => ({ key: s.id, title: s.title, ...(s.description !== null ? { description: s.description } : {}) }))}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              title={
                <Space wrap>
                  {proposal.title}
                  <Tag color="blue" data-testid="proposal-stage">
                    {stageTitle}
                  </Tag>
                  {proposal.result !== null ? <Tag color={proposal.result === 'adopted' ? 'green' : 'red'}>{t(`councils.result.${proposal.result}`)}</Tag> : null}
                  {kase.data !== undefined ? <DueTag found={kase.data} /> : null}
                </Space>
              }
              extra={
                proposal.publishedAt !== null ? (
                  <a href={publicNoticePath(proposal.id)} target="_blank" rel="noreferrer">
                    {t('councils.publicNotice')}
                  </a>
                ) : null
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('councils.procedure')}>{procedure.title}</Descriptions.Item>
                <Descriptions.Item label={t('councils.body')}>{body?.title ?? proposal.body}</Descriptions.Item>
                <Descriptions.Item label={t('councils.unit')}>{proposal.orgName}</Descriptions.Item>
                <Descriptions.Item label={t('councils.proposedAt')}>{formatAt(proposal.proposedAt)}</Descriptions.Item>
                {proposal.proposers.length > 0 ? <Descriptions.Item label={t('councils.jointly')}>{proposal.proposers.map((p) => p.name).join('、')}</Descriptions.Item> : null}
                {proposal.publishedAt !== null ? (
                  <Descriptions.Item label={t('councils.publication')}>{`${formatAt(proposal.publishedAt)} ~ ${formatAt(proposal.publicationUntil)}`}</Descriptions.Item>
                ) : null}
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{proposal.content}</Typography.Paragraph>
            </Card>
            <Card size="small" title={t('councils.rules')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('councils.quorum')}>{procedure.quorum.text}</Descriptions.Item>
                <Descriptions.Item label={t('councils.pass')}>{procedure.pass.text}</Descriptions.Item>
                <Descriptions.Item label={t('councils.recusal')}>{procedure.recusal ? t('councils.yes') : t('councils.no')}</Descriptions.Item>
                <Descriptions.Item label={t('councils.publicationDays')}>{t('councils.days', { count: procedure.publicationDays })}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card
              size="small"
              title={t('councils.meetings')}
              extra={
                canRecord ? (
                  <Button type="primary" onClick={() => setRecording(true)} disabled={procedure.quorum.base === 'members' && rosters.data === undefined}>
                    {t('councils.recordMeeting')}
                  </Button>
                ) : null
              }
            >
              {proposal.meetings.length === 0 ? <Typography.Text type="secondary">{t('councils.noMeetings')}</Typography.Text> : null}
              <Space direction="vertical" style={{ width: '100%' }}>
                {proposal.meetings.map((m) => (
                  <MeetingRecord key={m.id} meeting={m} />
                ))}
              </Space>
            </Card>
            {kase.data !== undefined ? <CaseActions found={kase.data} onChanged={refreshCouncils} /> : null}
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <CaseTimeline workflow={workflow} history={history.data ?? []} />
        </Col>
      </Row>
      {recording ? (
        <MeetingModal
          proposal={proposal}
          procedure={procedure}
          members={members}
          onClose={() => setRecording(false)}
          onRecorded={(next) => {
            setRecording(false);
            const last = next.meetings[next.meetings.length - 1];
            if (last !== undefined) void message.info(last.outcome.explanation);
          }}
        />
      ) : null}
    </Space>
  );
}
