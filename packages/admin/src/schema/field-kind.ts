import type { MetaFieldSchema } from '@zhili/schemas';

/** How a field shows in lists and filters. */
export type FieldKind =
  | 'choice'
  | 'choices'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'date'
  | 'date-time'
  | 'reference'
  | 'text'
  | 'long-text'
  | 'list'
  | 'object';

/** Text longer than this is edited in a text area and cut short in list cells. */
export const LONG_TEXT_LENGTH = 200;

/** A schema's own type, ignoring "null" in a nullable union. */
export function baseType(schema: MetaFieldSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  return schema.type?.find((t) => t !== 'null');
}

/** The labelled values a field may take (`oneOf` of `const`s, or a bare `enum`), or null. */
export function choicesOf(schema: MetaFieldSchema): { readonly value: string | number | boolean; readonly label: string }[] | null {
  if (schema.oneOf && schema.oneOf.length > 0 && schema.oneOf.every((o) => o.const !== undefined)) {
    return schema.oneOf.map((o) => ({ value: scalar(o.const), label: o.title ?? String(o.const) }));
  }
  if (schema.enum && schema.enum.length > 0) return schema.enum.map((v) => ({ value: scalar(v), label: String(v) }));
  return null;
}

function scalar(value: unknown): string | number | boolean {
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

/** Matchers tried in order; the first that matches names the kind. */
const KIND_MATCHERS: readonly { readonly kind: FieldKind; readonly matches: (schema: MetaFieldSchema, type: string | undefined) => boolean }[] = [
  { kind: 'choice', matches: (s, t) => t !== 'array' && choicesOf(s) !== null },
  { kind: 'choices', matches: (s, t) => t === 'array' && s.items !== undefined && choicesOf(s.items) !== null },
  { kind: 'reference', matches: (s) => typeof s['x-ref'] === 'string' },
  { kind: 'boolean', matches: (_, t) => t === 'boolean' },
  { kind: 'integer', matches: (_, t) => t === 'integer' },
  { kind: 'number', matches: (_, t) => t === 'number' },
  { kind: 'date', matches: (s, t) => t === 'string' && s.format === 'date' },
  { kind: 'date-time', matches: (s, t) => t === 'string' && s.format === 'date-time' },
  { kind: 'long-text', matches: (s, t) => t === 'string' && s.maxLength !== undefined && s.maxLength > LONG_TEXT_LENGTH },
  { kind: 'list', matches: (_, t) => t === 'array' },
  { kind: 'object', matches: (_, t) => t === 'object' },
];

/** The kind of a field, from its type, format, labelled values and reference; plain text otherwise. */
export function fieldKind(schema: MetaFieldSchema): FieldKind {
  const type = baseType(schema);
  return KIND_MATCHERS.find((m) => m.matches(schema, type))?.kind ?? 'text';
}

/** The standard fields every record has, as schemas, for columns and filters on them. */
export const STANDARD_FIELD_SCHEMAS: Readonly<Record<string, MetaFieldSchema>> = {
  id: { type: 'string', format: 'uuid' },
  orgCode: { type: 'string', maxLength: 64 },
  orgPath: { type: 'string', maxLength: 512 },
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  createdBy: { type: 'string', maxLength: 64 },
  updatedBy: { type: 'string', maxLength: 64 },
  configVersion: { type: 'string', maxLength: 64 },
};
