import { resolveText } from '@zhili/schemas';
import type { FieldSchema, Locale, RecordSchema, Text } from '@zhili/schemas';
import type { CompiledResource } from '../model/types.ts';

/** A JSON Schema as plain JSON, texts resolved to one language. */
export type JsonSchemaObject = { [key: string]: unknown };

function isText(value: unknown): value is Text {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    Object.hasOwn(value, 'zh-CN') &&
    entries.every(([key, v]) => (key === 'zh-CN' || key === 'en') && typeof v === 'string')
  );
}

const SUBSCHEMA_LISTS = ['oneOf', 'anyOf'] as const;

/**
 * A field schema with its texts (title, description, the unit x-unit, and those of nested fields and choices)
 * resolved to one locale. Walks the schema's structure, so a nested field named "title" is not
 * mistaken for the keyword.
 */
export function localizeFieldSchema(schema: FieldSchema, locale: Locale): JsonSchemaObject {
  const out: JsonSchemaObject = { ...schema };
  for (const key of ['title', 'description', 'x-unit'] as const) {
    const text: unknown = schema[key];
    if (text !== undefined && isText(text)) out[key] = resolveText(text, locale);
  }
  if (schema.properties) {
    out['properties'] = Object.fromEntries(
      Object.entries(schema.properties).flatMap(([name, child]) => (child ? [[name, localizeFieldSchema(child, locale)]] : [])),
    );
  }
  if (schema.items) out['items'] = localizeFieldSchema(schema.items, locale);
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
    out['additionalProperties'] = localizeFieldSchema(schema.additionalProperties, locale);
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (list) out[key] = list.flatMap((child) => (child ? [localizeFieldSchema(child, locale)] : []));
  }
  return out;
}

/** A record schema with every text resolved to one locale. */
export function localizeRecordSchema(schema: RecordSchema, locale: Locale): JsonSchemaObject {
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties).flatMap(([name, field]) => (field ? [[name, localizeFieldSchema(field, locale)]] : [])),
    ),
  };
}

/**
 * The schema a record is validated against: the resource's record schema with texts in zh-CN
 * (ajv checks schemas against the JSON Schema meta-schema, where a title is a string), closed to
 * fields it does not declare, since an undeclared field has no column and would be lost.
 */
export function validationSchema(resource: CompiledResource): JsonSchemaObject {
  return { ...localizeRecordSchema(resource.schema, 'zh-CN'), additionalProperties: false };
}

/**
 * A uiSchema with texts resolved: any `{ "zh-CN": …, "en": … }` value becomes one string.
 * Other values are kept as written.
 */
export function localizeUiSchema(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((item) => localizeUiSchema(item, locale));
  if (typeof value !== 'object' || value === null) return value;
  if (isText(value)) return resolveText(value, locale);
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, localizeUiSchema(child, locale)]));
}
