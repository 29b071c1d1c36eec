import { Create, Edit } from '@refinedev/antd';
import type { BaseRecord, HttpError } from '@refinedev/core';
import { useForm, useResourceParams } from '@refinedev/core';
import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { Alert, Button } from 'antd';
import { useMemo, useState } from 'react';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { rjsfTranslator } from '../forms/rjsf-strings.ts';
import { toErrorSchema } from '../forms/server-errors.ts';
import { createFormValidator } from '../forms/validator.ts';
import type { AdminResource } from '@zhili/schemas';
import { withDefaultWidgets } from '../schema/widgets.ts';

/** The generic create and edit page: an RJSF form of the resource's schema and uiSchema. */
export default function FormPage({ action }: { readonly action: 'create' | 'edit' }) {
  const { resource: refineResource, id } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  if (resource === null || (action === 'edit' && id === undefined)) return null;
  return <ResourceForm key={`${resource.id}/${action}/${String(id)}`} resource={resource} action={action} id={id} />;
}

function ResourceForm({ resource, action, id }: { readonly resource: AdminResource; readonly action: 'create' | 'edit'; readonly id: string | number | undefined }) {
  const { locale, t } = useAdmin();
  const { onFinish, query, formLoading } = useForm<BaseRecord, HttpError>({
    resource: resource.id,
    action,
    ...(id === undefined ? {} : { id }),
    redirect: 'show',
  });
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [conflict, setConflict] = useState(false);
  const validator = useMemo(() => createFormValidator(locale), [locale]);
  const translateString = useMemo(() => rjsfTranslator(locale), [locale]);

  const { schema, uiSchema } = useMemo(() => {
    const properties = resource.schema.properties ?? {};
    const own = withDefaultWidgets(properties, resource.uiSchema);
    if (action === 'edit') return { schema: resource.schema as RJSFSchema, uiSchema: own };
    // A new record names the org unit it attaches to; the org tree picker replaces this text box later.
    const order = Array.isArray(own['ui:order']) ? ['orgCode', ...(own['ui:order'] as string[])] : undefined;
    return {
      schema: {
        ...resource.schema,
        required: ['orgCode', ...(resource.schema.required ?? [])],
        properties: { orgCode: { type: 'string', title: t('forms.orgCode'), minLength: 1 }, ...properties },
      } as RJSFSchema,
      uiSchema: order === undefined ? own : { ...own, 'ui:order': order },
    };
  }, [resource, action, t]);

  const record = query?.data?.data;
  const formData = useMemo(() => {
    if (action === 'create' || record === undefined) return undefined;
    const names = Object.keys(resource.schema.properties ?? {});
    return Object.fromEntries(names.filter((n) => record[n] !== undefined && record[n] !== null).map((n) => [n, record[n]]));
  }, [action, record, resource]);

  const submit = async (data: Record<string, unknown>) => {
    setServerErrors(undefined);
    setConflict(false);
    try {
      await onFinish(action === 'edit' ? { ...data, version: record?.['version'] } : data);
    } catch (error) {
      const httpError = error as HttpError;
      if (httpError.statusCode === 409) setConflict(true);
      else setServerErrors(toErrorSchema(httpError.errors as Record<string, unknown> | undefined));
    }
  };

  const form = (
    <>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('forms.conflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(false);
                void query?.refetch();
              }}
            >
              {t('forms.reload')}
            </Button>
          }
        />
      ) : null}
      {action === 'edit' && formData === undefined ? null : (
        <Form
          schema={schema}
          uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: t('buttons.save') } }}
          formData={formData}
          validator={validator}
          noHtml5Validate
          showErrorList={false}
          extraErrors={serverErrors}
          translateString={translateString}
          disabled={formLoading}
          onSubmit={({ formData: data }) => void submit((data ?? {}) as Record<string, unknown>)}
        />
      )}
    </>
  );
  return action === 'create' ? (
    <Create title={resource.title} saveButtonProps={{ hidden: true }} footerButtons={() => null}>
      {form}
    </Create>
  ) : (
    <Edit title={resource.title} isLoading={query?.isLoading ?? false} footerButtons={() => null} canDelete={false}>
      {form}
    </Edit>
  );
}
