import { type Ajv2020, type BilingualText, type FieldSchema, type RecordSchema, toBilingualFieldErrors } from '@zhili/schemas';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { checkRecordSchema, forAjv } from './schema-check.ts';
import { checklistFileOrigin } from './merge.ts';
import { toPointer } from './source.ts';
import type { Layer, MergedChecklist, MergedResource } from './types.ts';

/** The value of an `assessment` that may never be configured: 一票否决. */
export const VETO_ASSESSMENT = 'veto';

/** The field or attribute whose value says how work is assessed. */
export const ASSESSMENT_FIELD = 'assessment';

/** The field where a record of an admitted resource keeps its admission citation. */
export const ADMISSION_FIELD = 'admission';

/** Why "veto" is refused, wherever it appears. */
export const VETO_REFUSED: BilingualText = {
  'zh-CN': '不得设置“一票否决”（veto）考核：基层群众性自治组织不承担一票否决事项',
  en: 'a "veto" (一票否决) assessment is not allowed: communities may not be assessed by one-vote veto',
};

/**
 * Item codes given twice in one checklist file. Checked per file: merging by code would let the
 * second item silently replace the first.
 */
export function checkChecklistCodes(layer: Layer): PackageIssue[] {
  const issues: PackageIssue[] = [];
  for (const file of layer.checklists) {
    const seen = new Set<string>();
    for (const [i, item] of (file.config.items ?? []).entries()) {
      if (seen.has(item.code)) issues.push(issueIn(checklistFileOrigin(file), toPointer(['items', i, 'code']), duplicateCode(file.config.id, item.code)));
      seen.add(item.code);
    }
  }
  return issues;
}

function duplicateCode(checklist: string, code: string): BilingualText {
  return { 'zh-CN': `清单 ${checklist} 的事项编码 "${code}" 重复`, en: `item code "${code}" of checklist ${checklist} is given twice` };
}

const REQUIRED_AFTER_MERGE = ['title', 'kind', 'owner', 'itemSchema'] as const;

/** What the checks of a checklist need to know of the rest of the package. */
export interface ChecklistContext {
  /** Level ids in order from the top, or null when the levels are broken (and checks against them would only repeat that). */
  readonly levels: readonly string[] | null;
  readonly resources: ReadonlyMap<string, MergedResource>;
  readonly ajv: Ajv2020;
}

/**
 * The checks a checklist needs after merging: it is complete; its owner and admission levels
 * exist (the approver above the targets); its item schema compiles, allows no "veto" assessment,
 * and every uiSchema key names an attribute; every item's attributes are valid; the resources it admits exist, keep the citation in an object field `admission`, lie
 * at a target level and offer no "veto" assessment.
 */
export function checkChecklist(checklist: MergedChecklist, context: ChecklistContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config, broken } = checklist;
  const id = config.id;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(checklist.origin, pointer, message));
  const levelExists = (level: string) => context.levels === null || context.levels.includes(level);

  for (const key of REQUIRED_AFTER_MERGE) {
    if (config[key] === undefined && !broken.has(`/${key}`)) {
      report('/id', {
        'zh-CN': `清单 ${id} 缺少 ${key}（合并所有上级包之后仍未给出）`,
        en: `checklist ${id} has no ${key} (none of the merged packages gives one)`,
      });
    }
  }
  if (config.owner !== undefined && !levelExists(config.owner)) {
    report('/owner', {
      'zh-CN': `清单 ${id} 的所属层级 "${config.owner}" 不存在于 levels 中`,
      en: `owner level "${config.owner}" of checklist ${id} is not one of the levels`,
    });
  }

  const schemaUsable = config.itemSchema !== undefined && !broken.has('/itemSchema');
  if (config.itemSchema && schemaUsable) checkItemSchema({ schema: config.itemSchema, broken, ajv: context.ajv, report });
  if (config.itemUiSchema && config.itemSchema && schemaUsable && !broken.has('/itemUiSchema')) {
    for (const key of Object.keys(config.itemUiSchema)) {
      if (key.startsWith('ui:') || Object.hasOwn(config.itemSchema.properties, key) || broken.has(toPointer(['itemSchema', 'properties', key]))) continue;
      report(toPointer(['itemUiSchema', key]), {
        'zh-CN': `itemUiSchema 的键 "${key}" 不是清单 ${id} 的事项属性`,
        en: `itemUiSchema key "${key}" is not an item attribute of checklist ${id}`,
      });
    }
  }

  const validate = config.itemSchema && schemaUsable && !brokenFields(broken) ? compileItemValidator(config.itemSchema, context.ajv) : null;
  for (const [i, item] of (config.items ?? []).entries()) {
    if (validate && !validate(item.attributes ?? {})) {
      for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
        const at = path === '$' ? ['items', i, 'attributes'] : ['items', i, 'attributes', ...path.split('.')];
        for (const message of messages) {
          report(toPointer(at), {
            'zh-CN': `事项 ${item.code} 的属性${path === '$' ? '' : ` ${path} `}不符合清单 ${id} 的事项模式：${message['zh-CN']}`,
            en: `attribute${path === '$' ? 's' : ` ${path}`} of item ${item.code} do${path === '$' ? '' : 'es'} not match the item schema of checklist ${id}: ${message.en}`,
          });
        }
      }
    }
  }

  if (config.admission && !broken.has('/admission')) issues.push(...checkAdmission(checklist, context));
  if (config.claiming && !broken.has('/claiming')) {
    if (config.kind !== undefined && config.kind !== 'need') {
      report('/claiming', {
        'zh-CN': `清单 ${id} 是“${config.kind}”类清单：只有需求清单（kind: need）的事项可以认领`,
        en: `checklist ${id} is of kind "${config.kind}": only the items of a needs list (kind: need) can be claimed`,
      });
    }
    if (!levelExists(config.claiming.level)) {
      report('/claiming/level', {
        'zh-CN': `清单 ${id} 的认领层级 "${config.claiming.level}" 不存在于 levels 中`,
        en: `claiming level "${config.claiming.level}" of checklist ${id} is not one of the levels`,
      });
    }
  }
  return issues;
}

