import type { ChecklistKind, ClaimantKind } from './generated/checklist.ts';
import type { FilterOperator } from './generated/resource.ts';
import type { Locale } from './text.ts';
import type { AdminCouncils } from './admin-councils.ts';

/**
 * The body of GET /api/meta, shared by the engine that builds it and the admin that reads it, so
 * that the two cannot drift. Texts are resolved to one locale; nothing server-only goes out.
 */
export interface AdminMeta {
  readonly locale: Locale;
  readonly package: {
    readonly id: string;
    readonly title: string;
    readonly description: string | null;
    readonly version: string;
    /** The packages layered into this one, parents first. */
    readonly packages: readonly { readonly name: string; readonly id: string; readonly version: string }[];
  };
  readonly levels: readonly { readonly id: string; readonly title: string; readonly description: string | null; readonly depth: number }[];
  readonly modules: readonly { readonly id: string; readonly title: string; readonly order: number; readonly icon: string | null }[];
  /** The package's roles, to name them (a case's candidate handlers, say). */
  readonly roles: readonly { readonly id: string; readonly title: string; readonly description: string | null; readonly level: string | null }[];
  readonly resources: readonly AdminResource[];
  /** The package's checklists (their versions and items come from /api/checklists). */
  readonly checklists: readonly AdminChecklist[];
  /** The package's plugins, in their order: the admin enables the admin entries of these (by name). */
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  /** The package's case workflows: states and actions with their forms (cases come from /api/cases). */
  readonly workflows: readonly AdminWorkflow[];
  readonly actor: {
    readonly id: string;
    readonly username: string;
    readonly displayName: string;
    /** The roles the actor holds, each at an org unit. */
    readonly assignments: readonly { readonly role: string; readonly orgCode: string; readonly orgPath: string }[];
  };
  readonly permissions: Readonly<Record<string, ResourcePermissions>>;
  /** What the actor may do with each checklist, by id. */
  readonly checklistPermissions: Readonly<Record<string, ChecklistPermissions>>;
  /** The package's grid rules, or null when it has none. */
  readonly grids: AdminGrids | null;
  /** The package's points schemes (accounts, postings and claims come from /api/points/<scheme>/…); empty without schemes. */
  readonly points: readonly AdminPoints[];
  /** What the actor may do with each points scheme, by id. */
  readonly pointsPermissions: Readonly<Record<string, PointsPermissions>>;
  /** Council bodies and procedures (议事协商), with what the actor may do. */
  readonly councils: AdminCouncils;
  /** What the actor may do beyond records. */
  readonly capabilities: {
    /** Whether the actor may read the audit trail somewhere (GET /api/audit). */
    readonly readAudit: boolean;
    /** Whether the actor may read grid compliance somewhere (GET /api/grids/summary and /compliance). */
    readonly readGrids: boolean;
    /** Whether the actor may maintain grids somewhere (move households, split, merge, staff). */
    readonly maintainGrids: boolean;
  };
}

/** A points scheme (积分方案) as the admin sees it: texts in one locale. Numbers marked illustrative are not from the source. */
export interface AdminPoints {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  /** What a point is called, e.g. 积分. */
  readonly unit: string;
  /** The resource whose records hold accounts (e.g. households), and its field naming the building (or null). */
  readonly holder: { readonly resource: string; readonly buildingField: string | null };
  /** Who adopted the scheme (e.g. 社区居民代表大会), when, and the resolution's reference; null when not recorded. */
  readonly adoption: { readonly body: string | null; readonly date: string | null; readonly resolution: string | null } | null;
  /** Whether deductions may take an account below zero. */
  readonly allowNegative: boolean;
  readonly categories: readonly { readonly id: string; readonly title: string; readonly description: string | null }[];
  /** The positive list (points > 0) and the negative list (points < 0). */
  readonly rules: readonly {
    readonly code: string;
    readonly category: string;
    readonly title: string;
    readonly description: string | null;
    /** Points per unit, signed. */
    readonly points: number;
    readonly unit: 'event' | 'hour';
    /** Most units one posting or claim may name. */
    readonly maxQuantity: number;
    readonly caps: readonly { readonly period: PointsPeriod; readonly max: number }[];
    /** Roles that post the rule directly (POST /awards); empty when only claims or automatic awards post it. */
    readonly roles: readonly string[];
    readonly claim: { readonly roles: readonly string[]; readonly reviewers: readonly string[] } | null;
    /** Awarded automatically when a case of the workflow takes one of the transitions. */
    readonly auto: { readonly workflow: string; readonly transitions: readonly string[] } | null;
    /** How a plugin's rule kind counts the rule's points (e.g. 按时长分段计分), or null: points per unit. */
    readonly counting: string | null;
    readonly illustrative: boolean;
  }[];
  /** The redemption shop; stock now comes from GET /api/points/<scheme>/items. */
  readonly redemption: {
    readonly title: string;
    readonly roles: readonly string[];
    readonly items: readonly {
      readonly code: string;
      readonly title: string;
      readonly description: string | null;
      readonly cost: number;
      /** Whether the item has a stock (null in the config: unlimited). */
      readonly stocked: boolean;
      readonly limit: { readonly period: PointsPeriod; readonly max: number } | null;
      readonly illustrative: boolean;
    }[];
  } | null;
  readonly expiry: { readonly months: number } | null;
  readonly timeBank: {
    readonly title: string;
    readonly coin: string;
    readonly coinsPerHour: number;
    readonly maxHours: number;
    readonly roles: readonly string[];
    readonly services: readonly { readonly code: string; readonly title: string }[];
  } | null;
  /** The period building totals are published for (GET /api/points/<scheme>/buildings) and the leaderboard's length. */
  readonly publication: { readonly period: Exclude<PointsPeriod, 'day'>; readonly top: number } | null;
}

