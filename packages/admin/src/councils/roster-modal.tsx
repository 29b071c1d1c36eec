import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { AdminCouncilBody, CouncilRoster } from '@zhili/schemas';
import { Alert, App, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';
import { SchemaForm } from '../forms/schema-form.tsx';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { rosterBody, toMemberForm } from './council-view.ts';
import type { MemberFormValue } from './council-view.ts';
import { useRefreshCouncils } from './council-hooks.ts';

/** A member's fields three to a row, so that a roster of fifteen stays readable; the account id is hidden. */
const ROSTER_LAYOUT = { colSpan: { string: 8, boolean: 8, array: 24, hidden: 0 } };

interface RosterFormValue {
  termStart?: string;
  members?: MemberFormValue[];
}

/**
 * Edits a body's roster at its unit: the term's start and the members (the body's member form, one
 * row each). The engine checks the composition rules on save; the rules broken show above the form
 * and nothing is written. A roster changed meanwhile shows the conflict, with a reload.
 */
export function RosterModal({ body, roster, onClose }: { readonly body: AdminCouncilBody; readonly roster: CouncilRoster; readonly onClose: () => void }) {
  const { client, t } = useAdmin();
  const { message } = App.useApp();
  const refresh = useRefreshCouncils();
  const form = useFormSubmit();
  const [value, setValue] = useState<RosterFormValue>(() => ({ ...(roster.termStart !== null ? { termStart: roster.termStart } : {}), members: roster.members.map(toMemberForm) }));
  const { schema, uiSchema } = useMemo(
    () => ({
      schema: {
        type: 'object',
        properties: {
          termStart: { type: 'string', format: 'date', title: t('councils.termStart') },
          members: { type: 'array', title: t('councils.members'), items: body.memberSchema as RJSFSchema, ...(body.size.max !== null ? { maxItems: body.size.max } : {}) },
        },
      } as RJSFSchema,
      uiSchema: {
        members: { 'ui:options': { orderable: false }, items: { 'ui:order': ['name', 'gender', 'position', 'partyMember', 'building', 'userId'], userId: { 'ui:widget': 'hidden' } } },
        'ui:submitButtonOptions': { submitText: t('councils.saveRoster'), props: { type: 'primary', disabled: form.busy || form.conflict } },
      } as UiSchema,
    }),
    [body, t, form.busy, form.conflict],
  );
  // The rules the roster breaks come as the `members` field's own errors; they concern the whole roster, so they show on top, not under the list.
  const { __errors: ruleErrors, ...memberErrors } = (form.serverErrors?.['members'] ?? {}) as ErrorSchema;
  const broken = ruleErrors ?? [];
  // RJSF's ErrorSchema types `__errors` against its own index signature, so a spread of one needs the cast.
  const fieldErrors = form.serverErrors === undefined ? undefined : ({ ...form.serverErrors, members: memberErrors } as unknown as ErrorSchema);

  const submit = (data: RosterFormValue) =>
    form.run(async () => {
      await requestJson(client, {
        method: 'PUT',
        path: `/councils/units/${encodeURIComponent(roster.orgCode)}/bodies/${encodeURIComponent(body.id)}`,
        body: rosterBody(roster.version, data.termStart, data.members ?? []),
      });
      await refresh();
      void message.success(t('councils.rosterSaved'));
      onClose();
    });
  const reload = async () => {
    await refresh();
    onClose();
  };

  return (
    <Modal open title={`${body.title} · ${roster.orgName}`} footer={null} onCancel={onClose} destroyOnHidden width={820}>
      {form.conflict ? <ConflictAlert onReload={() => void reload()} /> : null}
      {form.failure !== null ? <Alert type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      {broken.length > 0 ? (
        <Alert
          className="zhili-roster-violations"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('councils.rulesBroken')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {broken.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t('councils.rosterHint')}</Typography.Paragraph>
      <SchemaForm
        schema={schema}
        uiSchema={uiSchema}
        formContext={ROSTER_LAYOUT}
        formData={value}
        onChange={({ formData }) => setValue((formData ?? {}) as RosterFormValue)}
        extraErrors={fieldErrors}
        onSubmit={({ formData }) => void submit((formData ?? {}) as RosterFormValue)}
      />
    </Modal>
  );
}
