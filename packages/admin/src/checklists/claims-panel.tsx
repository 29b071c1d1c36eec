import type { HttpError } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import type { AdminChecklist, ChecklistPermissions } from '@zhili/schemas';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL, formatDateTime } from '../schema/columns.ts';
import { checklistKey, useChecklistWrite, useInvalidateChecklist } from './checklist-hooks.ts';
import type { Claim, UnitClaims } from './checklist-types.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';

type UnitItem = UnitClaims['items'][number];

const STATUS_COLORS: Readonly<Record<UnitItem['status'], string>> = { open: 'default', claimed: 'blue', done: 'green' };

/** What a modal acts on: a new claim of an item at a unit, or closing one claim. */
type Acting =
  | { readonly kind: 'claim'; readonly unit: UnitClaims; readonly item: UnitItem }
  | { readonly kind: 'done' | 'withdraw'; readonly item: UnitItem; readonly claim: Claim };

/**
 * The claims of a needs list (社会认领), per unit of its claiming level within the navigator's
 * unit: counts of open, claimed and done items, and per unit each item with who holds it. Staff
 * record an organisation's claim, then mark it done or withdraw it.
 */
export function ClaimsPanel({ checklist, permissions }: { readonly checklist: AdminChecklist; readonly permissions: ChecklistPermissions }) {
  const { client, meta, org, locale, t } = useAdmin();
  const claiming = checklist.claiming;
  const path = `/checklists/${encodeURIComponent(checklist.id)}/claims/summary${org === null ? '' : `?org=${encodeURIComponent(org)}`}`;
  const summary = useQuery({
    queryKey: [...checklistKey(checklist.id), 'claims', path, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path })) as { data: UnitClaims[] }).data,
  });
  const [acting, setActing] = useState<Acting | null>(null);
  const level = meta?.levels.find((l) => l.id === claiming?.level)?.title ?? claiming?.level ?? '';
  const kindTitle = new Map((claiming?.claimantKinds ?? []).map((k) => [k.id, k.title]));

  const count = (key: keyof UnitClaims['counts'], color?: string) => ({
    key,
    title: t(`claims.${key}`),
    align: 'right' as const,
    render: (_: unknown, row: UnitClaims) => (color === undefined || row.counts[key] === 0 ? row.counts[key] : <Tag color={color}>{row.counts[key]}</Tag>),
  });
  const unitColumns: TableColumnsType<UnitClaims> = [
    { key: 'unit', title: t('claims.unit'), render: (_: unknown, row) => row.orgName },
    count('items'),
    count('open'),
    count('claimed', 'blue'),
    count('done', 'green'),
  ];

  const itemColumns = (unit: UnitClaims): TableColumnsType<UnitItem> => [
    { key: 'code', title: t('checklists.itemCode'), dataIndex: 'code', width: 90 },
    { key: 'title', title: t('claims.items'), render: (_: unknown, row) => resolveText(row.title, locale) },
    { key: 'status', title: t('claims.status'), width: 90, render: (_: unknown, row) => <Tag color={STATUS_COLORS[row.status]}>{t(`claims.${row.status}`)}</Tag> },
    {
      key: 'claims',
      title: t('claims.claimants'),
      render: (_: unknown, row) =>
        row.claims.length === 0 ? (
          EMPTY_CELL
        ) : (
          <Space direction="vertical" size={4}>
            {row.claims.map((claim) => (
              <Space key={claim.id} size={4} wrap>
                <Typography.Text strong>{claim.claimant.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {kindTitle.get(claim.claimant.kind) ?? claim.claimant.kind}
                  {claim.claimant.contact === null ? '' : ` · ${claim.claimant.contact}`} · {formatDateTime(claim.claimedAt)}
                </Typography.Text>
                {claim.status === 'claimed' && permissions.closeClaims ? (
                  <>
                    <Button type="link" size="small" onClick={() => setActing({ kind: 'done', item: row, claim })}>
                      {t('claims.markDone')}
                    </Button>
                    <Button type="link" size="small" danger onClick={() => setActing({ kind: 'withdraw', item: row, claim })}>
                      {t('claims.withdraw')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ))}
          </Space>
        ),
    },
    ...(permissions.claim
      ? [
          {
            key: 'actions',
            title: t('table.actions'),
            width: 90,
            render: (_: unknown, row: UnitItem) =>
              row.status === 'open' || (claiming?.multiple === true && row.status === 'claimed') ? (
                <Button type="link" size="small" onClick={() => setActing({ kind: 'claim', unit, item: row })}>
                  {t('claims.claim')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('claims.rule', { level })}
        {claiming?.multiple === true ? ` ${t('claims.ruleMultiple', { level })}` : ''}
      </Typography.Paragraph>
      {summary.error === null ? null : <Alert type="error" showIcon message={summary.error.message} style={{ marginBottom: 16 }} />}
      <Table<UnitClaims>
        // Mounted afresh once the units are in, so that a single unit opens by itself.
        key={summary.data === undefined ? 'loading' : 'loaded'}
        rowKey="orgCode"
        size="middle"
        loading={summary.isFetching}
        columns={unitColumns}
        dataSource={summary.data}
        locale={{ emptyText: t('claims.noUnits') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          defaultExpandedRowKeys: summary.data?.length === 1 ? [summary.data[0]?.orgCode ?? ''] : [],
          expandedRowRender: (unit) => (
            <Table<UnitItem> rowKey="code" size="small" columns={itemColumns(unit)} dataSource={[...unit.items]} pagination={false} scroll={{ x: 'max-content' }} />
          ),
        }}
      />
      {acting === null ? null : acting.kind === 'claim' ? (
        <ClaimModal checklist={checklist} unit={acting.unit} item={acting.item} onClose={() => setActing(null)} />
      ) : (
        <CloseClaimModal checklist={checklist} action={acting.kind} item={acting.item} claim={acting.claim} onClose={() => setActing(null)} />
      )}
    </>
  );
}

interface ClaimForm {
  readonly claimant: { readonly name?: string; readonly kind?: string; readonly contact?: string };
  readonly note?: string;
}

/** Records that an organisation claims an item at a unit. */
function ClaimModal(props: { readonly checklist: AdminChecklist; readonly unit: UnitClaims; readonly item: UnitItem; readonly onClose: () => void }) {
  const { checklist, unit, item, onClose } = props;
  const { locale, t } = useAdmin();
  const { message } = App.useApp();
  const write = useChecklistWrite();
  const invalidate = useInvalidateChecklist(checklist.id);
  const [form] = Form.useForm<ClaimForm>();
  const [saving, setSaving] = useState(false);
  const kinds = checklist.claiming?.claimantKinds ?? [];

  const submit = async (values: ClaimForm) => {
    setSaving(true);
    const trimmed = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
    const contact = trimmed(values.claimant.contact);
    const note = trimmed(values.note);
    const result = await write(
      {
        method: 'POST',
        path: `/checklists/${encodeURIComponent(checklist.id)}/claims`,
        body: {
          item: item.code,
          orgCode: unit.orgCode,
          claimant: { name: values.claimant.name ?? '', kind: values.claimant.kind ?? '', ...(contact === undefined ? {} : { contact }) },
          ...(note === undefined ? {} : { note }),
        },
      },
      { form: true },
    );
    setSaving(false);
    if (result.ok) {
      await invalidate();
      void message.success(t('claims.claimedOk'));
      onClose();
    } else showFieldErrors(form, result.error, message);
  };

  return (
    <Modal
      open
      title={t('claims.claimTitle', { item: resolveText(item.title, locale), unit: unit.orgName })}
      okText={t('claims.claim')}
      cancelText={t('buttons.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ClaimForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ claimant: { kind: kinds[0]?.id } }}>
        <Form.Item name={['claimant', 'name']} label={t('claims.fields.name')} rules={[{ required: true, whitespace: true, message: t('claims.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name={['claimant', 'kind']} label={t('claims.fields.kind')} rules={[{ required: true, message: t('claims.required') }]}>
          <Select options={kinds.map((k) => ({ value: k.id, label: k.title }))} />
        </Form.Item>
        <Form.Item name={['claimant', 'contact']} label={t('claims.fields.contact')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('claims.fields.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The claim form's fields by the engine's field error keys. */
const FORM_FIELDS: Readonly<Record<string, ['claimant', 'name' | 'kind' | 'contact'] | ['note']>> = {
  'claimant.name': ['claimant', 'name'],
  'claimant.kind': ['claimant', 'kind'],
  'claimant.contact': ['claimant', 'contact'],
  note: ['note'],
};

/** Puts the engine's field errors (`claimant.name` …) under their fields, and the others (item, unit) in a message. */
function showFieldErrors(form: FormInstance<ClaimForm>, error: HttpError, message: ReturnType<typeof App.useApp>['message']): void {
  const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);
  const fields = Object.entries(error.errors ?? {});
  form.setFields(
    fields.flatMap(([key, value]) => {
      const name = Object.hasOwn(FORM_FIELDS, key) ? FORM_FIELDS[key] : undefined;
      return name === undefined ? [] : [{ name, errors: texts(value) }];
    }),
  );
  const other = fields.filter(([key]) => !Object.hasOwn(FORM_FIELDS, key));
  if (other.length > 0) void message.error(other.flatMap(([, value]) => texts(value)).join('；'));
}

/** Marks a claim done or withdraws it, with an optional note; a stale claim shows the conflict with a reload. */
function CloseClaimModal(props: {
  readonly checklist: AdminChecklist;
  readonly action: 'done' | 'withdraw';
  readonly item: UnitItem;
  readonly claim: Claim;
  readonly onClose: () => void;
}) {
  const { checklist, action, item, claim, onClose } = props;
  const { locale, t } = useAdmin();
  const { message } = App.useApp();
  const write = useChecklistWrite();
  const invalidate = useInvalidateChecklist(checklist.id);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  const close = async () => {
    setSaving(true);
    const result = await write({
      method: 'POST',
      path: `/checklists/${encodeURIComponent(checklist.id)}/claims/${encodeURIComponent(claim.id)}/${action}`,
      body: { version: claim.version, ...(note.trim() === '' ? {} : { note: note.trim() }) },
    });
    setSaving(false);
    if (result.ok) {
      await invalidate();
      void message.success(t(action === 'done' ? 'claims.doneOk' : 'claims.withdrawnOk'));
      onClose();
    } else if (result.error.statusCode === 409) setConflict(true);
  };

  return (
    <Modal
      open
      title={t(action === 'done' ? 'claims.doneTitle' : 'claims.withdrawTitle', { item: resolveText(item.title, locale), claimant: claim.claimant.name })}
      okText={t(action === 'done' ? 'claims.markDone' : 'claims.withdraw')}
      okButtonProps={{ danger: action === 'withdraw', disabled: conflict }}
      cancelText={t('buttons.cancel')}
      confirmLoading={saving}
      onOk={() => void close()}
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
      <Input.TextArea id="claimNote" rows={3} maxLength={2000} placeholder={t('claims.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
