import { resolveText } from '@zhili/schemas';
import type { Locale, MetaFieldSchema, MetaRecordSchema, Text } from '@zhili/schemas';
import { cellRenderer } from '../schema/columns.ts';
import type { CellDisplay } from '../schema/columns.ts';
import type { ChecklistDiff, ChecklistItem, RequestStatus } from './checklist-types.ts';

/** One attribute column of an items table: the attribute, its title and how its cells show. */
export interface AttributeColumn {
  readonly field: string;
  readonly title: string;
  readonly render: (value: unknown) => CellDisplay;
}

/**
 * The attribute columns of a checklist's items table, in the uiSchema's `ui:order` when it gives
 * one (the others after, in the schema's order), each with the cell renderer of its field kind.
 */
export function attributeColumns(schema: MetaRecordSchema, uiSchema: unknown, locale: Locale): AttributeColumn[] {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const order = uiOrder(uiSchema).filter((name) => names.includes(name));
  const ordered = [...order, ...names.filter((name) => !order.includes(name))];
  return ordered.map((field) => {
    const fieldSchema: MetaFieldSchema = properties[field] ?? {};
    return { field, title: fieldSchema.title ?? field, render: cellRenderer(fieldSchema, locale) };
  });
}

function uiOrder(uiSchema: unknown): string[] {
  if (typeof uiSchema !== 'object' || uiSchema === null) return [];
  const order = (uiSchema as Record<string, unknown>)['ui:order'];
  return Array.isArray(order) ? order.filter((name): name is string => typeof name === 'string' && name !== '*') : [];
}

/** One line of the diff view: what happened to an item, with before → after per changed key. */
export interface DiffRow {
  readonly kind: 'added' | 'retired' | 'changed' | 'moved';
  readonly code: string;
  readonly title: string;
  /** For a changed item: each changed key's label and its values before and after, as text (— when absent). */
  readonly changes: readonly { readonly key: string; readonly label: string; readonly before: string; readonly after: string }[];
  /** For a moved item: its places (1-based) before and after. */
  readonly move: { readonly from: number; readonly to: number } | null;
}

/**
 * The diff as rows a person reads: added, changed, moved, then retired items; attribute names
 * replaced by their titles (`title` by `titleLabel`), values by what their cells show. `items` are
 * the newer version's, for the titles of moved items (the diff names them by code only).
 */
export function diffRows(
  diff: ChecklistDiff,
  options: { readonly schema: MetaRecordSchema; readonly locale: Locale; readonly titleLabel: string; readonly items: readonly ChecklistItem[] },
): DiffRow[] {
  const { schema, locale, titleLabel, items } = options;
  const titles = new Map(items.map((item) => [item.code, item.title]));
  const properties = schema.properties ?? {};
  const text = (key: string, value: unknown): string => {
    if (value === undefined) return EMPTY;
    if (key === 'title') return resolveText(value as Text, locale);
    const display = cellRenderer(properties[key] ?? {}, locale)(value);
    return display.type === 'empty' ? EMPTY : display.type === 'tags' ? display.tags.join('、') : (display.title ?? display.text);
  };
  const row = (kind: DiffRow['kind'], code: string, title: Text): Omit<DiffRow, 'changes' | 'move'> => ({ kind, code, title: resolveText(title, locale) });
  return [
    ...diff.added.map((item) => ({ ...row('added', item.code, item.title), changes: [], move: null })),
    ...diff.changed.map((item) => ({
      ...row('changed', item.code, item.title),
      changes: item.keys.map((key) => ({
        key,
        label: key === 'title' ? titleLabel : (properties[key]?.title ?? key),
        before: text(key, item.before[key]),
        after: text(key, item.after[key]),
      })),
      move: null,
    })),
    ...diff.moved.map((item) => ({
      ...row('moved', item.code, titles.get(item.code) ?? item.code),
      changes: [],
      move: { from: item.from + 1, to: item.to + 1 },
    })),
    ...diff.retired.map((item) => ({ ...row('retired', item.code, item.title), changes: [], move: null })),
  ];
}

const EMPTY = '—';

/** Whether the diff has nothing in it (the draft equals the version it came from). */
export function isEmptyDiff(diff: ChecklistDiff): boolean {
  return diff.added.length + diff.retired.length + diff.changed.length + diff.moved.length === 0;
}

/**
 * The codes of the items in their new order after moving `code` one place up (-1) or down (+1)
 * among the active items — retired items keep their places. Null when it cannot move that way.
 */
export function moveItem(items: readonly ChecklistItem[], code: string, delta: -1 | 1): string[] | null {
  const active = items.flatMap((item, index) => (item.status === 'active' ? [index] : []));
  const at = active.findIndex((index) => items[index]?.code === code);
  const target = at + delta;
  if (at < 0 || target < 0 || target >= active.length) return null;
  const codes = items.map((item) => item.code);
  const a = active[at] ?? 0;
  const b = active[target] ?? 0;
  [codes[a], codes[b]] = [codes[b] ?? '', codes[a] ?? ''];
  return codes;
}

