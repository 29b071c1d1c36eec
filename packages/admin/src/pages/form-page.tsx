import { Create, Edit } from '@refinedev/antd';
import type { BaseRecord, HttpError } from '@refinedev/core';
import { useForm, useResourceParams } from '@refinedev/core';
import { SchemaForm } from '../forms/schema-form.tsx';
import type { ErrorSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAdmin, useAdminResource } from '../app/admin-context.ts';
import { toErrorSchema } from '../forms/server-errors.ts';
import type { AdminResource } from '@zhili/schemas';
import { recordFormSchema } from '../schema/record-form.ts';
import { ConflictAlert } from '../forms/conflict-alert.tsx';


/** The generic create and edit page: an RJSF form of the resource's schema and uiSchema. */
export default function FormPage({ action }: { readonly action: 'create' | 'edit' }) {
  const { resource: refineResource, id } = useResourceParams();
  const resource = useAdminResource(refineResource?.name);
  if (resource === null || (action === 'edit' && id === undefined)) return null;
  return <ResourceForm key={`${resource.id}/${action}/${String(id)}`} resource={resource} action={action} id={id} />;
}

function ResourceForm({ resource, action, id }: { readonly resource: AdminResource; readonly action: 'create' | 'edit'; readonly id: string | number | undefined }) {
  const { t } = useAdmin();
  const { onFinish, query, formLoading } = useForm<BaseRecord, HttpError>({
    resource: resource.id,
    action,
    ...(id === undefined ? {} : { id }),
    redirect: 'show',
    // A conflict is explained on the page, with a reload; a toast repeating it would only add noise.
    errorNotification: (error) => (error?.statusCode === 409 ? false : undefined),
  });
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [conflict, setConflict] = useState(false);

  const { schema, uiSchema } = useMemo(() => recordFormSchema(resource, action, t('fields.orgCode')), [resource, action, t]);

  // What the user is editing, and the version of the record it started from. Taken from the record
  // once: a refetch (after a failed save, say) must not wipe out the user's changes.
  const record = query?.data?.data;
  const [edited, setEdited] = useState<{ readonly data: Record<string, unknown>; readonly version: unknown } | null>(null);
  const fromRecord = useCallback(
    (current: BaseRecord) => {
      const names = Object.keys(resource.schema.properties ?? {});
      const data = Object.fromEntries(names.filter((n) => current[n] !== undefined && current[n] !== null).map((n) => [n, current[n]]));
      return { data, version: current['version'] };
    },
    [resource],
  );
  useEffect(() => {
    if (action === 'edit' && record !== undefined && edited === null) setEdited(fromRecord(record));
  }, [action, record, edited, fromRecord]);

  const submit = async (data: Record<string, unknown>) => {
    setServerErrors(undefined);
    setConflict(false);
    try {
      await onFinish(action === 'edit' ? { ...data, version: edited?.version } : data);
    } catch (error) {
      const httpError = error as HttpError;
      if (httpError.statusCode === 409) setConflict(true);
      else setServerErrors(toErrorSchema(httpError.errors as Record<string, unknown> | undefined));
    }
  };

  const reload = async () => {
    const fresh = (await query?.refetch())?.data?.data;
    setConflict(false);
    setServerErrors(undefined);
    if (fresh !== undefined) setEdited(fromRecord(fresh));
  };

  const form = (
    <>
      {conflict ? (
        <ConflictAlert onReload={() => void reload()} />
      ) : null}
      {action === 'edit' && edited === null ? null : (
        <SchemaForm
          schema={schema}
          uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { submitText: t('buttons.save'), props: { type: 'primary' } } }}
          formData={action === 'edit' ? edited?.data : undefined}
          onChange={({ formData: data }) => {
            if (action === 'edit') setEdited((current) => (current === null ? current : { ...current, data: (data ?? {}) as Record<string, unknown> }));
          }}
                extraErrors={serverErrors}
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
