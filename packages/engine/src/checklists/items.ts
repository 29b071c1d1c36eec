import { createAjv, toBilingualFieldErrors } from '@zhili/schemas';
import type { AjvExtensions } from '@zhili/schemas';
import type { Ajv2020, BilingualText, Text } from '@zhili/schemas';
import { errors } from '../errors/engine-error.ts';
import type { CompiledChecklist } from '../model/types.ts';
import { ASSESSMENT_FIELD, compileItemValidator, VETO_ASSESSMENT, VETO_REFUSED } from '../package/checklist-check.ts';

/** Item codes, as the checklist meta-schema allows them. */
export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Field errors gathered from several checks, thrown as one VALIDATION_FAILED. */
export class Problems {
  readonly #errors: Record<string, BilingualText[]> = {};

  add(key: string, message: BilingualText): void {
    (this.#errors[key] ??= []).push(message);
  }

  get any(): boolean {
    return Object.keys(this.#errors).length > 0;
  }

  /** The problems so far, by key. */
  get fieldErrors(): Readonly<Record<string, readonly BilingualText[]>> {
    return this.#errors;
  }

  throwIfAny(): void {
    if (this.any) throw errors.validation(this.#errors);
  }
}

/** Validates items' attributes against their checklist's item schema, one compiled validator per checklist. */
export class ItemAttributes {
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  /** @param extensions the package's plugins' formats and keywords */
  constructor(extensions: AjvExtensions = {}) {
    this.#ajv = createAjv({}, extensions);
  }

  /** Adds the attributes' problems under `<prefix>.<attribute>` (prefix `attributes` by default): schema violations, and a "veto" assessment. */
  check({
    checklist,
    attributes,
    problems,
    prefix = 'attributes',
  }: {
    checklist: CompiledChecklist;
    attributes: unknown;
    problems: Problems;
    prefix?: string;
  }): void {
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
      problems.add(prefix, bi('事项属性必须是 JSON 对象', 'the item attributes must be a JSON object'));
      return;
    }
    let validate = this.#validators.get(checklist.id);
    if (!validate) {
      // The package was checked at load time, so the item schema compiles.
      validate = compileItemValidator(checklist.itemSchema, this.#ajv) ?? undefined;
      if (!validate) throw new Error(`the item schema of checklist ${checklist.id} does not compile`);
      this.#validators.set(checklist.id, validate);
    }
    if (!validate(attributes)) {
      for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
        for (const message of messages) problems.add(path === '$' ? prefix : `${prefix}.${path}`, message);
      }
    }
    if ((attributes as Record<string, unknown>)[ASSESSMENT_FIELD] === VETO_ASSESSMENT) problems.add(`${prefix}.${ASSESSMENT_FIELD}`, VETO_REFUSED);
  }
}

/** A Text value (a non-empty string, or { zh-CN, en? }); null when the value is not one. */
export function asText(value: unknown): Text | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  const valid = entries.every(([key, v]) => (key === 'zh-CN' || key === 'en') && typeof v === 'string' && v.trim() !== '');
  const zh = (value as { 'zh-CN'?: unknown })['zh-CN'];
  if (!valid || typeof zh !== 'string') return null;
  const en = (value as { en?: unknown }).en;
  return typeof en === 'string' ? { 'zh-CN': zh, en } : { 'zh-CN': zh };
}

/** The request body as an object; anything else is a 400. */
export function asObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw errors.validation({ $: [bi('请求体必须是 JSON 对象', 'the request body must be a JSON object')] });
  }
  return input as Record<string, unknown>;
}

export const TITLE_REQUIRED = bi('事项名称必须是非空文本，或 { "zh-CN": …, "en": … }', 'the item title must be non-empty text, or { "zh-CN": …, "en": … }');
