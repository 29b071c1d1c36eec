import type { HttpError } from '@refinedev/core';
import { useQueryClient } from '@tanstack/react-query';
import { resolveText } from '@zhili/schemas';
import type { AdminGrids, AdminResource, GridChangeResult } from '@zhili/schemas';
import { Alert, App, Form, Input, List, Modal } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { OrgTreeSelect } from '../org/org-tree-select.tsx';
import { requestJson } from '../providers/http.ts';
import { ReferenceSelect } from '../references/reference-select.tsx';

/** A grid change the grid page offers. */
export type GridChange =
  | { readonly kind: 'move'; readonly households: readonly string[] }
  | { readonly kind: 'split'; readonly households: readonly string[] }
  | { readonly kind: 'merge' }
  | { readonly kind: 'assign' };

/**
 * Sends a grid change and reports it: refused (a hard rule such as a household cap would break;
 * the engine's message says which) or done, with the violations of the other rules it caused.
 * Everything the admin knows of grids and records is reloaded after a change.
 */
function useGridChange(): (request: { readonly method: string; readonly path: string; readonly body?: unknown }) => Promise<GridChangeResult | HttpError> {
  const { client } = useAdmin();
  const queryClient = useQueryClient();
  return async (request) => {
    try {
      const result = (await requestJson(client, request)) as GridChangeResult;
      await queryClient.invalidateQueries();
      return result;
    } catch (error) {
      return error as HttpError;
    }
  };
}

const isError = (value: GridChangeResult | HttpError): value is HttpError => 'statusCode' in value;

/** The violations a change caused, to read after it was carried out. */
function CausedViolations({ result }: { readonly result: GridChangeResult }) {
  const { locale, t } = useAdmin();
  if (result.caused.length === 0) return <Alert type="success" showIcon message={t('grids.change.clean')} />;
  return (
    <Alert
      type="warning"
      showIcon
      message={t('grids.change.caused', { count: result.caused.length })}
      description={<List size="small" dataSource={[...result.caused]} renderItem={(v) => <List.Item>{resolveText(v.message, locale)}</List.Item>} />}
    />
  );
}

interface ChangeForm {
  readonly to?: string | null;
  readonly from?: string | null;
  readonly code?: string;
  readonly name?: string;
  readonly kind?: string;
  readonly staff?: string;
}

/** The modal of one grid change: its fields, then what it did. */
export function GridChangeModal(props: {
  readonly grids: AdminGrids;
  readonly grid: string;
  readonly change: GridChange;
  readonly staff: AdminResource | null;
  readonly onClose: () => void;
}) {
  const { grids, grid, change, staff, onClose } = props;
  const { t } = useAdmin();
  const { message } = App.useApp();
  const send = useGridChange();
  const [form] = Form.useForm<ChangeForm>();
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [result, setResult] = useState<GridChangeResult | null>(null);
  const encoded = encodeURIComponent(grid);

  const submit = async (values: ChangeForm) => {
    setSaving(true);
    setRefused(null);
    const request =
      change.kind === 'move'
        ? { method: 'POST', path: '/grids/move-households', body: { households: change.households, to: values.to } }
        : change.kind === 'split'
          ? {
              method: 'POST',
              path: `/grids/${encoded}/split`,
              body: { code: values.code?.trim(), name: values.name?.trim(), ...(values.kind?.trim() ? { kind: values.kind.trim() } : {}), households: change.households },
            }
          : change.kind === 'merge'
            ? { method: 'POST', path: `/grids/${encoded}/merge`, body: { from: values.from } }
            : { method: 'POST', path: `/grids/${encoded}/staff`, body: { staff: values.staff } };
    const outcome = await send(request);
    setSaving(false);
    if (!isError(outcome)) {
      void message.success(t(`grids.change.done.${change.kind}`));
      setResult(outcome);
      return;
    }
    const fields = Object.entries(outcome.errors ?? {});
    if (fields.length > 0) {
      form.setFields(
        fields.flatMap(([key, texts]) =>
          ['to', 'from', 'code', 'name', 'kind', 'staff'].includes(key) ? [{ name: key as keyof ChangeForm, errors: Array.isArray(texts) ? texts.map(String) : [String(texts)] }] : [],
        ),
      );
    }
    setRefused(outcome.message);
  };

  const required = [{ required: true, message: t('claims.required') }];
  return (
    <Modal
      open
      title={t(`grids.change.title.${change.kind}`, { count: 'households' in change ? change.households.length : 0 })}
      okText={result === null ? t(`grids.change.ok.${change.kind}`) : t('grids.change.close')}
      cancelButtonProps={{ style: result === null ? {} : { display: 'none' } }}
      cancelText={t('buttons.cancel')}
      confirmLoading={saving}
      onOk={() => (result === null ? form.submit() : onClose())}
      onCancel={onClose}
      destroyOnHidden
    >
      {result !== null ? (
        <CausedViolations result={result} />
      ) : (
        <Form<ChangeForm> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          {refused === null ? null : <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('grids.change.refused')} description={refused} />}
          {change.kind === 'move' ? (
            <Form.Item name="to" label={t('grids.change.to')} rules={required}>
              <GridSelect level={grids.level} id="grid-change-to" />
            </Form.Item>
          ) : null}
          {change.kind === 'merge' ? (
            <Form.Item name="from" label={t('grids.change.from')} extra={t('grids.change.mergeHint')} rules={required}>
              <GridSelect level={grids.level} id="grid-change-from" />
            </Form.Item>
          ) : null}
          {change.kind === 'split' ? (
            <>
              <Form.Item name="code" label={t('grids.change.code')} rules={required}>
                <Input maxLength={32} />
              </Form.Item>
              <Form.Item name="name" label={t('grids.change.name')} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="kind" label={t('grids.gridKind')}>
                <Input maxLength={32} />
              </Form.Item>
            </>
          ) : null}
          {change.kind === 'assign' && staff !== null ? (
            <Form.Item name="staff" label={t('grids.change.staff')} rules={required}>
              <ReferenceSelect target={staff} id="grid-change-staff" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}

/** A grid chosen from the org tree, as a form field (the form gives it its value and onChange). */
function GridSelect({ value, onChange, level, id }: { readonly value?: string | null; readonly onChange?: (code: string | null) => void; readonly level: string; readonly id: string }) {
  return <OrgTreeSelect value={value ?? null} onChange={(code) => onChange?.(code)} level={level} id={id} style={{ width: '100%' }} />;
}

/** Takes a staff member off the grid (their status becomes the configured leaving status). */
export function useRemoveStaff(grid: string): (staffId: string) => Promise<void> {
  const { t } = useAdmin();
  const { message, modal } = App.useApp();
  const send = useGridChange();
  return async (staffId) => {
    const outcome = await send({ method: 'DELETE', path: `/grids/${encodeURIComponent(grid)}/staff/${encodeURIComponent(staffId)}` });
    if (isError(outcome)) {
      void message.error(outcome.message);
      return;
    }
    void message.success(t('grids.change.done.remove'));
    if (outcome.caused.length > 0) modal.warning({ title: t('grids.change.done.remove'), content: <CausedViolations result={outcome} /> });
  };
}
