import { type Ajv2020, type BilingualText, createAjv, type FieldSchema, type JsonType, type RecordSchema, resolveText, type Text } from '@zhili/schemas';
import { fieldTypes, jsonTypeOf, valueMatchesTypes } from './fields.ts';
import { toPointer } from './source.ts';

/** A problem in a record schema, at a pointer relative to the resource file. */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: BilingualText;
}

/**
 * Checks that a record schema is one ajv accepts — every regex compiles, every format is known,
 * every enum value and const matches the field's type — and names the node at fault.
 * `skip` names fields already reported (they are not checked again).
 */
export function checkRecordSchema(schema: RecordSchema, skip: (field: string) => boolean, ajv: Ajv2020 = createAjv()): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const resolved: Record<string, Record<string, unknown>> = {};
  for (const [name, field] of Object.entries(schema.properties)) {
    if (!field || skip(name)) continue;
    const found = checkNode(field, toPointer(['schema', 'properties', name]), ajv, []);
    if (found.length) problems.push(...found);
    else resolved[name] = forAjv(field);
  }
  const required = (schema.required ?? []).filter((name) => name in resolved);
  const error = compileError(ajv, { type: 'object', properties: resolved, required });
  if (!error) return problems;
  // Compiling field by field is slower, so only done to find the field at fault.
  let located = false;
  for (const [name, field] of Object.entries(resolved)) {
    const fieldError = compileError(ajv, field);
    if (fieldError) {
      located = true;
      const keyword = /keyword "([^"]+)"/.exec(fieldError)?.[1];
      const at = keyword !== undefined && keyword in field ? ['schema', 'properties', name, keyword] : ['schema', 'properties', name];
      problems.push({ pointer: toPointer(at), message: notAccepted(name, fieldError) });
    }
  }
  if (!located) problems.push({ pointer: '/schema', message: { 'zh-CN': `记录模式无法编译：${error}`, en: `the record schema does not compile: ${error}` } });
  return problems;
}

/** Checks one schema node and the nodes below it. `inherited` are the types of the enclosing node (for oneOf choices). */
function checkNode(node: FieldSchema, at: string, ajv: Ajv2020, inherited: JsonType[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const types = fieldTypes(node).length ? fieldTypes(node) : inherited;
  if (typeof node.pattern === 'string') {
    try {
      new RegExp(node.pattern, 'u');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ pointer: `${at}/pattern`, message: { 'zh-CN': `正则表达式无效：${reason}`, en: `invalid regular expression: ${reason}` } });
    }
  }
  if (typeof node.format === 'string' && !ajv.formats[node.format]) {
    problems.push({
      pointer: `${at}/format`,
      message: { 'zh-CN': `未知的格式 "${node.format}"`, en: `unknown format "${node.format}"` },
    });
  }
  if (types.length) {
    for (const [i, value] of (node.enum ?? []).entries()) {
      if (value !== null && !valueMatchesTypes(value, types)) problems.push({ pointer: `${at}/enum/${i}`, message: typeMismatch(value, types) });
    }
    if ('const' in node && node.const !== null && !valueMatchesTypes(node.const, types)) {
      problems.push({ pointer: `${at}/const`, message: typeMismatch(node.const, types) });
    }
  }
  for (const [i, branch] of (node.oneOf ?? []).entries()) if (branch) problems.push(...checkNode(branch, `${at}/oneOf/${i}`, ajv, types));
  for (const [i, branch] of (node.anyOf ?? []).entries()) if (branch) problems.push(...checkNode(branch, `${at}/anyOf/${i}`, ajv, types));
  if (node.items) problems.push(...checkNode(node.items, `${at}/items`, ajv, []));
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (child) problems.push(...checkNode(child, at + toPointer(['properties', name]), ajv, []));
  }
  if (typeof node.additionalProperties === 'object') problems.push(...checkNode(node.additionalProperties, `${at}/additionalProperties`, ajv, []));
  return problems;
}

function typeMismatch(value: unknown, types: readonly JsonType[]): BilingualText {
  const shown = JSON.stringify(value);
  return {
    'zh-CN': `取值 ${shown} 的类型（${jsonTypeOf(value)}）与字段类型 ${types.join(' | ')} 不符`,
    en: `value ${shown} (${jsonTypeOf(value)}) does not match the field type ${types.join(' | ')}`,
  };
}

function notAccepted(field: string, reason: string): BilingualText {
  return { 'zh-CN': `字段 "${field}" 的模式无法编译：${reason}`, en: `the schema of field "${field}" does not compile: ${reason}` };
}

function compileError(ajv: Ajv2020, schema: unknown): string | null {
  try {
    ajv.compile(schema as object);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const NESTED_LISTS = ['oneOf', 'anyOf'] as const;

/**
 * The schema as ajv takes it: texts (title, description) resolved to zh-CN strings, annotations
 * (x-…) left out — those of plugins are not known to this ajv instance.
 */
export function forAjv(node: FieldSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue;
    if (key === 'title' || key === 'description') out[key] = resolveText(value as Text, 'zh-CN');
    else if ((NESTED_LISTS as readonly string[]).includes(key) && Array.isArray(value)) out[key] = value.map((b: FieldSchema) => forAjv(b));
    else if (key === 'items' && isSchema(value)) out[key] = forAjv(value);
    else if (key === 'additionalProperties' && isSchema(value)) out[key] = forAjv(value);
    else if (key === 'properties' && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, forAjv(child as FieldSchema)]));
    } else out[key] = value;
  }
  return out;
}

function isSchema(value: unknown): value is FieldSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
