import type { CompiledCalendar } from '../workflows/calendar.ts';
import type { ChecklistKind, ClaimantKind, FieldSchema, FilterOperator, Locale, PiiField, RecordSchema, RoleAction, RoleScope, Text, WorkflowJurisdiction } from '@zhili/schemas';

import type { CompiledGrids } from '../grids/types.ts';
import type { CompiledPointsScheme } from '../points/types.ts';
import type { CompiledCouncils } from '../councils/types.ts';

export type { RoleScope } from '@zhili/schemas';
export type { CompiledGrids } from '../grids/types.ts';
export type { CompiledCouncils } from '../councils/types.ts';

/**
 * The compiled model: a config package with its parents merged, defaults applied and every
 * cross-reference checked. Deep-frozen; never mutated. Produced by `compile()`.
 */
export interface CompiledModel {
  /** Manifest id of the package that was loaded (the leaf of the extends chain). */
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Semver of the loaded package; stored as config_version on every record written. */
  readonly version: string;
  readonly locale: Locale;
  /** The packages merged into this model, parents first, the loaded package last. */
  readonly packages: readonly PackageRef[];
  /** Jurisdiction levels from the top down. */
  readonly levels: readonly CompiledLevel[];
  /** The working calendar time limits in working days count by: holidays and make-up working days. */
  readonly calendar: CompiledCalendar;
  readonly modules: readonly CompiledModule[];
  /** Resources by id, in declaration order (parents first). */
  readonly resources: Readonly<Record<string, CompiledResource>>;
  /** Roles by id, in declaration order (parents first). */
  readonly roles: Readonly<Record<string, CompiledRole>>;
  /** Checklists by id, in declaration order (parents first). */
  readonly checklists: Readonly<Record<string, CompiledChecklist>>;
  /** Case workflows by id, in declaration order (parents first). */
  readonly workflows: Readonly<Record<string, CompiledWorkflow>>;
  /** The grid rules (grids/*.yaml), or null when no package gives any. */
  readonly grids: CompiledGrids | null;
  /** Points schemes (points/*.yaml) by id, in declaration order (parents first). */
  readonly points: Readonly<Record<string, CompiledPointsScheme>>;
  /** Council bodies and procedures (councils/*.yaml); empty when no package gives any. Each procedure's workflow is in workflows. */
  readonly councils: CompiledCouncils;
  /** Absolute path of the org-tree file in force, or null when no package has one. */
  readonly orgTreeFile: string | null;
  /** Absolute path of the demo-data generator module in force, or null. */
  readonly demoDataModule: string | null;
  /** Absolute paths of the plugin modules of the package and its parents, parents' first (set up in this order). */
  readonly pluginModules: readonly string[];
  /** Absolute paths of the plugins' admin entries of the package and its parents, parents' first (bundled into the admin when it is built). */
  readonly adminPluginModules: readonly string[];
  /** SHA-256 (hex) of the compiled model's canonical JSON; changes whenever the model does. */
  readonly hash: string;
}

export interface PackageRef {
  /** npm package name, or the folder name for a package without package.json. */
  readonly name: string;
  /** Manifest id. */
  readonly id: string;
  readonly version: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
}

export interface CompiledLevel {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** 0 for the top level. */
  readonly depth: number;
}

export interface CompiledModule {
  readonly id: string;
  readonly title: Text;
  readonly order: number;
  readonly icon: string | null;
}

/** How a top-level field is stored: a typed column, or JSON for objects and arrays. */
export type StorageKind = 'text' | 'integer' | 'number' | 'boolean' | 'json';

export interface CompiledField {
  /** Field name, as in the record JSON. Also the column name (quoted) in the resource's table. */
  readonly name: string;
  /** The field's title, or its name when it has none. */
  readonly title: Text;
  readonly kind: StorageKind;
  /** Whether the field is in the schema's required list. */
  readonly required: boolean;
  /** Scalars (text, integer, number, boolean) are columns that can be filtered, sorted and indexed. */
  readonly scalar: boolean;
  readonly format: string | null;
  /** Allowed values, from enum or from oneOf consts; null when the field is free. */
  readonly enumValues: readonly (string | number | boolean)[] | null;
  /** The field's JSON Schema as authored (texts unresolved). */
  readonly schema: FieldSchema;
}

