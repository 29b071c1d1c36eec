import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { Alert, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';
import { SchemaForm } from '../forms/schema-form.tsx';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { useRefreshPoints } from './points-hooks.ts';
import { newIdempotencyKey } from './points-view.ts';

/**
 * One form that posts to the ledger (award, claim, decision, redemption, restock, time bank,
 * reversal): the engine's field errors show under their fields, a rule broken (a cap, the balance,
 * the stock) on top, a stale claim as the conflict. The request carries an Idempotency-Key: kept
 * when the network failed (the posting may have been made; a retry must not make it twice), new
 * once the engine answered.
 */
export function PointsFormModal<T extends Record<string, unknown>>({
  title,
  intro,
  schema,
  uiSchema,
  initial,
  path,
  body,
  submitText,
  onClose,
  onDone,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly schema: RJSFSchema;
  readonly uiSchema?: UiSchema;
  readonly initial?: T;
  readonly path: string;
  readonly body?: (data: T) => unknown;
  readonly submitText: string;
  readonly onClose: () => void;
  readonly onDone: (answer: unknown) => void;
}) {
  const { client } = useAdmin();
  const refresh = useRefreshPoints();
  const form = useFormSubmit();
  const [value, setValue] = useState<T>((initial ?? {}) as T);
  const key = useRef(newIdempotencyKey());

  const submit = (data: T) =>
    form.run(async () => {
      try {
        const answer = await requestJson(client, { method: 'POST', path, body: body === undefined ? data : body(data), headers: { 'Idempotency-Key': key.current } });
        await refresh();
        onDone(answer);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 0) key.current = newIdempotencyKey();
        throw error;
      }
    });
  const reload = async () => {
    await refresh();
    onClose();
  };

  return (
    <Modal open title={title} footer={null} onCancel={onClose} destroyOnHidden width={620}>
      {intro !== undefined ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
      {form.conflict ? <ConflictAlert onReload={() => void reload()} /> : null}
      {form.failure !== null ? <Alert className="zhili-points-failure" type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      <SchemaForm
        schema={schema}
        uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText, props: { type: 'primary', disabled: form.busy || form.conflict } } }}
        formData={value}
        onChange={({ formData }) => setValue((formData ?? {}) as T)}
        extraErrors={form.serverErrors}
        onSubmit={({ formData }) => void submit((formData ?? {}) as T)}
      />
    </Modal>
  );
}
