import type { Text } from '@zhili/schemas';

/** A calendar period (China time) caps, limits and publication are counted over. */
export type PointsPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A cap on the points one rule moves for one account in one period (a positive number, for awards and deductions alike). */
export interface CompiledCap {
  readonly period: PointsPeriod;
  readonly max: number;
}

/** A rule of the positive list (points > 0) or the negative list (points < 0). */
export interface CompiledPointsRule {
  readonly code: string;
  readonly category: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Points per unit, signed. */
  readonly points: number;
  readonly unit: 'event' | 'hour';
  readonly maxQuantity: number;
  readonly caps: readonly CompiledCap[];
  /** Roles that post the rule directly; empty when only claims or automatic awards post it. */
  readonly roles: readonly string[];
  /** Who claims and who reviews claims, or null when the rule is not claimed. */
  readonly claim: { readonly roles: readonly string[]; readonly reviewers: readonly string[] } | null;
  /** The workflow transitions that award the rule automatically (once per case), or null. */
  readonly auto: { readonly workflow: string; readonly transitions: readonly string[]; readonly holderField: string } | null;
  /** The plugin rule kind that counts the points of a posting, with its options; null: points × quantity. */
  readonly kind: { readonly name: string; readonly options: Readonly<Record<string, unknown>> } | null;
  readonly illustrative: boolean;
}

export interface CompiledPointsItem {
  readonly code: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly cost: number;
  /** Stock when first installed; null for an unlimited item. */
  readonly stock: number | null;
  readonly limit: { readonly period: PointsPeriod; readonly max: number } | null;
  readonly illustrative: boolean;
}

/** A points scheme (积分方案) with its defaults applied. */
export interface CompiledPointsScheme {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Who adopted the scheme, when, and the resolution's reference; null when not recorded. */
  readonly adoption: { readonly body: Text | null; readonly date: string | null; readonly resolution: string | null } | null;
  /** The resource whose records hold accounts, and the field naming their building (or null). */
  readonly holder: { readonly resource: string; readonly buildingField: string | null };
  /** What a point is called. */
  readonly unit: Text;
  /** Whether deductions may take an account below zero. */
  readonly allowNegative: boolean;
  readonly categories: readonly { readonly id: string; readonly title: Text; readonly description: Text | null }[];
  readonly rules: readonly CompiledPointsRule[];
  readonly redemption: { readonly title: Text; readonly roles: readonly string[]; readonly items: readonly CompiledPointsItem[] } | null;
  readonly expiry: { readonly months: number } | null;
  readonly timeBank: {
    readonly title: Text;
    readonly coin: Text;
    readonly coinsPerHour: number;
    readonly maxHours: number;
    readonly roles: readonly string[];
    readonly services: readonly { readonly code: string; readonly title: Text }[];
  } | null;
  readonly publication: { readonly period: Exclude<PointsPeriod, 'day'>; readonly top: number } | null;
  readonly sourceFile: string;
}
