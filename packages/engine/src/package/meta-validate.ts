import { type BilingualText, type ConfigKind, createAjv, type ErrorObject, type Locale, localizeErrors, META_SCHEMAS, SHARED_SCHEMAS } from '@zhili/schemas';
import { VETO_REFUSED } from './checklist-check.ts';
import type { PackageIssue } from './issues.ts';
import { issueAt, type SourceFile, toPointer } from './source.ts';

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

let validators: Record<ConfigKind, Validator> | undefined;

function validatorFor(kind: ConfigKind): Validator {
  if (!validators) {
    const ajv = createAjv();
    for (const schema of SHARED_SCHEMAS) ajv.addSchema(schema);
    validators = {
      manifest: ajv.compile(META_SCHEMAS.manifest),
      resource: ajv.compile(META_SCHEMAS.resource),
      orgTree: ajv.compile(META_SCHEMAS.orgTree),
      role: ajv.compile(META_SCHEMAS.role),
      checklist: ajv.compile(META_SCHEMAS.checklist),
      workflow: ajv.compile(META_SCHEMAS.workflow),
      grid: ajv.compile(META_SCHEMAS.grid),
      points: ajv.compile(META_SCHEMAS.points),
      council: ajv.compile(META_SCHEMAS.council),
    };
  }
  return validators[kind];
}

/** The result of checking a file against its meta-schema. */
export interface MetaValidation {
  readonly issues: PackageIssue[];
  /**
   * Pointers of the nodes that hold an error (a missing required property counts as its own
   * pointer), so that later checks can skip what would only repeat the error.
   */
  readonly errorPointers: readonly string[];
}

/** Validates a parsed file against the meta-schema of its kind; every error becomes a positioned, bilingual issue. */
export function validateMeta(kind: ConfigKind, source: SourceFile): MetaValidation {
  const validate = validatorFor(kind);
  if (validate(source.data)) return { issues: [], errorPointers: [] };
  const errors = reduceErrors(validate.errors ?? []);
  const zh = localizeErrors(errors, 'zh-CN');
  const en = localizeErrors(errors, 'en');
  const errorPointers: string[] = [];
  const issues = errors.map((error, i) => {
    const pointer = errorPointer(error);
    errorPointers.push(error.keyword === 'required' ? pointer + toPointer([String((error.params as { missingProperty?: unknown }).missingProperty)]) : pointer);
    return issueAt(source, pointer, {
      'zh-CN': detail(error, zh[i]?.message ?? '', 'zh-CN'),
      en: detail(error, en[i]?.message ?? '', 'en'),
    });
  });
  return { issues, errorPointers };
}

/** Where an error is best shown: at the property it names, when it names one. */
function errorPointer(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; propertyName?: string };
  const extra = error.keyword === 'additionalProperties' ? params.additionalProperty : error.keyword === 'propertyNames' ? params.propertyName : undefined;
  return extra === undefined ? error.instancePath : error.instancePath + toPointer([extra]);
}

/**
 * Values the meta-schemas forbid with `not: { const }`, by the schema path of the `not`: ajv's
 * own message ("must NOT be valid") would not say why.
 */
const FORBIDDEN_VALUES: Readonly<Record<string, BilingualText>> = {
  '#/$defs/checklistAssessment/not': VETO_REFUSED,
};

/** Adds what ajv's localized messages leave out: the offending name, the allowed values. */
function detail(error: ErrorObject, message: string, locale: Locale): string {
  const forbidden = error.keyword === 'not' ? FORBIDDEN_VALUES[error.schemaPath] : undefined;
  if (forbidden) return forbidden[locale];
  const params = error.params as { additionalProperty?: string; propertyName?: string; pattern?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties') {
    return locale === 'zh-CN' ? `不允许的属性 "${params.additionalProperty}"：${message}` : `unknown property "${params.additionalProperty}": ${message}`;
  }
  if (error.keyword === 'propertyNames') {
    const pattern = params.pattern ? ` (${params.pattern})` : '';
    return locale === 'zh-CN' ? `属性名 "${params.propertyName}" 无效${pattern}` : `property name "${params.propertyName}" is invalid${pattern}`;
  }
  if (error.keyword === 'enum' && params.allowedValues) {
    const shown = params.allowedValues.slice(0, 12).map((v) => JSON.stringify(v)).join(', ');
    const more = params.allowedValues.length > 12 ? ', …' : '';
    return `${message}: ${shown}${more}`;
  }
  return message;
}

/**
 * Turns ajv's raw error list into the errors a person needs:
 * - for a oneOf/anyOf, ajv reports every branch's failure and then the composite. When a branch
 *   matched the value's type but failed inside, only that failure is kept; when every branch
 *   failed on the type alone, one "must be string, object" error replaces them all.
 * - a property-name error carries the pattern that the name failed instead of a second error.
 */
function reduceErrors(raw: readonly ErrorObject[]): ErrorObject[] {
  let errors = [...raw];
  for (let k = 0; k < errors.length; k++) {
    const composite = errors[k];
    if (!composite || (composite.keyword !== 'oneOf' && composite.keyword !== 'anyOf')) continue;
    if ((composite.params as { passingSchemas?: unknown }).passingSchemas) continue;
    const at = composite.instancePath;
    let start = k;
    while (start > 0 && within(errors[start - 1]?.instancePath ?? '', at)) start--;
    const branch = errors.slice(start, k);
    const inside = branch.filter((e) => e.instancePath !== at || e.keyword !== 'type');
    let replacement: ErrorObject[];
    if (inside.length) {
      replacement = inside;
    } else {
      const types = [...new Set(branch.map((e) => String((e.params as { type?: unknown }).type)))];
      replacement = types.length ? [{ ...composite, keyword: 'type', params: { type: types.join(', ') } }] : [composite];
    }
    errors = [...errors.slice(0, start), ...replacement, ...errors.slice(k + 1)];
    k = start + replacement.length - 1;
  }
  const out: ErrorObject[] = [];
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i] as ErrorObject;
    const next = errors[i + 1];
    if (e.keyword === 'pattern' && next?.keyword === 'propertyNames' && e.schemaPath.includes('/propertyNames/')) {
      out.push({ ...next, params: { ...next.params, pattern: (e.params as { pattern?: string }).pattern } });
      i++;
    } else {
      out.push(e);
    }
  }
  return out;
}

function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}