/**
 * The codes of the items in their new order after dragging `code` onto `onto`: it takes that
 * item's place among the active items, those between shifting by one; retired items keep their
 * places. Null when nothing would change, or either item is unknown or retired.
 */
export function dropItem(items: readonly ChecklistItem[], code: string, onto: string): string[] | null {
  const slots = items.flatMap((item, index) => (item.status === 'active' ? [index] : []));
  const order = slots.map((index) => items[index]?.code ?? '');
  const from = order.indexOf(code);
  const to = order.indexOf(onto);
  if (from < 0 || to < 0 || from === to) return null;
  order.splice(to, 0, ...order.splice(from, 1));
  const codes = items.map((item) => item.code);
  slots.forEach((slot, i) => {
    codes[slot] = order[i] ?? '';
  });
  return codes;
}

/** Today's date in China (YYYY-MM-DD): effective dates are Chinese calendar days (UTC+8 all year). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The earliest effective date a publication may take: today in China, or the latest published
 * version's date when that is later.
 */
export function earliestEffectiveDate(today: string, latestEffective: string | null): string {
  return latestEffective !== null && latestEffective > today ? latestEffective : today;
}

/** The query of the admission requests list: one checklist's, optionally of one status or only the overdue. */
export function requestsPath(checklist: string, filter: RequestStatus | 'overdue' | undefined): string {
  const search = new URLSearchParams({ checklist });
  if (filter === 'overdue') search.set('overdue', 'true');
  else if (filter !== undefined) search.set('status', filter);
  return `/admission-requests?${search.toString()}`;
}

/** The item code an admin proposes for a new item: the checklist's prefix (the codes' letters) and the next free number. */
export function nextItemCode(items: readonly ChecklistItem[]): string {
  const parsed = items.map((item) => /^(.*?)(\d+)$/.exec(item.code)).filter((m): m is RegExpExecArray => m !== null);
  const last = parsed.at(-1);
  if (last === undefined) return `ITEM-${String(items.length + 1).padStart(2, '0')}`;
  const prefix = last[1] ?? '';
  const digits = last[2] ?? '';
  const taken = new Set(items.map((item) => item.code));
  let n = Math.max(...parsed.filter((m) => m[1] === prefix).map((m) => Number(m[2])));
  let code: string;
  do {
    n += 1;
    code = `${prefix}${String(n).padStart(digits.length, '0')}`;
  } while (taken.has(code));
  return code;
}

/** The item form's data: the code and title beside the attributes, flat, as one RJSF form edits them. */
export type ItemFormData = Readonly<Record<string, unknown>>;

/**
 * The schema of the item form: code (only for a new item) and title, then the item schema's
 * attributes with its required list.
 */
export function itemFormSchema(schema: MetaRecordSchema, labels: { readonly code: string; readonly title: string }, isNew: boolean): Record<string, unknown> {
  const own = { title: { type: 'string', title: labels.title, minLength: 1 } };
  const code = { code: { type: 'string', title: labels.code, minLength: 1, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } };
  return {
    type: 'object',
    required: [...(isNew ? ['code'] : []), 'title', ...(schema.required ?? [])],
    properties: { ...(isNew ? code : {}), ...own, ...(schema.properties ?? {}) },
  };
}

/** The form's data of an item (its title in the locale). */
export function itemFormData(item: ChecklistItem, locale: Locale): ItemFormData {
  return { ...item.attributes, title: resolveText(item.title, locale) };
}

/** The body of POST …/draft/items from the form's data. */
export function newItemBody(data: ItemFormData, revision: number): Record<string, unknown> {
  const { code, title, ...attributes } = data;
  return { revision, code, title, attributes };
}

/**
 * The item's title after the user wrote `text` in `locale`: undefined when unchanged; a bilingual
 * title keeps its other language (the form shows one).
 */
export function editedTitle(title: Text, text: string, locale: Locale): Text | undefined {
  if (text === resolveText(title, locale)) return undefined;
  return typeof title === 'string' ? text : { ...title, [locale]: text };
}

/**
 * The body of PATCH …/draft/items/:code from the form's data (written in `locale`): the title when
 * it changed, and the attributes, which replace the item's — an attribute the form cleared is sent
 * as null, which removes it.
 */
export function itemPatchBody(item: ChecklistItem, data: ItemFormData, options: { readonly revision: number; readonly locale: Locale }): Record<string, unknown> {
  const attributes = Object.fromEntries(Object.entries(data).filter(([name]) => name !== 'code' && name !== 'title'));
  const cleared = Object.keys(item.attributes).filter((name) => attributes[name] === undefined);
  const title = editedTitle(item.title, String(data['title'] ?? ''), options.locale);
  return {
    revision: options.revision,
    ...(title === undefined ? {} : { title }),
    attributes: { ...attributes, ...Object.fromEntries(cleared.map((name) => [name, null])) },
  };
}

/** The engine's field errors of an item write, keyed as the flat item form names its fields (attributes.x → x). */
export function itemFormErrors(errors: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([path, messages]) => [path.startsWith('attributes.') ? path.slice('attributes.'.length) : path, messages]));
}
