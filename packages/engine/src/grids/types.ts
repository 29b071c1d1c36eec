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

/** Shapes the admin reads too are defined once, in @zhili/schemas. */
export type { GridViolation, ViolationSubject } from '@zhili/schemas';

/** A rule that is not checked against records (a cadence without a backing resource), listed for what it asks. */
export interface InformationalRule {
  readonly rule: string;
  readonly kind: string;
  readonly message: BilingualText;
}
