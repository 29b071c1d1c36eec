import { SchemaForm } from '../forms/schema-form.tsx';
import { useQuery } from '@tanstack/react-query';
import type { Case, CaseAction, CaseAssignee } from '@zhili/schemas';
import { Alert, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { actionFormSchema, transitionBody } from './case-view.ts';
import type { ActionFormValues } from './case-view.ts';

/**
 * Takes one action on a case: its form (the action's own fields, the next handler picked from the
 * users who can act at the next stage, the comment, attachments), sent with the case's version. The
 * engine's field errors show under their fields; a case changed meanwhile shows the conflict, with a reload.
 */
export function ActionModal({
  found,
  action,
  onClose,
  onDone,
  onReload,
}: {
  readonly found: Case;
  readonly action: CaseAction;
  readonly onClose: () => void;
  readonly onDone: () => void;
  readonly onReload: () => void;
}) {
  const { client, meta, locale, t } = useAdmin();
  const candidates = useQuery({
    queryKey: ['zhili', 'cases', 'assignees', found.id, found.version, action.id, locale],
    enabled: action.assign,
    queryFn: async () => ((await requestJson(client, { method: 'GET', path: `/cases/${found.id}/assignees?action=${encodeURIComponent(action.id)}` })) as { data: CaseAssignee[] }).data,
  });
  const [values, setValues] = useState<ActionFormValues>({});
  const form = useFormSubmit();
  const { schema, uiSchema } = useMemo(() => {
    const roleTitles = new Map((meta?.roles ?? []).map((r) => [r.id, r.title]));
    return actionFormSchema({ action, org: found.orgCode, candidates: candidates.data ?? [], roleTitle: (role) => roleTitles.get(role) ?? role, t });
  }, [action, found.orgCode, candidates.data, meta, t]);

  const submit = (data: ActionFormValues) =>
    form.run(async () => {
      await requestJson(client, { method: 'POST', path: `/cases/${found.id}/transitions`, body: transitionBody(action, found.version, data) });
      onDone();
    });

  return (
    <Modal open title={action.title} footer={null} onCancel={onClose} destroyOnHidden width={600}>
      {action.description !== null ? <Typography.Paragraph type="secondary">{action.description}</Typography.Paragraph> : null}
      {form.conflict ? <ConflictAlert onReload={onReload} /> : null}
      {form.failure !== null ? <Alert type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      {action.assign && candidates.isLoading ? null : (
        <SchemaForm
          schema={schema}
          uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: action.title, props: { type: 'primary', disabled: form.busy || form.conflict } } }}
          formData={values}
          onChange={({ formData }) => setValues((formData ?? {}) as ActionFormValues)}
                extraErrors={form.serverErrors}
                onSubmit={({ formData }) => void submit((formData ?? {}) as ActionFormValues)}
        />
      )}
    </Modal>
  );
}
