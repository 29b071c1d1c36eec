import type { Locale } from '@zhili/schemas';
import { choicesOf, fieldKind } from './field-kind.ts';
import type { MetaFieldSchema } from '@zhili/schemas';
import { YES_NO_OPTIONS } from './filters.ts';

/** What a list cell shows, before React: plain text, labelled tags, or the empty mark. */
export type CellDisplay =
  | { readonly type: 'text'; readonly text: string; readonly title?: string }
  | { readonly type: 'tags'; readonly tags: readonly string[] }
  | { readonly type: 'empty' };

/** Shown in a cell without a value. */
export const EMPTY_CELL = '—';


/** Characters of text shown in a cell; longer text is cut, the whole of it is the tooltip. */
const CELL_TEXT_LENGTH = 40;

/** Turns a field's value into what its cell shows, chosen by the field's kind. */
export type CellRenderer = (value: unknown) => CellDisplay;

/**
 * The cell renderer of a column: labels for coded values (`oneOf` titles, in the meta's locale),
 * 是/否 for booleans, local date and time for timestamps, the unit after numbers (`x-unit`), long
 * text cut short with the whole as a tooltip. A masked value (personal data) is text like any other.
 */
export function cellRenderer(schema: MetaFieldSchema, locale: Locale): CellRenderer {
  const kind = fieldKind(schema);
  const display = (text: string, title?: string): CellDisplay => ({ type: 'text', text, ...(title === undefined ? {} : { title }) });
  const whenPresent = (render: (value: unknown) => CellDisplay): CellRenderer => (value) =>
    value === undefined || value === null || value === '' ? { type: 'empty' } : render(value);
  switch (kind) {
    case 'choice': {
      const labels = labelMap(schema);
      return whenPresent((v) => display(labels.get(String(v)) ?? String(v)));
    }
    case 'choices': {
      const labels = labelMap(schema.items ?? {});
      return whenPresent((v) => (Array.isArray(v) && v.length > 0 ? { type: 'tags', tags: v.map((x) => labels.get(String(x)) ?? String(x)) } : { type: 'empty' }));
    }
    case 'boolean':
      return whenPresent((v) => display(YES_NO_OPTIONS[locale].find((o) => o.value === v)?.label ?? String(v)));
    case 'integer':
    case 'number': {
      const unit = schema['x-unit'];
      return whenPresent((v) => display(unit === undefined ? String(v) : `${String(v)} ${unit}`));
    }
    case 'date-time':
      return whenPresent((v) => display(formatDateTime(String(v))));
    case 'list':
      return whenPresent((v) => (Array.isArray(v) && v.length > 0 ? { type: 'tags', tags: v.map((x) => String(x)) } : { type: 'empty' }));
    case 'object':
      return whenPresent((v) => display(JSON.stringify(v)));
    case 'long-text':
    case 'text':
    case 'date':
    case 'reference':
      return whenPresent((v) => {
        const text = String(v);
        return text.length > CELL_TEXT_LENGTH ? display(`${text.slice(0, CELL_TEXT_LENGTH)}…`, text) : display(text);
      });
  }
}

function labelMap(schema: MetaFieldSchema): Map<string, string> {
  return new Map((choicesOf(schema) ?? []).map((c) => [String(c.value), c.label]));
}

/** An ISO-8601 timestamp as local `YYYY-MM-DD HH:mm` (the admin's own clock's zone); other text as is. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
