import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { AdminResource } from '@zhili/schemas';
import { withDefaultWidgets } from './widgets.ts';

/**
 * The RJSF schema and uiSchema of a resource's record form. A new record also names the org unit
 * it attaches to (`orgCode`, titled `orgTitle`), first, picked from the tree at the resource's level.
 */
export function recordFormSchema(resource: AdminResource, action: 'create' | 'edit', orgTitle: string): { readonly schema: RJSFSchema; readonly uiSchema: UiSchema } {
  const properties = resource.schema.properties ?? {};
  const own = withDefaultWidgets(properties, resource.uiSchema);
  if (action === 'edit') return { schema: resource.schema as RJSFSchema, uiSchema: own };
  const order = Array.isArray(own['ui:order']) ? ['orgCode', ...(own['ui:order'] as string[])] : undefined;
  const orgUi = { orgCode: { 'ui:widget': 'orgUnit', 'ui:options': { level: resource.level } } };
  return {
    schema: {
      ...resource.schema,
      required: ['orgCode', ...(resource.schema.required ?? [])],
      properties: { orgCode: { type: 'string', title: orgTitle, minLength: 1 }, ...properties },
    } as RJSFSchema,
    uiSchema: { ...own, ...orgUi, ...(order === undefined ? {} : { 'ui:order': order }) },
  };
}
