import type { RJSFSchema } from '@rjsf/utils';
import type { AdminCouncilProcedure, CouncilMember, CouncilProposal, CouncilVote } from '@zhili/schemas';
import { Alert, Button, Checkbox, DatePicker, Form, Modal, Radio, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { useRefreshCases } from '../cases/case-hooks.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';
import { SchemaForm } from '../forms/schema-form.tsx';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { useRefreshCouncils } from './council-hooks.ts';
import { attendanceBody, draftTally, initialAttendance, missingVotes } from './council-view.ts';
import type { AttendanceDraft } from './council-view.ts';

const VOTES: readonly CouncilVote[] = ['for', 'against', 'abstain'];
const COUNT_KEYS = ['eligible', 'present', 'for', 'against', 'abstain'] as const;

/**
 * Records the meeting on a proposal at its deliberation stage: when it was held and, for a body
 * with a roster, each member present or not, withdrawn (回避) where the procedure allows it, and
 * their vote; for an assembly counted by heads (居民会议), the head counts. The counts show as they
 * are entered; the engine computes the outcome under the procedure's rules and moves the proposal.
 */
export function MeetingModal({
  proposal,
  procedure,
  members,
  onClose,
  onRecorded,
}: {
  readonly proposal: CouncilProposal;
  readonly procedure: AdminCouncilProcedure;
  readonly members: readonly CouncilMember[];
  readonly onClose: () => void;
  readonly onRecorded: (proposal: CouncilProposal) => void;
}) {
  const { client, meta, t } = useAdmin();
  const refreshCouncils = useRefreshCouncils();
  const refreshCases = useRefreshCases();
  const form = useFormSubmit();
  const byHeads = procedure.quorum.base !== 'members';
  const [heldAt, setHeldAt] = useState<Dayjs | null>(() => dayjs());
  const [drafts, setDrafts] = useState<AttendanceDraft[]>(() => initialAttendance(members));
  const [counts, setCounts] = useState<Partial<Record<(typeof COUNT_KEYS)[number], number>>>({});
  const tally = draftTally(drafts);
  const missing = byHeads ? [] : missingVotes(drafts);
  const position = new Map(members.map((m) => [m.id, m.position]));
  const roles = meta?.councils.bodies.find((b) => b.id === procedure.body)?.roles ?? [];
  const roleTitle = (id: string) => roles.find((r) => r.id === id)?.title ?? id;

  const change = (member: string, next: Partial<AttendanceDraft>) =>
    setDrafts((current) =>
      current.map((d) => {
        if (d.member !== member) return d;
        const merged = { ...d, ...next };
        // Absent or withdrawn members do not vote.
        return merged.present && !merged.recused ? merged : { ...merged, vote: null, recused: merged.present && merged.recused };
      }),
    );
  const columns: TableColumnsType<AttendanceDraft> = [
    { key: 'name', title: t('councils.member'), render: (_: unknown, d) => `${d.name}（${roleTitle(position.get(d.member) ?? '')}）` },
    {
      key: 'present',
      title: t('councils.present'),
      render: (_: unknown, d) => <Checkbox aria-label={`${d.name} ${t('councils.present')}`} checked={d.present} onChange={(e) => change(d.member, { present: e.target.checked })} />,
    },
    ...(procedure.recusal
      ? [
          {
            key: 'recused',
            title: t('councils.recused'),
            render: (_: unknown, d: AttendanceDraft) => (
              <Checkbox aria-label={`${d.name} ${t('councils.recused')}`} checked={d.recused} disabled={!d.present} onChange={(e) => change(d.member, { recused: e.target.checked })} />
            ),
          },
        ]
      : []),
    {
      key: 'vote',
      title: t('councils.vote'),
      render: (_: unknown, d) => (
        <Radio.Group
          aria-label={`${d.name} ${t('councils.vote')}`}
          value={d.vote}
          disabled={!d.present || d.recused}
          onChange={(e) => change(d.member, { vote: e.target.value as CouncilVote })}
          options={VOTES.map((v) => ({ value: v, label: t(`councils.vote.${v}`) }))}
        />
      ),
    },
  ];
  const countSchema = useMemo(
    () =>
      ({
        type: 'object',
        required: [...COUNT_KEYS],
        properties: Object.fromEntries(COUNT_KEYS.map((k) => [k, { type: 'integer', minimum: 0, title: t(`councils.count.${k}`) }])),
      }) as RJSFSchema,
    [t],
  );

  const submit = () =>
    form.run(async () => {
      const held = (heldAt ?? dayjs()).format('YYYY-MM-DD');
      const recorded = (await requestJson(client, {
        method: 'POST',
        path: `/councils/proposals/${proposal.id}/meetings`,
        body: { version: proposal.caseVersion, heldAt: held, ...(byHeads ? { counts } : { attendance: attendanceBody(drafts) }) },
      })) as CouncilProposal;
      await Promise.all([refreshCouncils(), refreshCases()]);
      onRecorded(recorded);
    });
  const fieldMessages = Object.entries(form.serverErrors ?? {}).flatMap(([, node]) => (node as { __errors?: string[] }).__errors ?? []);
  const reload = async () => {
    await Promise.all([refreshCouncils(), refreshCases()]);
    onClose();
  };

  return (
    <Modal open title={t('councils.recordMeeting')} footer={null} onCancel={onClose} destroyOnHidden width={860}>
      <Typography.Paragraph type="secondary">
        {procedure.quorum.text}；{procedure.pass.text}
      </Typography.Paragraph>
      {form.conflict ? <ConflictAlert onReload={() => void reload()} /> : null}
      {form.failure !== null ? <Alert type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      {fieldMessages.length > 0 && !byHeads ? <Alert type="error" showIcon message={fieldMessages.join('；')} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label={t('councils.heldAt')}>
        <DatePicker id="meeting-held-at" value={heldAt} onChange={setHeldAt} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      {byHeads ? (
        <SchemaForm
          schema={countSchema}
          formContext={{ colSpan: { integer: 8 } }}
          formData={counts}
          onChange={({ formData }) => setCounts((formData ?? {}) as typeof counts)}
          extraErrors={form.serverErrors?.['counts'] as never}
          uiSchema={{ 'ui:submitButtonOptions': { submitText: t('councils.recordMeeting'), props: { type: 'primary', disabled: form.busy || form.conflict } } }}
          onSubmit={() => void submit()}
        />
      ) : (
        <>
          <Space style={{ marginBottom: 12 }} size="large" wrap>
            <Statistic title={t('councils.tally.present')} value={`${tally.present}/${tally.members}`} />
            {procedure.recusal ? <Statistic title={t('councils.tally.recused')} value={tally.recused} /> : null}
            <Statistic title={t('councils.vote.for')} value={tally.for} />
            <Statistic title={t('councils.vote.against')} value={tally.against} />
            <Statistic title={t('councils.vote.abstain')} value={tally.abstain} />
            <Button onClick={() => setDrafts((current) => current.map((d) => ({ ...d, present: true })))}>{t('councils.allPresent')}</Button>
          </Space>
          <Table<AttendanceDraft> className="zhili-attendance" rowKey="member" size="small" pagination={false} columns={columns} dataSource={drafts} />
          {missing.length > 0 ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
              {t('councils.missingVotes', { names: missing.join('、') })}
            </Typography.Paragraph>
          ) : null}
          <Button type="primary" style={{ marginTop: 12 }} disabled={form.busy || form.conflict || missing.length > 0} onClick={() => void submit()}>
            {t('councils.recordMeeting')}
          </Button>
        </>
      )}
    </Modal>
  );
}
