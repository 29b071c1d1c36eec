import { SchemaForm } from '../forms/schema-form.tsx';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import type { AdminMeta, AdminResource, AdminWorkflow, Case } from '@zhili/schemas';
import { Alert, Modal } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { toErrorSchema } from '../forms/server-errors.ts';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { recordFormSchema } from '../schema/record-form.ts';
import { useRefreshCases } from './case-hooks.ts';

/** The engine's errors on a report: the new record's fields are keyed by field name, and go under `record`. */
function reportErrors(errors: Readonly<Record<string, unknown>>): ErrorSchema {
  const keyed = Object.entries(errors).map(([key, value]) => [key === 'comment' || key === 'record' || key.startsWith('record.') ? key : `record.${key}`, value] as const);
  return toErrorSchema(Object.fromEntries(keyed));
}

/** The unit the actor's records of the resource go to when it holds its roles at exactly one unit of the resource's level (a grid worker's grid). */
function homeUnit(meta: AdminMeta, resource: AdminResource): string | null {
  const levels = new Map(meta.roles.map((r) => [r.id, r.level]));
  const units = new Set(meta.actor.assignments.filter((a) => levels.get(a.role) === resource.level).map((a) => a.orgCode));
  return units.size === 1 ? ([...units][0] ?? null) : null;
}

/**
 * Reports a new record with its case (上报): the resource's generated form and a comment, sent as
 * one request, so the record and the case are written together or not at all.
 */
export function ReportModal({
  workflow,
  resource,
  onClose,
  onReported,
}: {
  readonly workflow: AdminWorkflow;
  readonly resource: AdminResource;
  readonly onClose: () => void;
  readonly onReported: (found: Case) => void;
}) {
  const { client, meta, t } = useAdmin();
  const refresh = useRefreshCases();
  const [formData, setFormData] = useState<Record<string, unknown>>(() => {
    const home = meta === null ? null : homeUnit(meta, resource);
    return home === null ? {} : { record: { orgCode: home } };
  });
  const form = useFormSubmit({ mapErrors: reportErrors, versioned: false });
  const { schema, uiSchema } = useMemo(() => {
    const record = recordFormSchema(resource, 'create', t('fields.orgCode'));
    return {
      schema: {
        type: 'object',
        required: ['record'],
        properties: { record: { ...record.schema, title: '' }, comment: { type: 'string', title: t('cases.comment'), maxLength: 2000 } },
      } as RJSFSchema,
      uiSchema: {
        record: record.uiSchema,
        comment: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
        'ui:submitButtonOptions': { submitText: t('cases.reportTitle', { resource: resource.title }), props: { type: 'primary', disabled: form.busy } },
      },
    };
  }, [resource, t, form.busy]);

  const submit = (data: Record<string, unknown>) =>
    form.run(async () => {
      const comment = typeof data['comment'] === 'string' ? data['comment'].trim() : '';
      const found = (await requestJson(client, {
        method: 'POST',
        path: `/workflows/${encodeURIComponent(workflow.id)}/cases`,
        body: { record: data['record'] ?? {}, ...(comment !== '' ? { comment } : {}) },
      })) as Case;
      await refresh();
      onReported(found);
    });

  return (
    <Modal open title={t('cases.reportTitle', { resource: resource.title })} footer={null} onCancel={onClose} destroyOnHidden width={640}>
      {form.failure !== null ? <Alert type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      <SchemaForm
        schema={schema}
        uiSchema={uiSchema}
        formData={formData}
        onChange={({ formData: next }) => setFormData((next ?? {}) as Record<string, unknown>)}
        extraErrors={form.serverErrors}
        onSubmit={({ formData: next }) => void submit((next ?? {}) as Record<string, unknown>)}
      />
    </Modal>
  );
}