/** A calendar period (China time) of caps, limits and publication. */
export type PointsPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** What the actor may do with a points scheme somewhere in its jurisdiction. */
export interface PointsPermissions {
  /** Read accounts, postings, claims, the catalogue and building totals. */
  readonly read: boolean;
  /** Codes of the rules the actor may post directly (award or deduct). */
  readonly post: readonly string[];
  /** Codes of the rules the actor may claim. */
  readonly claim: readonly string[];
  /** Codes of the rules whose claims the actor may review. */
  readonly review: readonly string[];
  /** Record redemptions and restock the shop. */
  readonly redeem: boolean;
  /** Record time bank entries. */
  readonly timeBank: boolean;
  /** Reverse postings and run expiry. */
  readonly reverse: boolean;
}

/** The grid rules as the admin sees them: texts in one locale. */
export interface AdminGrids {
  readonly title: string;
  readonly description: string | null;
  /** Id of the level whose units are the grids. */
  readonly level: string;
  /** Ids of the resources that hold the grids' households, staff and visits. */
  readonly households: string;
  readonly staff: string;
  readonly visits: string;
  /** The staff resource's field holding a person's role in the grid team (its choices name the roles). */
  readonly staffRoleField: string;
  readonly rules: readonly { readonly id: string; readonly kind: string; readonly title: string; readonly hard: boolean }[];
}

/** A checklist as the admin sees it: texts in one locale. */
export interface AdminChecklist {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly kind: ChecklistKind;
  /** Name of the kind, e.g. 依法履职事项. */
  readonly kindTitle: string;
  /** Id of the level of the authority that edits and publishes it. */
  readonly owner: string;
  readonly public: boolean;
  /** The schema of an item's attributes, texts resolved. */
  readonly itemSchema: MetaRecordSchema;
  readonly itemUiSchema: unknown;
  /** Admission control, when the checklist has it: the resources it admits and who decides requests. */
  readonly admission: {
    readonly resources: readonly string[];
    readonly approverLevel: string;
    readonly decisionDays: number;
    readonly targetLevels: readonly string[];
    readonly assessment: string | null;
  } | null;
  /** Claiming (社会认领), when organisations claim the list's items at units of a level. */
  readonly claiming: {
    /** Id of the level whose units items are claimed at (e.g. community). */
    readonly level: string;
    /** The sorts of organisation that may claim, each with its name. */
    readonly claimantKinds: readonly { readonly id: ClaimantKind; readonly title: string }[];
    /** Whether several organisations may hold one item at one unit. */
    readonly multiple: boolean;
  } | null;
}

/** A case workflow as the admin sees it: texts and forms in one locale. */
export interface AdminWorkflow {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  /** Id of the resource whose records the cases are about. */
  readonly resource: string;
  /** Id of the state a case opens in. */
  readonly initial: string;
  /** Ids of the roles that may open a case. */
  readonly openRoles: readonly string[];
  /** The states in board order (the columns of a case board). */
  readonly states: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string | null;
    readonly final: boolean;
    /** The time limit (ISO 8601 duration, calendar or working days), or null. */
    readonly timeLimit: { readonly duration: string; readonly calendar: 'calendar' | 'working' } | null;
    /** What happens when the limit passes: escalate, notify, or the action taken automatically. */
    readonly onExpiry: { readonly action: 'escalate' | 'notify' | 'transition'; readonly transition: string | null } | null;
  }[];
  /** The actions: from which states to which, who may take them, and their forms. */
  readonly transitions: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string | null;
    readonly from: readonly string[];
    readonly to: string;
    /** Title of the state it leads to. */
    readonly toTitle: string;
    readonly roles: readonly string[];
    readonly jurisdiction: { readonly unit: 'case' | 'above' | 'case-or-above' | 'case-or-below' | 'branch'; readonly level: string | null };
    /** The form of the data the action takes (texts resolved), or null when it takes none. */
    readonly form: MetaRecordSchema | null;
    readonly uiSchema: unknown;
    readonly comment: 'none' | 'optional' | 'required';
    readonly attachmentRequired: boolean;
    /** Whether the action names the next handler. */
    readonly assign: boolean;
  }[];
  /** The satisfaction score: which action's form carries it, in which field, its range. */
  readonly evaluation: { readonly transition: string; readonly field: string; readonly min: number; readonly max: number } | null;
}