/** Whether some item schema field failed the meta-schema (the schema cannot validate items then). */
function brokenFields(broken: ReadonlySet<string>): boolean {
  return [...broken].some((pointer) => pointer.startsWith('/itemSchema/'));
}

function checkItemSchema({
  schema,
  broken,
  ajv,
  report,
}: {
  schema: RecordSchema;
  broken: ReadonlySet<string>;
  ajv: Ajv2020;
  report: (pointer: string, message: BilingualText) => void;
}): void {
  const fieldBroken = (name: string) => broken.has(toPointer(['itemSchema', 'properties', name]));
  for (const [i, name] of (schema.required ?? []).entries()) {
    if (!Object.hasOwn(schema.properties, name) && !fieldBroken(name)) {
      report(toPointer(['itemSchema', 'required', i]), {
        'zh-CN': `必填属性 "${name}" 不在 properties 中`,
        en: `required attribute "${name}" is not in properties`,
      });
    }
  }
  for (const problem of checkRecordSchema(schema, fieldBroken, ajv)) report(problem.pointer.replace(/^\/schema/, '/itemSchema'), problem.message);
  const assessment = Object.hasOwn(schema.properties, ASSESSMENT_FIELD) ? schema.properties[ASSESSMENT_FIELD] : undefined;
  const veto = assessment ? vetoAt(assessment) : null;
  if (veto !== null) report(toPointer(['itemSchema', 'properties', ASSESSMENT_FIELD]) + veto, VETO_REFUSED);
}

/** The items' attribute validator: the item schema with texts resolved, closed to undeclared attributes. */
export function compileItemValidator(schema: RecordSchema, ajv: Ajv2020): ReturnType<Ajv2020['compile']> | null {
  const properties = Object.fromEntries(Object.entries(schema.properties).flatMap(([name, field]) => (field ? [[name, forAjv(field)]] : [])));
  try {
    return ajv.compile({ type: 'object', properties, required: schema.required ?? [], additionalProperties: false });
  } catch {
    // checkRecordSchema reports why the schema does not compile.
    return null;
  }
}

/**
 * Where a field schema allows the value "veto" among its choices (enum, const, oneOf/anyOf
 * consts, default), as a pointer relative to the field; null when it does not.
 */
export function vetoAt(schema: FieldSchema): string | null {
  const choices: readonly unknown[] = schema.enum ?? [];
  const enumAt = choices.indexOf(VETO_ASSESSMENT);
  if (enumAt >= 0) return toPointer(['enum', enumAt]);
  if (schema.const === VETO_ASSESSMENT) return '/const';
  if (schema.default === VETO_ASSESSMENT) return '/default';
  for (const key of ['oneOf', 'anyOf'] as const) {
    for (const [i, branch] of (schema[key] ?? []).entries()) {
      const inner = branch ? vetoAt(branch) : null;
      if (inner !== null) return toPointer([key, i]) + inner;
    }
  }
  return null;
}

/** Whether a field schema restricts its values to listed choices (enum, const, or oneOf consts). */
function hasChoices(schema: FieldSchema): boolean {
  return schema.enum !== undefined || 'const' in schema || (schema.oneOf?.length ?? 0) > 0;
}

