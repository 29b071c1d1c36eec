import { fieldKind } from './field-kind.ts';
import type { MetaFieldSchema } from '@zhili/schemas';

/** An RJSF uiSchema: `ui:*` keys and one entry per property. */
export type UiSchema = Record<string, unknown>;

/** Matchers tried in order; the first that matches gives a field without its own `ui:widget` a widget. */
const WIDGET_MATCHERS: readonly { readonly widget: string; readonly matches: (schema: MetaFieldSchema) => boolean }[] = [
  { widget: 'textarea', matches: (s) => fieldKind(s) === 'long-text' },
  { widget: 'checkboxes', matches: (s) => fieldKind(s) === 'choices' },
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
