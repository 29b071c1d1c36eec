import type { FieldSchema, FilterOperator, JsonType } from '@zhili/schemas';
import { isStandardField, STANDARD_FIELDS, type StorageKind } from '../model/types.ts';

/** The JSON types a field allows, without "null" (which only makes it clearable). */
export function fieldTypes(schema: FieldSchema): JsonType[] {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.filter((t) => t !== 'null');
}

/** The constants a field's oneOf offers, when every branch is a labelled choice ({ const, title }). */
function oneOfConsts(schema: FieldSchema): unknown[] | null {
  if (!schema.oneOf?.length) return null;
  const values: unknown[] = [];
  for (const branch of schema.oneOf) {
    if (!branch || !('const' in branch)) return null;
    values.push(branch.const);
  }
  return values;
}

/** The JSON type name of a value, 'integer' for whole numbers. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** Whether a value is allowed by a list of JSON types (an integer is a number too). */
export function valueMatchesTypes(value: unknown, types: readonly JsonType[]): boolean {
  const type = jsonTypeOf(value);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/**
 * How a field is stored: its JSON type (['string', 'null'] is text); a field without a type takes
 * the type of its choices, or text when it has a format; objects, arrays and mixed types are JSON.
 */
export function fieldKind(schema: FieldSchema): StorageKind {
  let types = fieldTypes(schema);
  if (!types.length) {
    const choices = schema.enum ?? oneOfConsts(schema) ?? ('const' in schema ? [schema.const] : null);
    if (choices) types = [...new Set(choices.filter((v) => v !== null).map(jsonTypeOf))];
    else if (schema.format) types = ['string'];
  }
  if (types.length === 2 && types.includes('integer') && types.includes('number')) return 'number';
  if (types.length !== 1) return 'json';
  switch (types[0]) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

/** The allowed values of a field, from enum or from oneOf consts (null excluded); null when it is free. */
export function fieldEnumValues(schema: FieldSchema): (string | number | boolean)[] | null {
  const values = schema.enum ?? oneOfConsts(schema);
  if (!values) return null;
  return values.filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

/** Whether a field holds a date or a date-time (as ISO text). */
export function isDateField(schema: FieldSchema): boolean {
  return schema.format === 'date' || schema.format === 'date-time';
}

const COMPARISON: readonly FilterOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'between', 'nbetween', 'null', 'nnull'];

/** The filter operators that make sense for a kind of column (text matching only on text, ranges not on booleans). */
export function operatorsFor(kind: StorageKind): readonly FilterOperator[] {
  switch (kind) {
    case 'text':
      return [
        ...COMPARISON,
        'contains', 'ncontains', 'containss', 'ncontainss',
        'startswith', 'nstartswith', 'startswiths', 'nstartswiths',
        'endswith', 'nendswith', 'endswiths', 'nendswiths',
      ];
    case 'integer':
    case 'number':
      return COMPARISON;
    case 'boolean':
      return ['eq', 'ne', 'in', 'nin', 'null', 'nnull'];
    case 'json':
      return [];
  }
}

/** The operators a filter offers when its config names none. */
export function defaultOperators(schema: FieldSchema): FilterOperator[] {
  const kind = fieldKind(schema);
  if (kind === 'boolean') return ['eq'];
  if (fieldEnumValues(schema)) return ['eq', 'in', 'nin'];
  if (isDateField(schema)) return ['between', 'gte', 'lte', 'eq'];
  if (kind === 'integer' || kind === 'number') return ['eq', 'between', 'gte', 'lte', 'gt', 'lt'];
  return ['contains', 'eq', 'startswith'];
}

/** Standard fields an index may name. */
export const INDEXABLE_STANDARD_FIELDS = ['orgPath', 'createdAt', 'updatedAt'] as const;

/** The column of a field name: standard fields map to their snake_case column, record fields keep their name. */
export function columnOf(field: string): string {
  return isStandardField(field) ? (STANDARD_FIELDS[field].column ?? field) : field;
}
