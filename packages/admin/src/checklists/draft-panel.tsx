import { useQuery } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import type { AdminChecklist, ChecklistPermissions } from '@zhili/schemas';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { checklistKey, useChecklistWrite, useInvalidateChecklist } from './checklist-hooks.ts';
import type { ChecklistDiff, ChecklistItem, ChecklistSummary, ChecklistVersion } from './checklist-types.ts';
import type { DiffRow, ItemFormData } from './checklist-view.ts';
import { chinaToday, diffRows, dropItem, earliestEffectiveDate, editedTitle, isEmptyDiff, itemFormData, itemPatchBody, moveItem, newItemBody, nextItemCode } from './checklist-view.ts';
import { ExportExcelButton, ImportExcelButton } from './excel-buttons.tsx';
import { ItemFormModal } from './item-form-modal.tsx';
import { ItemsTable } from './items-table.tsx';
import { ConflictAlert } from '../forms/conflict-alert.tsx';

const DIFF_COLORS: Readonly<Record<DiffRow['kind'], string>> = { added: 'green', changed: 'blue', moved: 'purple', retired: 'red' };

/** Which item the form is open for: a new one (with the proposed code) or an existing one. */
type Editing = { readonly isNew: true; readonly code: string } | { readonly isNew: false; readonly item: ChecklistItem } | null;

/**
 * The draft of a checklist. Without one, an editor may start it. With one: its items (inline title
 * editing, the item form for add and edit, up/down to reorder, retire), discard, what changed
 * against the version it came from, and publication with an effective date for those who may
 * publish. Every change names the draft's revision; a stale one shows the conflict, with a reload.
 */
