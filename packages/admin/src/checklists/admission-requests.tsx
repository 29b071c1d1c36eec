import { SchemaForm } from '../forms/schema-form.tsx';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import type { AdminChecklist, ChecklistPermissions } from '@zhili/schemas';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { toErrorSchema } from '../forms/server-errors.ts';
import { OrgUnitName } from '../org/org-unit-name.tsx';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL, formatDateTime } from '../schema/columns.ts';
import { withDefaultWidgets } from '../schema/widgets.ts';
import { requestBody, requestFormSchema } from './admission-view.ts';
import { checklistKey, useChecklistWrite, useInvalidateChecklist } from './checklist-hooks.ts';
import type { AdmissionRequest, RequestStatus } from './checklist-types.ts';
import { itemFormErrors, requestsPath } from './checklist-view.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';

const STATUS_COLORS: Readonly<Record<RequestStatus, string>> = { pending: 'gold', approved: 'green', rejected: 'red' };

type Filter = RequestStatus | 'overdue' | 'all';

/**
 * The admission requests (准入申请) of a checklist, newest first, overdue ones marked: a department
 * asks to push work down to communities, with its funding; the approver approves (its item joins
 * the draft) or rejects, with a comment.
 */
export function AdmissionRequests({ checklist, permissions }: { readonly checklist: AdminChecklist; readonly permissions: ChecklistPermissions }) {
  const { client, locale, t } = useAdmin();
  const [filter, setFilter] = useState<Filter>('all');
  const path = requestsPath(checklist.id, filter === 'all' ? undefined : filter);
  const requests = useQuery({
    queryKey: [...checklistKey(checklist.id), 'requests', path, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path })) as { data: AdmissionRequest[] }).data,
  });
  const [submitting, setSubmitting] = useState(false);
  const [deciding, setDeciding] = useState<{ readonly request: AdmissionRequest; readonly decision: 'approve' | 'reject' } | null>(null);

  const columns: TableColumnsType<AdmissionRequest> = [
    { key: 'submittedAt', title: t('admission.submittedAt'), width: 150, render: (_: unknown, row) => formatDateTime(row.submittedAt) },
    { key: 'title', title: t('admission.fields.title'), render: (_: unknown, row) => resolveText(row.title, locale) },
    { key: 'orgCode', title: t('admission.from'), render: (_: unknown, row) => <OrgUnitName code={row.orgCode} /> },
    { key: 'department', title: t('admission.fields.requestingDepartment'), dataIndex: 'requestingDepartment' },
    { key: 'funding', title: t('admission.fields.fundingSource'), dataIndex: 'fundingSource' },
    { key: 'deadline', title: t('admission.fields.deadline'), dataIndex: 'deadline' },
    {
      key: 'status',
      title: t('admission.status'),
      render: (_: unknown, row) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[row.status]}>{t(`admission.statuses.${row.status}`)}</Tag>
          {row.overdue ? <Tag color="red">{t('admission.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'decisionDue', title: t('admission.decisionDue'), dataIndex: 'decisionDue' },
    {
      key: 'decision',
      title: t('admission.decisionNote'),
      render: (_: unknown, row) => (row.itemCode === null ? (row.decisionNote ?? EMPTY_CELL) : `${row.decisionNote ?? ''} ${t('admission.itemAdded', { code: row.itemCode })}`.trim()),
    },
    ...(permissions.decideRequests
      ? [
          {
            key: 'actions',
            title: t('table.actions'),
            fixed: 'right' as const,
            render: (_: unknown, row: AdmissionRequest) =>
              row.status === 'pending' ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setDeciding({ request: row, decision: 'approve' })}>
                    {t('admission.approve')}
                  </Button>
                  <Button type="link" size="small" danger onClick={() => setDeciding({ request: row, decision: 'reject' })}>
                    {t('admission.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['all', 'pending', 'overdue', 'approved', 'rejected'] as const).map((value) => ({ value, label: t(`admission.filters.${value}`) }))}
        />
        {permissions.submitRequests ? (
          <Button type="primary" onClick={() => setSubmitting(true)}>
            {t('admission.submit')}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t('admission.rule', { days: checklist.admission?.decisionDays ?? '' })}</Typography.Paragraph>
      <Table<AdmissionRequest>
        rowKey="id"
        size="middle"
        loading={requests.isFetching}
        columns={columns}
        dataSource={requests.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {submitting ? <SubmitRequestModal checklist={checklist} onClose={() => setSubmitting(false)} /> : null}
      {deciding === null ? null : <DecisionModal checklist={checklist} {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

/** The request form: what the work is, who asks, why, with which money, by when, and the item it would be. */
function SubmitRequestModal({ checklist, onClose }: { readonly checklist: AdminChecklist; readonly onClose: () => void }) {
  const { meta, t } = useAdmin();
  const { message } = App.useApp();
  const write = useChecklistWrite();
  const invalidate = useInvalidateChecklist(checklist.id);
  const schema = useMemo(() => {
    const field = (name: string) => t(`admission.fields.${name}`);
    const labels = {
      title: field('title'),
      requestingDepartment: field('requestingDepartment'),
      justification: field('justification'),
      fundingSource: field('fundingSource'),
      deadline: field('deadline'),
      targetLevel: field('targetLevel'),
      resource: field('resource'),
      proposedCode: field('proposedCode'),
    };
    return requestFormSchema(checklist, {
      labels,
      levelTitles: new Map((meta?.levels ?? []).map((l) => [l.id, l.title])),
      resourceTitles: new Map((meta?.resources ?? []).map((r) => [r.id, r.title])),
    }) as RJSFSchema;
  }, [checklist, meta, t]);
  const uiSchema = useMemo(
    () => ({ ...withDefaultWidgets(checklist.itemSchema.properties ?? {}, checklist.itemUiSchema), 'ui:order': ['*'], justification: { 'ui:widget': 'textarea' } }),
    [checklist],
  );
  const [data, setData] = useState<Record<string, unknown>>({});
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const submit = async (formData: Record<string, unknown>) => {
    setSaving(true);
    setServerErrors(undefined);
    const result = await write({ method: 'POST', path: '/admission-requests', body: requestBody(checklist.id, formData) }, { form: true });
    setSaving(false);
    if (result.ok) {
      await invalidate();
      void message.success(t('admission.submitted'));
      onClose();
    } else setServerErrors(toErrorSchema(itemFormErrors(result.error.errors as Record<string, unknown> | undefined)));
  };

  return (
    <Modal open title={t('admission.submit')} footer={null} onCancel={onClose} width={720} destroyOnHidden>
      <SchemaForm
        schema={schema}
        uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: t('admission.submitButton'), props: { type: 'primary' } } }}
        formData={data}
        onChange={({ formData }) => setData((formData ?? {}) as Record<string, unknown>)}
        extraErrors={serverErrors}
        disabled={saving}
        onSubmit={({ formData }) => void submit((formData ?? {}) as Record<string, unknown>)}
      />
    </Modal>
  );
}

/** Approves or rejects a pending request with a comment; approving adds its item to the checklist's draft. */
function DecisionModal(props: { readonly checklist: AdminChecklist; readonly request: AdmissionRequest; readonly decision: 'approve' | 'reject'; readonly onClose: () => void }) {
  const { checklist, request, decision, onClose } = props;
  const { locale, t } = useAdmin();
  const { message } = App.useApp();
  const write = useChecklistWrite();
  const invalidate = useInvalidateChecklist(checklist.id);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  const decide = async () => {
    setSaving(true);
    const result = await write({
      method: 'POST',
      path: `/admission-requests/${encodeURIComponent(request.id)}/decision`,
      body: { decision, version: request.version, ...(note.trim() === '' ? {} : { note: note.trim() }) },
    });
    setSaving(false);
    if (result.ok) {
      await invalidate();
      void message.success(t(decision === 'approve' ? 'admission.approved' : 'admission.rejected'));
      onClose();
    } else if (result.error.statusCode === 409) setConflict(true);
  };

  return (
    <Modal
      open
      title={`${t(decision === 'approve' ? 'admission.approve' : 'admission.reject')}：${resolveText(request.title, locale)}`}
      okText={t(decision === 'approve' ? 'admission.approve' : 'admission.reject')}
      okButtonProps={{ danger: decision === 'reject', disabled: conflict }}
      cancelText={t('buttons.cancel')}
      confirmLoading={saving}
      onOk={() => void decide()}
      onCancel={onClose}
    >
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            void invalidate();
            onClose();
          }}
        />
      ) : null}
      <Typography.Paragraph type="secondary">{request.justification}</Typography.Paragraph>
      <Input.TextArea id="decisionNote" rows={3} maxLength={2000} placeholder={t('admission.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
