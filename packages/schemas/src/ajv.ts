import { Ajv2020, type ErrorObject, type Options } from 'ajv/dist/2020.js';
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { type FormatDefinition, ZHILI_FORMATS } from './formats.ts';
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
export const ANNOTATION_KEYWORDS = ['x-unit', 'x-widget', 'x-ref', 'x-group'] as const;

/**
 * A validation keyword a plugin adds (x-…): which values it applies to, what its own value in a
 * schema must be (a JSON Schema), the check, and what a failure says in both languages. Like a
 * format, its module is shared by the plugin's server and admin entries, so that the browser checks
 * what the server does.
 */
export interface KeywordDefinition {
  /** x- and lower-case letters, digits and hyphens, e.g. x-not-after-today. */
  readonly keyword: string;
  /** The JSON types of the values it checks (others pass). */
  readonly type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | readonly ('string' | 'number' | 'integer' | 'boolean' | 'array' | 'object')[];
  /** The JSON Schema of the keyword's own value in a field schema: a package using it wrongly is refused at load. */
  readonly metaSchema: Readonly<Record<string, unknown>>;
  /** Whether `data` passes, given the keyword's value in the schema. */
  validate(schemaValue: unknown, data: unknown): boolean;
  /** What a failure says, in both languages (it may depend on the keyword's value). */
  message(schemaValue: unknown): BilingualText;
}

/** Formats and keywords beyond zhili's own: those of a package's plugins. */
export interface AjvExtensions {
  readonly formats?: readonly FormatDefinition[];
  readonly keywords?: readonly KeywordDefinition[];
}

/**
 * Creates the ajv instance used everywhere a record or a config file is validated — by the engine,
 * the CLI and the admin in the browser — so that they accept and reject the same values.
 * JSON Schema 2020-12, all errors, zhili's formats (cn-id-card …), ajv-formats and ajv-errors.
 */
export function createAjv(options: Options = {}, extensions: AjvExtensions = {}): Ajv2020 {
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
  for (const format of [...ZHILI_FORMATS, ...(extensions.formats ?? [])]) {
    ajv.addFormat(format.name, { type: 'string', validate: format.validate });
    formatMessages.set(format.name, format.message);
  }
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  for (const definition of extensions.keywords ?? []) {
    ajv.addKeyword({
      keyword: definition.keyword,
      ...(definition.type === undefined ? {} : { type: typeof definition.type === 'string' ? definition.type : [...definition.type] }),
      metaSchema: definition.metaSchema,
      errors: true,
      validate: function check(schemaValue: unknown, data: unknown): boolean {
        const ok = definition.validate(schemaValue, data);
        // ajv reads the errors of a failed check off the function: the message goes in params, in both languages.
        (check as unknown as { errors: Partial<ErrorObject>[] }).errors = ok ? [] : [{ keyword: definition.keyword, message: definition.message(schemaValue).en, params: { message: definition.message(schemaValue) } }];
        return ok;
      },
    });
  }
  return ajv;
}

/**
 * The messages of the formats ajv instances know, by name: zhili's, and those of plugins (a format's
 * validation is per instance; only its message is looked up here, for any instance).
 */
const formatMessages = new Map<string, BilingualText>(ZHILI_FORMATS.map((f) => [f.name, f.message]));

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
    const keywordMessage = (e.params as { message?: unknown }).message;
    if (isBilingual(keywordMessage)) e.message = keywordMessage[locale];
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

function isBilingual(value: unknown): value is BilingualText {
  return typeof value === 'object' && value !== null && typeof (value as BilingualText)['zh-CN'] === 'string' && typeof (value as BilingualText).en === 'string';
}
