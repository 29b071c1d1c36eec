import type { BilingualText, CouncilComparison, CouncilOutcome, CouncilTally } from '@zhili/schemas';

/** A fraction p/q of positive integers, as the config writes it ("2/3"). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** A share rule: more than (strict) or at least the ratio of a base. */
export interface ShareRule {
  readonly ratio: Ratio;
  readonly strict: boolean;
}

/** What a quorum is counted against. */
export type QuorumBase = 'members' | 'adult-residents' | 'households';
/** What votes in favour are counted against. */
export type PassBase = 'present' | 'members';

/** The rules of a procedure the outcome is computed under. */
export interface DecisionRules {
  readonly quorum: ShareRule & { readonly base: QuorumBase };
  readonly pass: ShareRule & { readonly base: PassBase };
}

export type Tally = CouncilTally;
export type Comparison = CouncilComparison;
export type Outcome = CouncilOutcome<BilingualText>;

const RATIO = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/;

/** Parses "p/q"; null unless p and q are positive integers with p ≤ q. */
export function parseRatio(text: string): Ratio | null {
  const match = RATIO.exec(text);
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return num <= den ? { num, den } : null;
}

export function formatRatio(ratio: Ratio): string {
  return `${ratio.num}/${ratio.den}`;
}

/**
 * Whether count/base is more than (strict) or at least the ratio, in exact integer arithmetic:
 * count·q > p·base, or ≥. A base of 0 never meets a rule (nobody to count).
 */
export function meets(count: number, base: number, rule: ShareRule): boolean {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(base) || count < 0 || base < 0) throw new RangeError(`counts must be non-negative integers: ${count}/${base}`);
  if (base === 0) return false;
  const left = BigInt(count) * BigInt(rule.ratio.den);
  const right = BigInt(rule.ratio.num) * BigInt(base);
  return rule.strict ? left > right : left >= right;
}

/** The least count that meets the rule over a base (the threshold the admin can show before a vote). */
export function threshold(base: number, rule: ShareRule): number {
  if (base === 0) return 1;
  const product = rule.ratio.num * base;
  return rule.strict ? Math.floor(product / rule.ratio.den) + 1 : Math.ceil(product / rule.ratio.den);
}

const compare = (count: number, base: number, rule: ShareRule): Comparison => ({
  count,
  base,
  ratio: formatRatio(rule.ratio),
  strict: rule.strict,
  met: meets(count, base, rule),
});

const sign = (c: Comparison): string => (c.met ? (c.strict ? '>' : '≥') : c.strict ? '≤' : '<');

const QUORUM_WORDS: Record<QuorumBase, BilingualText> = {
  members: { 'zh-CN': '出席', en: 'present' },
  'adult-residents': { 'zh-CN': '到会居民', en: 'adult residents present' },
  households: { 'zh-CN': '到会户代表', en: 'households present' },
};

/**
 * The outcome of a meeting under the rules: the quorum is checked first (no vote counts without
 * it), then votes in favour against the pass base (those present, or all members, less those who
 * withdrew). A tie under "more than half" is not adopted.
 */
export function decide(rules: DecisionRules, tally: Tally): Outcome {
  const quorum = compare(tally.present, tally.eligible, rules.quorum);
  const words = QUORUM_WORDS[rules.quorum.base];
  const q = `${tally.present}/${tally.eligible} ${sign(quorum)} ${quorum.ratio}`;
  if (!quorum.met) {
    return {
      result: 'no-quorum',
      quorum,
      pass: null,
      explanation: { 'zh-CN': `${words['zh-CN']} ${q} → 未达法定人数，不能表决`, en: `${words.en} ${q} → no quorum, no vote` },
    };
  }
  const passBase = (rules.pass.base === 'present' ? tally.present : tally.members) - tally.recused;
  const pass = compare(tally.for, Math.max(passBase, 0), rules.pass);
  const p = `${pass.count}/${pass.base} ${sign(pass)} ${pass.ratio}`;
  const recusedZh = tally.recused ? `；回避 ${tally.recused}` : '';
  const recusedEn = tally.recused ? `; withdrawn ${tally.recused}` : '';
  const baseZh = rules.pass.base === 'members' ? '（全体成员）' : '';
  const baseEn = rules.pass.base === 'members' ? ' (of all members)' : '';
  return {
    result: pass.met ? 'adopted' : 'rejected',
    quorum,
    pass,
    explanation: {
      'zh-CN': `${words['zh-CN']} ${q}${recusedZh}；赞成 ${p}${baseZh} → ${pass.met ? '通过' : '未通过'}`,
      en: `${words.en} ${q}${recusedEn}; in favour ${p}${baseEn} → ${pass.met ? 'adopted' : 'not adopted'}`,
    },
  };
}
