import { resolveText } from '@zhili/schemas';
import type { BilingualText } from '@zhili/schemas';
import { formatRatio, meets } from './arithmetic.ts';
import type { CouncilRuleKinds } from './rule-kinds.ts';
import type { CompiledCouncilBody } from './types.ts';

/** A member of a roster, as the composition rules see them. */
export interface MemberFacts {
  readonly position: string;
  readonly gender: 'female' | 'male';
  readonly partyMember: boolean;
  readonly building: string | null;
}

/** A composition rule a roster breaks: which rule, and what it says with the figures. */
export interface Violation {
  /** size, position:<id>, requirement:<id>, building, or rule:<id> for a rule of a plugin's kind. */
  readonly rule: string;
  readonly message: BilingualText;
}

const range = (min: number, max: number | null, zhUnit: string, enUnit: string): BilingualText =>
  max === null
    ? { 'zh-CN': `不少于${min}${zhUnit}`, en: `at least ${min}${enUnit}` }
    : min === max
      ? { 'zh-CN': `${min}${zhUnit}`, en: `exactly ${min}${enUnit}` }
      : { 'zh-CN': `${min}至${max}${zhUnit}`, en: `${min} to ${max}${enUnit}` };

/**
 * The rules of a body that a roster breaks, each with its text in both languages and the figures
 * found: the size, the count of each position, each requirement (by count and by share, exactly),
 * with per-building selection a building for every member, and the body's rules of plugins' kinds.
 * Empty when the roster is valid.
 */
export function checkComposition(body: CompiledCouncilBody, members: readonly MemberFacts[], kinds: CouncilRuleKinds): Violation[] {
  const out: Violation[] = [];
  const title = { zh: resolveText(body.title, 'zh-CN'), en: resolveText(body.title, 'en') };
  const n = members.length;
  if (n < body.size.min || (body.size.max !== null && n > body.size.max)) {
    const r = range(body.size.min, body.size.max, '人', body.size.max === body.size.min && body.size.min === 1 ? ' member' : ' members');
    out.push({
      rule: 'size',
      message: { 'zh-CN': `${title.zh}成员由${r['zh-CN']}组成（现为${n}人）`, en: `${title.en} has ${r.en} (now ${n})` },
    });
  }
  for (const role of body.roles) {
    const count = members.filter((m) => m.position === role.id).length;
    if (count < role.min || (role.max !== null && count > role.max)) {
      const r = range(role.min, role.max, '名', '');
      const rt = { zh: resolveText(role.title, 'zh-CN'), en: resolveText(role.title, 'en') };
      out.push({
        rule: `position:${role.id}`,
        message: { 'zh-CN': `${rt.zh}应为${r['zh-CN']}（现为${count}名）`, en: `${title.en} needs ${r.en} ${rt.en} (now ${count})` },
      });
    }
  }
  for (const requirement of body.requirements) {
    const count = members.filter((m) => (requirement.attribute === 'gender' ? m.gender === requirement.value : m.partyMember === requirement.value)).length;
    const short = count < requirement.min || (requirement.share !== null && n > 0 && !meets(count, n, { ratio: requirement.share, strict: false }));
    if (short) {
      const figures = requirement.share ? `${count}/${n}，应不少于 ${formatRatio(requirement.share)}` : `现有${count}名`;
      const figuresEn = requirement.share ? `${count}/${n}, at least ${formatRatio(requirement.share)} needed` : `now ${count}`;
      out.push({
        rule: `requirement:${requirement.id}`,
        message: { 'zh-CN': `${resolveText(requirement.title, 'zh-CN')}（${figures}）`, en: `${resolveText(requirement.title, 'en')} (${figuresEn})` },
      });
    }
  }
  if (body.selection.method === 'per-building') {
    const missing = members.filter((m) => m.building === null || m.building.trim() === '').length;
    if (missing) {
      out.push({
        rule: 'building',
        message: { 'zh-CN': `${title.zh}成员按小区或楼宇推选，须注明所代表的楼栋或小区（${missing}人未注明）`, en: `members of ${title.en} are chosen per building or compound and must name it (${missing} do not)` },
      });
    }
  }
  for (const rule of body.rules) {
    const kind = kinds.get(rule.kind);
    // The loader refuses a rule of a kind no plugin has: one can only be missing here in a model built by hand.
    if (!kind) throw new Error(`council rule ${rule.id} of ${body.id} names the kind ${rule.kind}, which no plugin registers`);
    const positions = body.roles.map((r) => ({ id: r.id, title: { 'zh-CN': resolveText(r.title, 'zh-CN'), en: resolveText(r.title, 'en') } }));
    const message = kind.evaluate({ options: rule.options, body: { id: body.id, title: { 'zh-CN': title.zh, en: title.en }, positions }, members });
    if (message) out.push({ rule: `rule:${rule.id}`, message });
  }
  return out;
}
