import type { AdminResource } from '@zhili/schemas';
import { fieldKind } from './field-kind.ts';
import type { MetaFieldSchema } from '@zhili/schemas';

/** An RJSF uiSchema: `ui:*` keys and one entry per property. */
export type UiSchema = Record<string, unknown>;

/** Matchers tried in order; the first that matches gives a field without its own `ui:widget` a widget. */
const WIDGET_MATCHERS: readonly { readonly widget: string; readonly matches: (schema: MetaFieldSchema) => boolean }[] = [
  { widget: 'textarea', matches: (s) => fieldKind(s) === 'long-text' },
  { widget: 'checkboxes', matches: (s) => fieldKind(s) === 'choices' },
  { widget: 'reference', matches: (s) => fieldKind(s) === 'reference' },
];

/** The default widget of a field, or null to leave it to RJSF (text, number, date, select …). */
export function defaultWidget(schema: MetaFieldSchema): string | null {
  return WIDGET_MATCHERS.find((m) => m.matches(schema))?.widget ?? null;
}

/**
 * The uiSchema a form renders with: the resource's own, plus a default widget for each field it
 * leaves to chance (a text area for long text, check boxes for a set of labelled values). What the
 * resource says always wins.
 */
export function withDefaultWidgets(properties: Readonly<Record<string, MetaFieldSchema>>, uiSchema: unknown): UiSchema {
  const own: UiSchema = typeof uiSchema === 'object' && uiSchema !== null && !Array.isArray(uiSchema) ? (uiSchema as UiSchema) : {};
  const out: UiSchema = { ...own };
  for (const [name, schema] of Object.entries(properties)) {
    const widget = defaultWidget(schema);
    if (widget === null) continue;
    const field = own[name];
    const fieldUi = typeof field === 'object' && field !== null ? (field as UiSchema) : {};
    if (fieldUi['ui:widget'] === undefined) out[name] = { ...fieldUi, 'ui:widget': widget };
  }
  return out;
}

/**
 * A resource's fields in the order its form shows them (`ui:order` of its uiSchema, `*` standing
 * for the fields it does not name — at the end when it has no `*`), so that a record reads the way
 * it was entered. Names the schema lacks are ignored.
 */
export function formOrder(resource: AdminResource): string[] {
  const names = Object.keys(resource.schema.properties ?? {});
  const ui = resource.uiSchema;
  const raw = typeof ui === 'object' && ui !== null ? (ui as UiSchema)['ui:order'] : undefined;
  if (!Array.isArray(raw)) return names;
  const order = raw.filter((name): name is string => typeof name === 'string' && (name === '*' || names.includes(name)));
  const rest = names.filter((name) => !order.includes(name));
  const star = order.indexOf('*');
  const [before, after] = star === -1 ? [order, []] : [order.slice(0, star), order.slice(star + 1).filter((n) => n !== '*')];
  return [...new Set([...before, ...rest, ...after])];
}
