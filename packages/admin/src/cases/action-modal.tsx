import type { HttpError } from '@refinedev/core';
import { SchemaForm } from '../forms/schema-form.tsx';
import type { ErrorSchema } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import type { Case, CaseAction, CaseAssignee } from '@zhili/schemas';
import { Alert, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';
import { toErrorSchema } from '../forms/server-errors.ts';
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
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const { schema, uiSchema } = useMemo(() => {
    const roleTitles = new Map((meta?.roles ?? []).map((r) => [r.id, r.title]));
    return actionFormSchema({ action, org: found.orgCode, candidates: candidates.data ?? [], roleTitle: (role) => roleTitles.get(role) ?? role, t });
  }, [action, found.orgCode, candidates.data, meta, t]);

  const submit = async (data: ActionFormValues) => {
    setServerErrors(undefined);
    setFailure(null);
    setBusy(true);
    try {
      await requestJson(client, { method: 'POST', path: `/cases/${found.id}/transitions`, body: transitionBody(action, found.version, data) });
      onDone();
    } catch (error) {
      const httpError = error as HttpError;
      const fieldErrors = httpError.errors as Record<string, unknown> | undefined;
      if (httpError.statusCode === 409) setConflict(true);
      else if (fieldErrors !== undefined && Object.keys(fieldErrors).length > 0) setServerErrors(toErrorSchema(fieldErrors));
      else setFailure(httpError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={action.title} footer={null} onCancel={onClose} destroyOnHidden width={600}>
      {action.description !== null ? <Typography.Paragraph type="secondary">{action.description}</Typography.Paragraph> : null}
      {conflict ? <ConflictAlert onReload={onReload} /> : null}
      {failure !== null ? <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} /> : null}
      {action.assign && candidates.isLoading ? null : (
        <SchemaForm
          schema={schema}
          uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: action.title, props: { type: 'primary', disabled: busy || conflict } } }}
          formData={values}
          onChange={({ formData }) => setValues((formData ?? {}) as ActionFormValues)}
                extraErrors={serverErrors}
                onSubmit={({ formData }) => void submit((formData ?? {}) as ActionFormValues)}
        />
      )}
    </Modal>
  );
}