export interface CompiledListColumn {
  readonly field: string;
  readonly title: Text | null;
  readonly width: number | null;
  readonly sortable: boolean;
}

export interface CompiledListFilter {
  readonly field: string;
  readonly operators: readonly FilterOperator[];
}

export interface CompiledSortKey {
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

export interface CompiledIndex {
  /** Deterministic index name, e.g. ix_households_grid_type; ≤ 63 characters. */
  readonly name: string;
  /** Column names (resource fields, or standard columns such as org_path, created_at). */
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface CompiledResource {
  readonly id: string;
  /** Table name; equal to the id. */
  readonly table: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly module: string | null;
  /** Id of the jurisdiction level records attach to. */
  readonly level: string;
  readonly titleField: string | null;
  /** The record schema as authored (texts unresolved). */
  readonly schema: RecordSchema;
  readonly uiSchema: Readonly<Record<string, unknown>>;
  /** Top-level fields in schema order. */
  readonly fields: readonly CompiledField[];
  readonly list: {
    readonly columns: readonly CompiledListColumn[];
    readonly filters: readonly CompiledListFilter[];
    readonly defaultSort: readonly CompiledSortKey[];
    readonly pageSize: number;
  };
  /** Configured indexes plus the standard (org_path, default sort …, id) index. */
  readonly indexes: readonly CompiledIndex[];
  readonly pii: readonly Required<PiiField>[];
  /** File that declared the resource (the first package's), for messages. */
  readonly sourceFile: string;
}

/** A role: what its holders may do, where, relative to the org unit they hold it at. */
export interface CompiledRole {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Id of the level at which the role is normally held; null for the top of the tree. */
  readonly level: string | null;
  readonly grants: readonly CompiledGrant[];
}

/** One grant of a role: these actions on these resources ('*' = every resource) within the scope. */
export interface CompiledGrant {
  readonly resources: readonly string[];
  readonly actions: readonly RoleAction[];
  readonly scope: RoleScope;
}

/** A checklist (清单): its item schema, its first version's items, its admission rules. */
export interface CompiledChecklist {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly kind: ChecklistKind;
  /** Id of the level of the authority that edits and publishes it. */
  readonly owner: string;
  /** Whether the version in force is answered without login at /api/public/checklists/:id. */
  readonly public: boolean;
  /** JSON Schema of an item's attributes, as authored (texts unresolved). */
  readonly itemSchema: RecordSchema;
  readonly itemUiSchema: Readonly<Record<string, unknown>>;
  /** The items of the first published version, in order. */
  readonly items: readonly CompiledChecklistItem[];
  /** Admission control, or null when the checklist admits nothing. */
  readonly admission: CompiledAdmission | null;
  /** Claiming (社会认领) of the items, or null when they are not claimed. */
  readonly claiming: CompiledClaiming | null;
  /** File that declared the checklist (the first package's), for messages. */
  readonly sourceFile: string;
}

export interface CompiledChecklistItem {
  readonly code: string;
  readonly title: Text;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** Claiming (社会认领) of a needs list's items. */
export interface CompiledClaiming {
  /** Id of the level whose units items are claimed at (e.g. community). */
  readonly level: string;
  /** Which sorts of organisation may claim. */
  readonly claimantKinds: readonly ClaimantKind[];
  /** Whether several organisations may claim an item at the same unit. */
  readonly multiple: boolean;
}

/** Admission control (准入) of a checklist. */
export interface CompiledAdmission {
  /** Ids of the resources whose records must cite an item of the checklist or an approved request. */
  readonly resources: readonly string[];
  /** Id of the level whose authority decides admission requests. */
  readonly approverLevel: string;
  /** Days within which a request must be decided. */
  readonly decisionDays: number;
  /** Ids of the levels the work is pushed down to. */
  readonly targetLevels: readonly string[];
  /** How admitted work is assessed; null when the config does not say. Never "veto". */
  readonly assessment: string | null;
}

/** A case workflow (流程): a state machine over the records of one resource. */
export interface CompiledWorkflow {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Id of the resource whose records the cases are about. Reading a case takes a read grant on it. */
  readonly resource: string;
  /** Id of the state a case opens in. */
  readonly initial: string;
  readonly open: { readonly roles: readonly string[]; readonly jurisdiction: CompiledJurisdiction };
  /** States in board order. */
  readonly states: readonly CompiledWorkflowState[];
  readonly transitions: readonly CompiledTransition[];
  /** The satisfaction score (满意度), or null when the workflow takes none. */
  readonly evaluation: CompiledEvaluation | null;
  /** File that declared the workflow (the first package's), for messages. */
  readonly sourceFile: string;
}

/** Where a role must be held relative to a case's unit: the relation, and optionally the level of the unit it is held at. */
export interface CompiledJurisdiction {
  readonly unit: NonNullable<WorkflowJurisdiction['unit']>;
  readonly level: string | null;
}

export interface CompiledWorkflowState {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly final: boolean;
  readonly timeLimit: CompiledTimeLimit | null;
  /** What happens when the time limit passes; null when the state has no time limit. */
  readonly onExpiry: { readonly action: 'escalate' | 'notify' | 'transition'; readonly transition: string | null } | null;
}

/** A time limit: the ISO 8601 duration as authored, its parts, and whether only working days count. */
export interface CompiledTimeLimit {
  readonly duration: string;
  readonly calendar: 'calendar' | 'working';
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export interface CompiledTransition {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly from: readonly string[];
  readonly to: string;
  readonly roles: readonly string[];
  readonly jurisdiction: CompiledJurisdiction;
  /** JSON Schema of the data it takes, as authored; null when it takes none. */
  readonly form: RecordSchema | null;
  readonly uiSchema: Readonly<Record<string, unknown>>;
  readonly comment: 'none' | 'optional' | 'required';
  readonly attachmentRequired: boolean;
  /** Whether it names the next handler (assignee). */
  readonly assign: boolean;
}

export interface CompiledEvaluation {
  /** Id of the transition whose form carries the score. */
  readonly transition: string;
  /** The integer field of its form holding the score. */
  readonly field: string;
  readonly min: number;
  readonly max: number;
}

/**
 * Resources the engine itself provides, which roles may name beside the package's resources:
 * `audit` is the audit trail (read); `checklists` the checklists' versions (read drafts, update
 * drafts, publish); `admission_requests` the admission requests (read, create, approve);
 * `checklist_claims` the claims of needs-list items (read; create: record a claim; update: mark done or withdraw);
 * `grids` the grid rules' compliance (read) and grid maintenance (update: move households, split and merge
 * grids, assign and remove staff); `councils` the council bodies, rosters and proposals (read; update: change a roster);
 * `points` the points ledger (read: accounts, postings, building totals; create: post, claim, redeem within what the
 * scheme's roles allow; approve: review claims, reverse postings, run expiry). A package resource may not take one of these ids.
 */
export const ENGINE_RESOURCES = ['audit', 'checklists', 'admission_requests', 'checklist_claims', 'grids', 'councils', 'points'] as const;

/** Grants of a role may name every resource at once with this id. */
export const ALL_RESOURCES = '*';

/**
 * Standard fields every record has, as they appear in the API (camelCase) and in the table
 * (snake_case). Resource fields may not use these names.
 */
export const STANDARD_FIELDS = {
  id: { column: 'id', kind: 'text', sortable: true },
  orgCode: { column: null, kind: 'text', sortable: false },
  orgPath: { column: 'org_path', kind: 'text', sortable: true },
  version: { column: 'version', kind: 'integer', sortable: true },
  createdAt: { column: 'created_at', kind: 'text', sortable: true },
  createdBy: { column: 'created_by', kind: 'text', sortable: true },
  updatedAt: { column: 'updated_at', kind: 'text', sortable: true },
  updatedBy: { column: 'updated_by', kind: 'text', sortable: true },
  configVersion: { column: 'config_version', kind: 'text', sortable: false },
} as const satisfies Record<string, { column: string | null; kind: StorageKind; sortable: boolean }>;

export type StandardField = keyof typeof STANDARD_FIELDS;

export function isStandardField(name: string): name is StandardField {
  return Object.hasOwn(STANDARD_FIELDS, name);
}
