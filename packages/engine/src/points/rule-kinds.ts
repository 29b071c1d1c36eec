import type { BilingualText } from '@zhili/schemas';

/** What a points rule kind counts from: the rule's points per unit (its size; the sign says award or deduction), the quantity posted and the rule's options. */
export interface PointsRuleContext {
  readonly points: number;
  readonly quantity: number;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A way of counting the points of a rule that a plugin adds: a points rule names it in `kind`
 * with its `options`. Without one a posting moves points × quantity; with one, what `points`
 * answers (caps are counted in it, as always, in the posting's transaction).
 */
export interface PointsRuleKind {
  /** The name rules give in `kind`: lower-case letters, digits and hyphens. */
  readonly kind: string;
  /** What it is called where a rule is shown (e.g. 按时长分段计分). */
  readonly title: BilingualText;
  /** The JSON Schema of the rule's options; the loader refuses a rule whose options do not match, at their place in the file. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The points a posting moves: a positive whole number (anything else fails the posting, naming the kind). */
  points(context: PointsRuleContext): number;
}

/** Points rule kinds by name: those of a package's plugins (the engine has none of its own). */
export type PointsRuleKinds = ReadonlyMap<string, PointsRuleKind>;

export const NO_POINTS_RULE_KINDS: PointsRuleKinds = new Map();
