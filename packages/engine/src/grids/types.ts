import type { BilingualText, Text } from '@zhili/schemas';

/** Where the households of the grids are. */
export interface CompiledHouseholdBinding {
  readonly resource: string;
  /** Boolean field marking must-visit households, or null when the config names none. */
  readonly mustVisitField: string | null;
}

/** Where the staff of the grids are. */
export interface CompiledStaffBinding {
  readonly resource: string;
  readonly roleField: string;
  readonly nameField: string;
  readonly statusField: string;
  readonly activeStatuses: readonly string[];
}

/** Where the visits are. */
export interface CompiledVisitBinding {
  readonly resource: string;
  readonly householdField: string;
  readonly visitorField: string;
  readonly dateField: string;
}

/** A rule of the rule set: its kind's options as authored (checked against the kind's schema when the package loads). */
export interface CompiledGridRule {
  readonly id: string;
  readonly kind: string;
  readonly title: Text | null;
  readonly source: string | null;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The grid rules of a package (grids/*.yaml), defaults applied. */
export interface CompiledGrids {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Id of the level whose units are the grids; a unit's kind is its grid type. */
  readonly level: string;
  readonly households: CompiledHouseholdBinding;
  readonly staff: CompiledStaffBinding;
  readonly visits: CompiledVisitBinding;
  readonly rules: readonly CompiledGridRule[];
  /** Absolute path of the file that declared the rule set. */
  readonly sourceFile: string;
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
  /** How far the rule is broken (bigger is worse), where a change can make it worse: grid maintenance refuses a hard violation it makes new or worse. */
  readonly measure?: number;
  readonly message: BilingualText;
}

/** A rule that is not checked against records (a cadence without a backing resource), listed for what it asks. */
export interface InformationalRule {
  readonly rule: string;
  readonly kind: string;
  readonly message: BilingualText;
}