export function DraftPanel(props: { readonly checklist: AdminChecklist; readonly summary: ChecklistSummary | undefined; readonly permissions: ChecklistPermissions; readonly onPublished: () => void }) {
  const { checklist, summary, permissions, onPublished } = props;
  const { client, locale, t } = useAdmin();
  const { message } = App.useApp();
  const base = `/checklists/${encodeURIComponent(checklist.id)}`;
  const hasDraft = summary?.draft != null;
  const draft = useQuery({
    queryKey: [...checklistKey(checklist.id), 'draft', locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `${base}/versions/draft` })) as ChecklistVersion,
    enabled: hasDraft,
  });
  const diff = useQuery({
    queryKey: [...checklistKey(checklist.id), 'diff', locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `${base}/diff` })) as ChecklistDiff,
    enabled: hasDraft,
  });
  const write = useChecklistWrite();
  const invalidate = useInvalidateChecklist(checklist.id);
  const [conflict, setConflict] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState(false);

  /** A change to the draft: done, conflicted (explained above the table) or failed (a message); the draft reloads after success. */
  const change = async (request: { readonly method: string; readonly path: string; readonly body?: unknown }, options?: { readonly form?: boolean }) => {
    setBusy(true);
    try {
      const result = await write(request, options);
      if (result.ok) await invalidate();
      else if (result.error.statusCode === 409) setConflict(true);
      return result;
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setConflict(false);
    await invalidate();
  };

  const conflictAlert = conflict ? (
    <ConflictAlert onReload={() => void reload()} />
  ) : null;

  if (!hasDraft) {
    return (
      <>
        {conflictAlert}
        <Empty description={t('checklists.noDraft')}>
          {permissions.edit ? (
            <Button type="primary" loading={busy} onClick={() => void change({ method: 'POST', path: `${base}/draft` })}>
              {t('checklists.startDraft')}
            </Button>
          ) : null}
        </Empty>
      </>
    );
  }

  const version = draft.data;
  const revision = version?.revision ?? 0;
  const items = version?.items ?? [];
  const itemPath = (code: string): string => `${base}/draft/items/${encodeURIComponent(code)}`;
  const reorder = (codes: string[] | null) => (codes === null ? undefined : () => void change({ method: 'POST', path: `${base}/draft/reorder`, body: { revision, codes } }));

  const submitItem = async (data: ItemFormData) => {
    if (editing === null) return null;
    const result = editing.isNew
      ? await change({ method: 'POST', path: `${base}/draft/items`, body: newItemBody(data, revision) }, { form: true })
      : await change({ method: 'PATCH', path: itemPath(editing.item.code), body: itemPatchBody(editing.item, data, { revision, locale }) }, { form: true });
    if (result.ok) {
      setEditing(null);
      return null;
    }
    if (result.error.statusCode === 409) setEditing(null);
    return (result.error.errors as Readonly<Record<string, unknown>> | undefined) ?? {};
  };

  const rows = diff.data === undefined ? [] : diffRows(diff.data, { schema: checklist.itemSchema, locale, titleLabel: t('checklists.itemTitle'), items });

  return (
    <>
      {conflictAlert}
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>
          {t('checklists.draftOf', { version: version?.version ?? '', basedOn: version?.basedOn ?? '' })}
        </Typography.Text>
        {permissions.edit ? (
          <>
            <Button type="primary" disabled={version === undefined} onClick={() => setEditing({ isNew: true, code: nextItemCode(items) })}>
              {t('checklists.addItem')}
            </Button>
            <Popconfirm
              title={t('checklists.discardConfirm')}
              okText={t('checklists.discard')}
              cancelText={t('buttons.cancel')}
              onConfirm={() => void change({ method: 'DELETE', path: `${base}/draft?revision=${revision}` })}
            >
              <Button danger disabled={version === undefined}>
                {t('checklists.discard')}
              </Button>
            </Popconfirm>
          </>
        ) : null}
        <ExportExcelButton checklist={checklist} version="draft" disabled={version === undefined} />
        {permissions.edit ? <ImportExcelButton checklist={checklist} revision={revision} disabled={version === undefined} onConflict={() => setConflict(true)} /> : null}
        {permissions.publish ? (
          <Button type="primary" ghost disabled={version === undefined || (diff.data !== undefined && isEmptyDiff(diff.data))} onClick={() => setPublishing(true)}>
            {t('checklists.publish')}
          </Button>
        ) : null}
      </Space>
      <ItemsTable
        checklist={checklist}
        items={items}
        loading={draft.isFetching || busy}
        {...(permissions.edit ? { onDrop: (code: string, onto: string) => reorder(dropItem(items, code, onto))?.() } : {})}
        title={(item) =>
          permissions.edit && item.status === 'active' ? (
            <Typography.Text
              editable={{
                tooltip: t('checklists.editTitle'),
                onChange: (text) => {
                  const title = editedTitle(item.title, text.trim(), locale);
                  if (text.trim() !== '' && title !== undefined) void change({ method: 'PATCH', path: itemPath(item.code), body: { revision, title } });
                },
              }}
            >
              {resolveText(item.title, locale)}
            </Typography.Text>
          ) : (
            <Typography.Text delete={item.status === 'retired'}>{resolveText(item.title, locale)}</Typography.Text>
          )
        }
        {...(permissions.edit
          ? {
              actions: (item: ChecklistItem) =>
                item.status === 'retired' ? null : (
                  <Space size={0} wrap={false}>
                    <Button type="link" size="small" onClick={() => setEditing({ isNew: false, item })}>
                      {t('buttons.edit')}
                    </Button>
                    <Button type="link" size="small" aria-label={t('checklists.moveUp')} disabled={moveItem(items, item.code, -1) === null} onClick={reorder(moveItem(items, item.code, -1))}>
                      ↑
                    </Button>
                    <Button type="link" size="small" aria-label={t('checklists.moveDown')} disabled={moveItem(items, item.code, 1) === null} onClick={reorder(moveItem(items, item.code, 1))}>
                      ↓
                    </Button>
                    <Popconfirm
                      title={t('checklists.retireConfirm')}
                      okText={t('checklists.retire')}
                      cancelText={t('buttons.cancel')}
                      onConfirm={() => void change({ method: 'DELETE', path: `${itemPath(item.code)}?revision=${revision}` })}
                    >
                      <Button type="link" size="small" danger>
                        {t('checklists.retire')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            }
          : {})}
      />
      <Card size="small" title={t('checklists.diffTitle', { version: diff.data?.from ?? '' })} style={{ marginTop: 16 }} loading={diff.isLoading}>
        {rows.length === 0 ? (
          <Typography.Text type="secondary">{t('checklists.noChanges')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={rows}
            renderItem={(row) => (
              <List.Item className={`zhili-diff-${row.kind}`}>
                <Space direction="vertical" size={2}>
                  <Space wrap>
                    <Tag color={DIFF_COLORS[row.kind]}>{t(`checklists.diff.${row.kind}`)}</Tag>
                    <Typography.Text code>{row.code}</Typography.Text>
                    <Typography.Text delete={row.kind === 'retired'}>{row.title}</Typography.Text>
                    {row.move === null ? null : <Typography.Text type="secondary">{t('checklists.diff.place', row.move)}</Typography.Text>}
                  </Space>
                  {row.changes.map((c) => (
                    <Typography.Text key={c.key} type="secondary">
                      {c.label}：<Typography.Text delete>{c.before}</Typography.Text> → <Typography.Text strong>{c.after}</Typography.Text>
                    </Typography.Text>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {editing === null ? null : (
        <ItemFormModal
          checklist={checklist}
          isNew={editing.isNew}
          initial={editing.isNew ? { code: editing.code } : itemFormData(editing.item, locale)}
          onSubmit={submitItem}
          onClose={() => setEditing(null)}
        />
      )}
      {publishing && version !== undefined ? (
        <PublishModal
          earliest={earliestEffectiveDate(chinaToday(new Date()), summary?.latest?.effectiveFrom ?? null)}
          onClose={() => setPublishing(false)}
          onPublish={async (effectiveFrom, note) => {
            const result = await change({ method: 'POST', path: `${base}/publish`, body: { revision, effectiveFrom, ...(note === '' ? {} : { note }) } });
            setPublishing(false);
            if (result.ok) {
              void message.success(t('checklists.published', { version: version.version, date: effectiveFrom }));
              onPublished();
            }
          }}
        />
      ) : null}
    </>
  );
}

/** Asks for the effective date (today in China or later) and an optional note, then publishes. */
function PublishModal(props: { readonly earliest: string; readonly onClose: () => void; readonly onPublish: (effectiveFrom: string, note: string) => Promise<void> }) {
  const { earliest, onClose, onPublish } = props;
  const { t } = useAdmin();
  const [form] = Form.useForm<{ effectiveFrom: Dayjs; note?: string }>();
  const [saving, setSaving] = useState(false);
  const first = dayjs(earliest);
  return (
    <Modal
      open
      title={t('checklists.publishTitle')}
      okText={t('checklists.publish')}
      cancelText={t('buttons.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ effectiveFrom: first }}
        onFinish={async (values) => {
          setSaving(true);
          try {
            await onPublish(values.effectiveFrom.format('YYYY-MM-DD'), values.note?.trim() ?? '');
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="effectiveFrom" label={t('checklists.effectiveFrom')} rules={[{ required: true, message: t('checklists.effectiveRequired') }]} extra={t('checklists.effectiveHint')}>
          <DatePicker id="effectiveFrom" allowClear={false} disabledDate={(day) => day.isBefore(first, 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('checklists.note')}>
          <Input.TextArea id="publishNote" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
