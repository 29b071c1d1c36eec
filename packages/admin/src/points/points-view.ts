import type { AdminPoints, PointsPeriod, PointsPosting } from '@zhili/schemas';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Rule = AdminPoints['rules'][number];

/** The positive list (正面行为清单: points > 0) and the negative list (负面行为清单), each by category in the scheme's order. */
export function publishedLists(scheme: AdminPoints): { readonly positive: CategoryRules[]; readonly negative: CategoryRules[] } {
  const group = (rules: readonly Rule[]): CategoryRules[] =>
    scheme.categories.map((c) => ({ category: c, rules: rules.filter((r) => r.category === c.id) })).filter((g) => g.rules.length > 0);
  return { positive: group(scheme.rules.filter((r) => r.points > 0)), negative: group(scheme.rules.filter((r) => r.points < 0)) };
}

export interface CategoryRules {
  readonly category: AdminPoints['categories'][number];
  readonly rules: readonly Rule[];
}

/** A rule's points in words: "+5 积分/次", "−10 积分/小时", with how a plugin's kind counts them when one does: "+2 积分/小时（按时长分段计分）". */
export function rulePoints(rule: Pick<Rule, 'points' | 'unit' | 'counting'>, unit: string, t: Translate): string {
  const sign = rule.points > 0 ? '+' : '−';
  const base = `${sign}${Math.abs(rule.points)} ${unit}/${t(`points.per.${rule.unit}`)}`;
  return rule.counting === null ? base : t('points.counting', { points: base, counting: rule.counting });
}

/**
 * The rule and quantity fields of a form that posts or claims one of `rules`: the rule to choose
 * (with its points in words) and a quantity from 1 to the chosen rule's maxQuantity (the engine
 * refuses more), as JSON Schema: the per-rule bound is an if/then on the rule chosen.
 */
export function ruleQuantitySchema(rules: readonly Rule[], unit: string, t: Translate) {
  return {
    properties: {
      rule: { type: 'string', title: t('points.rule'), oneOf: rules.map((r) => ({ const: r.code, title: `${r.code} ${r.title}（${rulePoints(r, unit, t)}）` })) },
      quantity: { type: 'integer', title: t('points.quantity'), minimum: 1, default: 1 },
    },
    allOf: rules.map((r) => ({ if: { properties: { rule: { const: r.code } }, required: ['rule'] }, then: { properties: { quantity: { maximum: r.maxQuantity } } } })),
  };
}

/** The caps of a rule (or the limit of an item) in words: "每月至多 20". */
export function capsText(caps: readonly { readonly period: PointsPeriod; readonly max: number }[], t: Translate): string {
  return caps.map((c) => t('points.cap', { period: t(`points.period.${c.period}`), max: c.max })).join('，');
}

/** What a posting was for: the rule, the item, the time-bank service, or its kind. */
export function postingTitle(posting: PointsPosting, scheme: AdminPoints, t: Translate): string {
  const rule = scheme.rules.find((r) => r.code === posting.rule);
  const item = scheme.redemption?.items.find((i) => i.code === posting.item);
  const service = scheme.timeBank?.services.find((s) => s.code === posting.service);
  const what = rule?.title ?? item?.title ?? service?.title ?? null;
  return what === null ? t(`points.kind.${posting.kind}`) : `${t(`points.kind.${posting.kind}`)} · ${what}`;
}

/** What a posting did to the holder's account: signed, from the holder's line (a donation's payer loses, its payee gains). */
export function holderAmount(posting: PointsPosting, holder: string): number {
  return posting.lines.filter((l) => l.holder === holder).reduce((sum, l) => sum + l.amount, 0);
}

/** Whether a posting may still be reversed: not a reversal itself, not reversed already (`reversed`: ids of postings reversed on the page). */
export function reversible(posting: PointsPosting, reversed: ReadonlySet<string>): boolean {
  return posting.kind !== 'reverse' && posting.kind !== 'expire' && !reversed.has(posting.id);
}

/** The period label the building totals take (?period=): 2026-11, 2026-Q4, 2026; null for a kind picked by week (the current one only). */
export function periodLabel(kind: Exclude<PointsPeriod, 'day'>, date: { year: number; month: number }): string | null {
  if (kind === 'month') return `${date.year}-${String(date.month).padStart(2, '0')}`;
  if (kind === 'quarter') return `${date.year}-Q${Math.floor((date.month - 1) / 3) + 1}`;
  if (kind === 'year') return String(date.year);
  return null;
}

/** A fresh Idempotency-Key for one submission of a posting form: a retry of the same submission sends it again, a new submission gets a new one. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