/** What the actor may do with a checklist: the server enforces it; the admin hides what would fail. */
export interface ChecklistPermissions {
  /** See drafts (and the checklist at all when it is not public). */
  readonly readDrafts: boolean;
  /** Create, edit and discard the draft (a grant at the owner level or above). */
  readonly edit: boolean;
  /** Publish the draft (a grant at the owner level or above). */
  readonly publish: boolean;
  /** Submit admission requests for the checklist (it has admission control and the actor a create grant on admission_requests). */
  readonly submitRequests: boolean;
  /** Approve or reject its admission requests (an approve grant at the approver level or above). */
  readonly decideRequests: boolean;
  /** See who claimed its items where (it has claiming and the actor a read grant on checklist_claims). */
  readonly readClaims: boolean;
  /** Record an organisation's claim (a create grant on checklist_claims). */
  readonly claim: boolean;
  /** Mark a claim done or withdraw it (an update grant on checklist_claims). */
  readonly closeClaims: boolean;
}

/**
 * What the actor may do with a resource somewhere in the tree: true when it holds any grant for
 * the action. Where exactly is for the server to enforce; the admin uses these to hide what
 * cannot succeed anywhere.
 */
export interface ResourcePermissions {
  readonly read: boolean;
  readonly create: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  /** Whether personal data can come back unmasked anywhere. */
  readonly piiRead: boolean;
}

/** A resource as the admin sees it: texts in one locale, no server internals. */
export interface AdminResource {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly module: string | null;
  /** Id of the jurisdiction level records attach to (their orgCode is a unit of it). */
  readonly level: string;
  readonly titleField: string | null;
  /** The record schema (the resource's own fields), texts resolved. */
  readonly schema: MetaRecordSchema;
  readonly uiSchema: unknown;
  readonly list: {
    readonly columns: readonly { readonly field: string; readonly title: string; readonly width: number | null; readonly sortable: boolean }[];
    readonly filters: readonly { readonly field: string; readonly title: string; readonly operators: readonly FilterOperator[] }[];
    readonly defaultSort: readonly { readonly field: string; readonly order: 'asc' | 'desc' }[];
    readonly pageSize: number;
  };
  /** Names of the fields holding personal information. */
  readonly pii: readonly string[];
}

/** A record schema in /api/meta: the authored schema with its texts resolved to strings. */
export interface MetaRecordSchema {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, MetaFieldSchema>>;
}

/** A field schema in /api/meta, with the keys the admin reads (texts resolved). */
export interface MetaFieldSchema {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly title?: string;
  readonly description?: string;
  readonly oneOf?: readonly { readonly const?: unknown; readonly title?: string }[];
  readonly enum?: readonly unknown[];
  readonly items?: MetaFieldSchema;
  readonly maxLength?: number;
  readonly 'x-ref'?: string;
  readonly 'x-unit'?: string;
}

/** An org unit as GET /api/org/units answers it, for the admin's navigator and org pickers. */
export interface OrgUnitView {
  readonly code: string;
  readonly name: string;
  /** Id of the unit's jurisdiction level. */
  readonly level: string;
  /** Title of the level in the request's locale. */
  readonly levelTitle: string;
  readonly kind: string | null;
  /** Whether the unit has children visible to the actor. */
  readonly hasChildren: boolean;
}

/** One unit with its ancestors, root first (for breadcrumbs and for opening the tree down to it). */
export interface OrgUnitDetail extends OrgUnitView {
  readonly ancestors: readonly OrgUnitView[];
}

/** What an audit row records: record writes and reads, sign-ins, checklist publication, admission decisions and grid maintenance. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'pii-read',
  'login',
  'logout',
  'login-failed',
  'publish',
  'approve',
  'reject',
  'grid-move',
  'grid-split',
  'grid-merge',
  'grid-staff-assign',
  'grid-staff-remove',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
