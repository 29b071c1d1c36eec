import { Ajv2020, type ErrorObject, type Options } from 'ajv/dist/2020.js';
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { ZHILI_FORMATS } from './formats.ts';
import type { BilingualText, Locale } from './text.ts';

export type { ErrorObject } from 'ajv/dist/2020.js';
export { Ajv2020 };

type Plugin = (ajv: Ajv2020, options?: unknown) => Ajv2020;
type Localize = (errors?: ErrorObject[] | null) => void;

// These are CommonJS modules whose default export NodeNext types as the module namespace.
function unwrap<T>(mod: T | { default: T }): T {
  return typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : (mod as T);
}
const addFormats = unwrap(ajvFormatsModule as unknown as Plugin | { default: Plugin });
const addErrors = unwrap(ajvErrorsModule as unknown as Plugin | { default: Plugin });
const localizers: Record<Locale, Localize> = {
  'zh-CN': unwrap(localizeZhModule as unknown as Localize | { default: Localize }),
  en: unwrap(localizeEnModule as unknown as Localize | { default: Localize }),
};

/** Annotation keywords zhili allows in record schemas beyond standard JSON Schema. */
const ANNOTATION_KEYWORDS = ['x-unit', 'x-widget', 'x-ref', 'x-group'] as const;

/**
 * Creates the ajv instance used everywhere a record or a config file is validated — by the engine,
 * the CLI and the admin in the browser — so that they accept and reject the same values.
 * JSON Schema 2020-12, all errors, zhili's formats (cn-id-card …), ajv-formats and ajv-errors.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    ...options,
  });
  addFormats(ajv);
  addErrors(ajv, { keepErrors: false });
  for (const format of ZHILI_FORMATS) ajv.addFormat(format.name, { type: 'string', validate: format.validate });
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  return ajv;
}

const formatMessages = new Map(ZHILI_FORMATS.map((f) => [f.name, f.message]));

/**
 * Localizes ajv errors in place: ajv-i18n for standard keywords, zhili's own text for its formats,
 * and ajv-errors' custom messages (keyword errorMessage) left as the author wrote them.
 */
export function localizeErrors(errors: readonly ErrorObject[], locale: Locale): ErrorObject[] {
  const copies = errors.map((e) => ({ ...e }));
  const standard = copies.filter((e) => e.keyword !== 'errorMessage');
  localizers[locale](standard);
  for (const e of standard) {
    if (e.keyword === 'format') {
      const own = formatMessages.get(String((e.params as { format?: unknown }).format));
      if (own) e.message = own[locale];
    }
  }
  return copies;
}

/**
 * The dotted field path of an error, as Refine's HttpError `errors` keys it:
 * `/address/city` → `address.city`; a missing or unexpected property is named itself.
 * Errors about the value as a whole are keyed `$`.
 */
export function errorFieldPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty) segments.push(params.additionalProperty);
  return segments.length ? segments.join('.') : '$';
}

/** ajv errors → `{ "field.path": [message …] }` in one locale. */
export function toFieldErrors(errors: readonly ErrorObject[], locale: Locale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of localizeErrors(dropNoise(errors), locale)) {
    const key = errorFieldPath(e);
    const message = e.message ?? '';
    const list = (out[key] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return out;
}

/** ajv errors → `{ "field.path": [{ zh-CN, en } …] }`, for errors shown in either language later. */
export function toBilingualFieldErrors(errors: readonly ErrorObject[]): Record<string, BilingualText[]> {
  const zh = toFieldErrors(errors, 'zh-CN');
  const en = toFieldErrors(errors, 'en');
  const out: Record<string, BilingualText[]> = {};
  for (const [key, messages] of Object.entries(zh)) {
    out[key] = messages.map((m, i) => ({ 'zh-CN': m, en: en[key]?.[i] ?? m }));
  }
  return out;
}

/**
 * Drops the errors that only repeat another: the "must match exactly one schema in oneOf" that
 * follows a labelled-choice mismatch is kept once, the per-branch const errors are not.
 */
function dropNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath));
  return errors.filter((e) => {
    if (e.keyword !== 'const') return true;
    const parent = e.schemaPath.replace(/\/oneOf\/\d+\/const$/, '/oneOf');
    return !oneOfPaths.has(parent);
  });
}
