import { resolveText } from '@zhili/schemas';
import type { AdminCouncils, BilingualText, Locale, MetaRecordSchema, Text } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { grantsFor } from '../actor/actor.ts';
import type { CompiledModel } from '../model/types.ts';
import { formatRatio } from './arithmetic.ts';
import { COUNCILS_RESOURCE } from './compile.ts';
import type { CouncilRuleKinds } from './rule-kinds.ts';
import type { CompiledCouncilBody, CompiledProcedure, SelectionMethod } from './types.ts';

const SELECTION: Record<SelectionMethod, BilingualText> = {
  elected: { 'zh-CN': '选举产生', en: 'Elected' },
  appointed: { 'zh-CN': '委派', en: 'Appointed' },
  'per-building': { 'zh-CN': '按小区或楼宇推选', en: 'Chosen per compound or building' },
  'ex-officio': { 'zh-CN': '当然成员', en: 'Ex officio' },
};
const QUORUM_BASE: Record<CompiledProcedure['quorum']['base'], BilingualText> = {
  members: { 'zh-CN': '全体成员', en: 'all members' },
  'adult-residents': { 'zh-CN': '十八周岁以上居民', en: 'adult residents' },
  households: { 'zh-CN': '户代表', en: 'households' },
};
const PASS_BASE: Record<CompiledProcedure['pass']['base'], BilingualText> = {
  present: { 'zh-CN': '到会人员', en: 'those present' },
  members: { 'zh-CN': '全体成员', en: 'all members' },
};

/** The member form's schema: a roster entry with the body's positions as choices. */
function memberSchema(body: CompiledCouncilBody, text: (t: Text) => string, locale: Locale): MetaRecordSchema {
  const zh = locale === 'zh-CN';
  return {
    type: 'object',
    required: ['name', 'gender', 'position', ...(body.selection.method === 'per-building' ? ['building'] : [])],
    properties: {
      name: { type: 'string', title: zh ? '姓名' : 'Name', minLength: 1, maxLength: 100 },
      gender: { type: 'string', title: zh ? '性别' : 'Gender', oneOf: [{ const: 'female', title: zh ? '女' : 'Female' }, { const: 'male', title: zh ? '男' : 'Male' }] },
      partyMember: { type: 'boolean', title: zh ? '中共党员' : 'Party member' },
      position: { type: 'string', title: zh ? '职务' : 'Position', oneOf: body.roles.map((r) => ({ const: r.id, title: text(r.title) })) },
      building: { type: 'string', title: zh ? '所代表的楼栋或小区' : 'Building or compound represented', maxLength: 200 },
      userId: { type: 'string', title: zh ? '用户账号编号' : 'User account id', maxLength: 200 },
    },
  } as unknown as MetaRecordSchema;
}

/** /api/meta `councils`: bodies and procedures in one locale, and what the actor may do with them somewhere. */
export function councilsMeta(model: CompiledModel, { locale, actor, ruleKinds }: { readonly locale: Locale; readonly actor: Actor; readonly ruleKinds: CouncilRuleKinds }): AdminCouncils {
  const text = (value: Text): string => resolveText(value, locale);
  const holds = (roles: readonly string[]) => actor.kind !== 'user' || actor.assignments.some((a) => roles.includes(a.role));
  const procedures = Object.values(model.councils.procedures);
  const sign = (strict: boolean) => (strict ? '>' : '≥');
  return {
    bodies: Object.values(model.councils.bodies).map((body) => ({
      id: body.id,
      title: text(body.title),
      description: body.description === null ? null : text(body.description),
      level: body.level,
      size: body.size,
      roles: body.roles.map((r) => ({ id: r.id, title: text(r.title), min: r.min, max: r.max })),
      requirements: body.requirements.map((r) => ({ id: r.id, title: text(r.title), attribute: r.attribute, value: r.value, min: r.min, share: r.share ? formatRatio(r.share) : null })),
      rules: body.rules.map((r) => ({ id: r.id, kind: r.kind, title: text(r.title ?? ruleKinds.get(r.kind)?.title ?? r.kind) })),
      selection: { method: body.selection.method, methodTitle: SELECTION[body.selection.method][locale], by: body.selection.by },
      termYears: body.termYears,
      eligibility: body.eligibility === null ? null : text(body.eligibility),
      memberSchema: memberSchema(body, text, locale),
    })),
    procedures: procedures.map((p) => ({
      id: p.id,
      title: text(p.title),
      description: p.description === null ? null : text(p.description),
      body: p.body,
      supervisor: p.supervisor,
      supervisionRoles: p.supervisionRoles,
      workflow: p.workflow,
      proposers: { share: p.proposers.share ? formatRatio(p.proposers.share) : null, roles: p.proposers.roles },
      quorum: {
        base: p.quorum.base,
        ratio: formatRatio(p.quorum.ratio),
        strict: p.quorum.strict,
        text:
          locale === 'zh-CN'
            ? `出席人数 ${sign(p.quorum.strict)} ${QUORUM_BASE[p.quorum.base]['zh-CN']}的 ${formatRatio(p.quorum.ratio)}`
            : `present ${sign(p.quorum.strict)} ${formatRatio(p.quorum.ratio)} of ${QUORUM_BASE[p.quorum.base].en}`,
      },
      pass: {
        base: p.pass.base,
        ratio: formatRatio(p.pass.ratio),
        strict: p.pass.strict,
        text:
          locale === 'zh-CN'
            ? `赞成票 ${sign(p.pass.strict)} ${PASS_BASE[p.pass.base]['zh-CN']}（除回避者）的 ${formatRatio(p.pass.ratio)}`
            : `in favour ${sign(p.pass.strict)} ${formatRatio(p.pass.ratio)} of ${PASS_BASE[p.pass.base].en} (less those withdrawn)`,
      },
      recusal: p.recusal,
      publicationDays: p.publicationDays,
      stages: p.stages.map((s) => ({
        id: s.id,
        kind: s.kind,
        title: text(s.title),
        description: s.description === null ? null : text(s.description),
        roles: s.roles,
        timeLimit: s.timeLimit === null ? null : { duration: s.timeLimit.duration, calendar: s.timeLimit.calendar },
      })),
    })),
    permissions: {
      read: grantsFor(actor, COUNCILS_RESOURCE, 'read').length > 0,
      manageRosters: grantsFor(actor, COUNCILS_RESOURCE, 'update').length > 0,
      propose: procedures.filter((p) => p.proposers.roles.length > 0 && holds(p.proposers.roles)).map((p) => p.id),
      record: procedures.filter((p) => holds(p.stages.find((s) => s.kind === 'deliberation')?.roles ?? [])).map((p) => p.id),
      supervise: procedures.filter((p) => p.supervisionRoles.length > 0 && holds(p.supervisionRoles)).map((p) => p.id),
    },
  };
}
