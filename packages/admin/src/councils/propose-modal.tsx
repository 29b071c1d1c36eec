import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { AdminCouncilProcedure, CouncilProposal } from '@zhili/schemas';
import { Alert, Form, Modal, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { SchemaForm } from '../forms/schema-form.tsx';
import { useFormSubmit } from '../forms/use-form-submit.ts';
import { requestJson } from '../providers/http.ts';
import { useRefreshCases } from '../cases/case-hooks.ts';
import { useRefreshCouncils, useRosters } from './council-hooks.ts';
import { homeCouncilUnit } from './council-view.ts';

interface ProposalFormValue {
  orgCode?: string;
  title?: string;
  content?: string;
  proposers?: string[];
  comment?: string;
}

/**
 * Puts a proposal (提出议案) under one of the procedures the actor may use: at a unit of the body's
 * level (the navigator's, or the actor's own, to begin with), with its title and content, and, where the procedure takes proposals put by members
 * jointly, the members who put it (from the body's roster there; the engine checks their share).
 */
export function ProposeModal({ procedures, onClose, onProposed }: { readonly procedures: readonly AdminCouncilProcedure[]; readonly onClose: () => void; readonly onProposed: (proposal: CouncilProposal) => void }) {
  const { client, meta, org, t } = useAdmin();
  const refreshCouncils = useRefreshCouncils();
  const refreshCases = useRefreshCases();
  const form = useFormSubmit({ versioned: false });
  const [procedureId, setProcedureId] = useState(procedures[0]?.id ?? '');
  const [value, setValue] = useState<ProposalFormValue>(() => {
    const unit = org ?? (meta === null ? null : homeCouncilUnit(meta));
    return unit === null ? {} : { orgCode: unit };
  });
  const procedure = procedures.find((p) => p.id === procedureId);
  const body = meta?.councils.bodies.find((b) => b.id === procedure?.body);
  const joint = procedure?.proposers.share != null;
  const rosters = useRosters(joint && value.orgCode !== undefined ? value.orgCode : null);
  const members = rosters.data?.find((r) => r.body === body?.id)?.members ?? [];

  const { schema, uiSchema } = useMemo(() => {
    const properties: Record<string, unknown> = {
      orgCode: { type: 'string', title: t('councils.unit') },
      title: { type: 'string', title: t('councils.proposalTitle'), minLength: 1, maxLength: 200 },
      content: { type: 'string', title: t('councils.content'), minLength: 1, maxLength: 4000 },
    };
    if (joint && members.length > 0) {
      properties['proposers'] = {
        type: 'array',
        title: t('councils.proposers', { share: procedure?.proposers.share ?? '' }),
        uniqueItems: true,
        items: { type: 'string', oneOf: members.map((m) => ({ const: m.id, title: m.name })) },
      };
    }
    properties['comment'] = { type: 'string', title: t('cases.comment'), maxLength: 4000 };
    return {
      schema: { type: 'object', required: ['orgCode', 'title', 'content'], properties } as RJSFSchema,
      uiSchema: {
        orgCode: { 'ui:widget': 'orgUnit', 'ui:options': { level: body?.level } },
        content: { 'ui:widget': 'textarea', 'ui:options': { rows: 5 } },
        proposers: { 'ui:widget': 'checkboxes', 'ui:options': { inline: true } },
        comment: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
        'ui:submitButtonOptions': { submitText: t('councils.propose'), props: { type: 'primary', disabled: form.busy } },
      } as UiSchema,
    };
  }, [t, joint, members, procedure, body, form.busy]);

  const submit = (data: ProposalFormValue) =>
    form.run(async () => {
      if (procedure === undefined) return;
      const { orgCode = '', proposers = [], comment = '', ...rest } = data;
      const proposal = (await requestJson(client, {
        method: 'POST',
        path: `/councils/units/${encodeURIComponent(orgCode)}/procedures/${encodeURIComponent(procedure.id)}/proposals`,
        body: { ...rest, ...(proposers.length > 0 ? { proposers } : {}), ...(comment.trim() !== '' ? { comment: comment.trim() } : {}) },
      })) as CouncilProposal;
      await Promise.all([refreshCouncils(), refreshCases()]);
      onProposed(proposal);
    });

  return (
    <Modal open title={t('councils.propose')} footer={null} onCancel={onClose} destroyOnHidden width={680}>
      {procedures.length > 1 ? (
        <Form.Item label={t('councils.procedure')}>
          <Segmented value={procedureId} options={procedures.map((p) => ({ value: p.id, label: p.title }))} onChange={(next) => setProcedureId(String(next))} />
        </Form.Item>
      ) : null}
      {procedure?.description ? <Typography.Paragraph type="secondary">{procedure.description}</Typography.Paragraph> : null}
      {form.failure !== null ? <Alert type="error" showIcon message={form.failure} style={{ marginBottom: 16 }} /> : null}
      <SchemaForm
        key={procedureId}
        schema={schema}
        uiSchema={uiSchema}
        formData={value}
        onChange={({ formData }) => setValue((formData ?? {}) as ProposalFormValue)}
        extraErrors={form.serverErrors}
        onSubmit={({ formData }) => void submit((formData ?? {}) as ProposalFormValue)}
      />
    </Modal>
  );
}
