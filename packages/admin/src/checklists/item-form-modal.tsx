import { SchemaForm } from '../forms/schema-form.tsx';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import type { AdminChecklist } from '@zhili/schemas';
import { Modal } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { toErrorSchema } from '../forms/server-errors.ts';
import { withDefaultWidgets } from '../schema/widgets.ts';
import type { ItemFormData } from './checklist-view.ts';
import { itemFormErrors, itemFormSchema } from './checklist-view.ts';

/** A write the form asks for; it answers the engine's field errors when the write failed on them, else null. */
export type ItemSubmit = (data: ItemFormData) => Promise<Readonly<Record<string, unknown>> | null>;

/**
 * The form of a draft item, in a modal: code (new items only), title and the attributes of the
 * checklist's item schema, validated in the browser as the server does; the server's field
 * errors show under their fields.
 */
export function ItemFormModal(props: {
  readonly checklist: AdminChecklist;
  /** The item's data when editing one; the proposed code when adding. */
  readonly initial: ItemFormData;
  readonly isNew: boolean;
  readonly onSubmit: ItemSubmit;
  readonly onClose: () => void;
}) {
  const { checklist, initial, isNew, onSubmit, onClose } = props;
  const { t } = useAdmin();
  const schema = useMemo(
    () => itemFormSchema(checklist.itemSchema, { code: t('checklists.itemCode'), title: t('checklists.itemTitle') }, isNew) as RJSFSchema,
    [checklist, isNew, t],
  );
  const uiSchema = useMemo(() => {
    const own = withDefaultWidgets(checklist.itemSchema.properties ?? {}, checklist.itemUiSchema);
    const order = Array.isArray(own['ui:order']) ? (own['ui:order'] as string[]) : ['*'];
    return { ...own, 'ui:order': [...(isNew ? ['code'] : []), 'title', ...order.filter((name) => name !== 'code' && name !== 'title')] };
  }, [checklist, isNew]);
  const [data, setData] = useState<ItemFormData>(initial);
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const submit = async (formData: ItemFormData) => {
    setSaving(true);
    setServerErrors(undefined);
    try {
      const errors = await onSubmit(formData);
      if (errors !== null) setServerErrors(toErrorSchema(itemFormErrors(errors)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={isNew ? t('checklists.addItem') : t('checklists.editItem')} footer={null} onCancel={onClose} width={720} destroyOnHidden>
      <SchemaForm
        schema={schema}
        uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: t('buttons.save'), props: { type: 'primary' } } }}
        formData={data}
        onChange={({ formData }) => setData((formData ?? {}) as ItemFormData)}
        extraErrors={serverErrors}
        disabled={saving}
        onSubmit={({ formData }) => void submit((formData ?? {}) as ItemFormData)}
      />
    </Modal>
  );
}
