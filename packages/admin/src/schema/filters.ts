import type { FilterOperator, Locale } from '@zhili/schemas';
import { choicesOf, fieldKind } from './field-kind.ts';
import type { MetaFieldSchema } from '@zhili/schemas';

/** The input a list filter shows for one field and operator, before React. */
export type FilterInput =
  | { readonly input: 'text' }
  | { readonly input: 'number' }
  | { readonly input: 'number-range' }
  | { readonly input: 'date' }
  | { readonly input: 'date-range' }
  | { readonly input: 'select'; readonly multiple: boolean; readonly options: readonly { readonly value: string | number | boolean; readonly label: string }[] }
  | { readonly input: 'present' }
  | { readonly input: 'reference'; readonly target: string; readonly multiple: boolean };

const RANGE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['between', 'nbetween']);
const SET_OPERATORS: ReadonlySet<FilterOperator> = new Set(['in', 'nin']);
const PRESENCE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['null', 'nnull']);

/**
 * The filter input for a field and operator: presence checks are a yes/no select, `in`/`nin` a
 * multiple select of the field's labelled values, a reference a search of the records it points
 * to (several for `in`/`nin`), `between` a range of numbers or dates, a coded or
 * boolean field a select, numbers and dates their pickers, anything else a text box.
 */
export function filterInput(schema: MetaFieldSchema, operator: FilterOperator, locale: Locale): FilterInput {
  if (PRESENCE_OPERATORS.has(operator)) return { input: 'present' };
  const kind = fieldKind(schema);
  const numeric = kind === 'integer' || kind === 'number';
  const dated = kind === 'date' || kind === 'date-time';
  if (RANGE_OPERATORS.has(operator)) {
    if (numeric) return { input: 'number-range' };
    if (dated) return { input: 'date-range' };
  }
  if (kind === 'reference' && schema['x-ref'] !== undefined && (operator === 'eq' || operator === 'ne' || SET_OPERATORS.has(operator))) {
    return { input: 'reference', target: schema['x-ref'], multiple: SET_OPERATORS.has(operator) };
  }
  const choices = kind === 'choices' ? choicesOf(schema.items ?? {}) : choicesOf(schema);
  if (choices !== null) return { input: 'select', multiple: SET_OPERATORS.has(operator), options: choices };
  if (kind === 'boolean') return { input: 'select', multiple: SET_OPERATORS.has(operator), options: YES_NO_OPTIONS[locale] };
  if (numeric) return { input: 'number' };
  if (dated) return { input: 'date' };
  return { input: 'text' };
}

/** The options of a yes/no select. */
export const YES_NO_OPTIONS: Readonly<Record<Locale, readonly { readonly value: boolean; readonly label: string }[]>> = {
  'zh-CN': [
    { value: true, label: '是' },
    { value: false, label: '否' },
  ],
  en: [
    { value: true, label: 'Yes' },
    { value: false, label: 'No' },
  ],
};

/** The operator a filter starts with: the first the list config allows. */
export function defaultOperator(operators: readonly FilterOperator[]): FilterOperator {
  return operators[0] ?? 'eq';
}