function checkAdmission(checklist: MergedChecklist, context: ChecklistContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config } = checklist;
  const admission = config.admission;
  if (!admission) return issues;
  const id = config.id;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(checklist.origin, pointer, message));
  const depth = (level: string): number => context.levels?.indexOf(level) ?? -1;
  const levelsKnown = context.levels !== null;

  if (levelsKnown && depth(admission.approverLevel) < 0) {
    report('/admission/approverLevel', {
      'zh-CN': `清单 ${id} 的准入审批层级 "${admission.approverLevel}" 不存在于 levels 中`,
      en: `approver level "${admission.approverLevel}" of checklist ${id} is not one of the levels`,
    });
  }
  const targets: readonly string[] = admission.targetLevels ?? [];
  for (const [i, level] of targets.entries()) {
    if (!levelsKnown) break;
    if (depth(level) < 0) {
      report(toPointer(['admission', 'targetLevels', i]), {
        'zh-CN': `清单 ${id} 的准入目标层级 "${level}" 不存在于 levels 中`,
        en: `target level "${level}" of checklist ${id} is not one of the levels`,
      });
    } else if (depth(admission.approverLevel) >= 0 && depth(admission.approverLevel) >= depth(level)) {
      report(toPointer(['admission', 'targetLevels', i]), {
        'zh-CN': `清单 ${id} 的准入审批层级 "${admission.approverLevel}" 必须高于目标层级 "${level}"`,
        en: `approver level "${admission.approverLevel}" of checklist ${id} must be above the target level "${level}"`,
      });
    }
  }

  for (const [i, resourceId] of admission.resources.entries()) {
    const at = toPointer(['admission', 'resources', i]);
    const resource = context.resources.get(resourceId);
    if (!resource) {
      report(at, { 'zh-CN': `清单 ${id} 准入的资源 "${resourceId}" 不存在`, en: `resource "${resourceId}" admitted by checklist ${id} does not exist` });
      continue;
    }
    const schema = resource.config.schema;
    if (!schema || resource.broken.has('/schema')) continue;
    const field = Object.hasOwn(schema.properties, ADMISSION_FIELD) ? schema.properties[ADMISSION_FIELD] : undefined;
    if (!field && !resource.broken.has(toPointer(['schema', 'properties', ADMISSION_FIELD]))) {
      report(at, {
        'zh-CN': `清单 ${id} 准入的资源 ${resourceId} 缺少字段 ${ADMISSION_FIELD}（type: object），记录在其中保存所引用的清单事项或准入申请`,
        en: `resource ${resourceId} admitted by checklist ${id} has no field ${ADMISSION_FIELD} (type: object), where a record keeps the checklist item or admission request it cites`,
      });
    } else if (field && field.type !== 'object') {
      issues.push(
        issueIn(resource.origin, toPointer(['schema', 'properties', ADMISSION_FIELD]), {
          'zh-CN': `资源 ${resourceId} 由清单 ${id} 准入，其字段 ${ADMISSION_FIELD} 必须是 type: object`,
          en: `resource ${resourceId} is admitted by checklist ${id}, so its field ${ADMISSION_FIELD} must be of type object`,
        }),
      );
    }
    const level = resource.config.level;
    if (levelsKnown && level !== undefined && targets.length > 0 && !targets.includes(level)) {
      report(at, {
        'zh-CN': `清单 ${id} 准入的资源 ${resourceId} 属于层级 "${level}"，不在准入目标层级 ${targets.join(', ')} 之中`,
        en: `resource ${resourceId} admitted by checklist ${id} is at the level "${level}", which is not one of the target levels ${targets.join(', ')}`,
      });
    }
    const assessment = Object.hasOwn(schema.properties, ASSESSMENT_FIELD) ? schema.properties[ASSESSMENT_FIELD] : undefined;
    if (assessment) {
      const veto = vetoAt(assessment);
      const pointer = toPointer(['schema', 'properties', ASSESSMENT_FIELD]);
      if (veto !== null) issues.push(issueIn(resource.origin, pointer + veto, VETO_REFUSED));
      else if (!hasChoices(assessment)) {
        issues.push(
          issueIn(resource.origin, pointer, {
            'zh-CN': `资源 ${resourceId} 由清单 ${id} 准入，其字段 ${ASSESSMENT_FIELD}（考核方式）必须列出可选值（enum 或 oneOf），且不得包含 "veto"（一票否决）`,
            en: `resource ${resourceId} is admitted by checklist ${id}, so its field ${ASSESSMENT_FIELD} must list its choices (enum or oneOf), none of them "veto" (一票否决)`,
          }),
        );
      }
    }
  }
  return issues;
}
