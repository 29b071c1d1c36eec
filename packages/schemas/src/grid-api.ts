import type { BilingualText } from './text.ts';

/** The period a compliance figure is taken over (GET /api/grids/*?period=). */
export interface GridPeriod {
  readonly from: string;
  readonly to: string;
  /** As asked: 2026, 2026-03 or 2026-01-01..2026-06-30. */
  readonly label: string;
  /** The day figures are taken on: the period's last day, or today when the period has not ended. */
  readonly asOf: string;
}

/** What a violation is about: a grid, a worker on a grid, or a unit above the grids (a community, the scope). */
export interface ViolationSubject {
  readonly type: 'grid' | 'worker' | 'unit';
  /** Org unit code: the grid's, the worker's grid's, or the unit's. */
  readonly code: string;
  /** The grid's or unit's name, or the worker's (masked unless the actor may read the staff's personal data). */
  readonly name: string;
  /** The worker's staff record id. */
  readonly id?: string;
}

/** One rule broken, with the figures behind it and a sentence in both languages. */
export interface GridViolation {
  readonly rule: string;
  readonly kind: string;
  /** Whether grid maintenance refuses a change that causes it (see the rule kinds). */
  readonly hard: boolean;
  readonly subject: ViolationSubject;
  /** The numbers, e.g. { households: 312, cap: 300 } or { visits: 241, required: 300 }. */
  readonly figures: Readonly<Record<string, number | string | null>>;
  /** How far the rule is broken (bigger is worse), where a change can make it worse. */
  readonly measure?: number;
  readonly message: BilingualText;
}

/** An org unit named in a grid answer. */
export interface GridUnitRef {
  readonly code: string;
  readonly name: string;
  readonly level: string;
}

/** Every violated rule of a scope and period, per grid, per worker and per unit above the grids (GET /api/grids/compliance). */
export interface ComplianceReport {
  readonly org: GridUnitRef;
  readonly period: GridPeriod;
  readonly rules: readonly {
    readonly id: string;
    readonly kind: string;
    readonly title: BilingualText;
    readonly hard: boolean;
    readonly violations: number;
    /** For a rule listed rather than checked (a cadence no resource records), or a target not due yet. */
    readonly note: BilingualText | null;
  }[];
  readonly counts: {
    readonly grids: number;
    readonly households: number;
    readonly violations: number;
    readonly gridsInViolation: number;
    readonly workersInViolation: number;
  };
  readonly grids: readonly {
    readonly code: string;
    readonly name: string;
    readonly kind: string | null;
    readonly households: number;
    /** Serving staff by role. */
    readonly staff: Readonly<Record<string, number>>;
    readonly violations: readonly GridViolation[];
  }[];
  readonly workers: readonly { readonly id: string; readonly name: string; readonly gridCode: string; readonly violations: readonly GridViolation[] }[];
  readonly units: readonly { readonly code: string; readonly name: string; readonly violations: readonly GridViolation[] }[];
  /** Whether grids, workers or units were cut at the limit. */
  readonly truncated: boolean;
}

/** A unit's grid figures for the dashboard. */
export interface GridUnitSummary extends GridUnitRef {
  readonly grids: number;
  /** Grids with registered households. */
  readonly coveredGrids: number;
  readonly households: number;
  /** Grids over their household cap. */
  readonly overCap: number;
  /** Grids with fewer staff of a role than a staffing rule asks. */
  readonly understaffed: number;
  /** Grids with more staff of a role than a staffing rule allows. */
  readonly overstaffed: number;
  /** Serving workers a visit quota applies to. */
  readonly workers: number;
  /** Of them, those meeting every quota. */
  readonly workersMeetingQuota: number;
  /** Must-visit households not visited within their interval. */
  readonly mustVisitOverdue: number;
  readonly violations: number;
}

/** The dashboard's figures of a unit and of each unit directly under it (GET /api/grids/summary; drill down with a child's code). */
export interface GridSummary {
  readonly org: GridUnitRef;
  readonly period: GridPeriod;
  readonly total: GridUnitSummary;
  readonly children: readonly GridUnitSummary[];
}

/** What a grid change (moving households, split, merge, staff) did to the rules (POST /api/grids/…). */
export interface GridChangeResult {
  /** Codes of the grids the change touched (a new grid included, a merged-away one not). */
  readonly grids: readonly string[];
  /** Violations the change caused: new ones, and hard ones it made worse. None of them is hard, or the change was refused. */
  readonly caused: readonly GridViolation[];
  /** Every violation of a grid or worker of the touched grids after the change. */
  readonly violations: readonly GridViolation[];
}
