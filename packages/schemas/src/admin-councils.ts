import type { MetaRecordSchema } from './admin-meta.ts';

/**
 * The council bodies and procedures as the admin sees them (/api/meta `councils`): texts in one
 * locale, and what the actor may do. Rosters, proposals and meetings come from /api/councils; a
 * proposal's stage actions and history from /api/cases/:caseId (its workflow is in `workflows`).
 */
export interface AdminCouncils {
  readonly bodies: readonly AdminCouncilBody[];
  readonly procedures: readonly AdminCouncilProcedure[];
  readonly permissions: AdminCouncilPermissions;
}

/** A kind of body, constituted at the units of its level (one roster per unit). */
export interface AdminCouncilBody {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  /** Id of the level whose units have the body. */
  readonly level: string;
  /** max null: no upper bound; min 0: an assembly (居民会议) with no roster, whose meetings record head counts. */
  readonly size: { readonly min: number; readonly max: number | null };
  readonly roles: readonly { readonly id: string; readonly title: string; readonly min: number; readonly max: number | null }[];
  /** E.g. 应当有妇女成员: at least min members, and at least share ("1/3") of them, with the attribute's value. */
  readonly requirements: readonly { readonly id: string; readonly title: string; readonly attribute: 'gender' | 'partyMember'; readonly value: string | boolean; readonly min: number; readonly share: string | null }[];
  /** Rules of kinds the package's plugins add (a broken one is reported as rule:<id>). */
  readonly rules: readonly { readonly id: string; readonly kind: string; readonly title: string }[];
  readonly selection: { readonly method: 'elected' | 'appointed' | 'per-building' | 'ex-officio'; readonly methodTitle: string; readonly by: string | null };
  readonly termYears: number | null;
  readonly eligibility: string | null;
  /** JSON Schema of one member for the roster form (name, gender, partyMember, position, building, userId); building is required with per-building selection. */
  readonly memberSchema: MetaRecordSchema;
}

/** A share rule: the ratio ("2/3"), strict (more than) or not (at least), and the rule in words. */
export interface AdminShareRule<B extends string> {
  readonly base: B;
  readonly ratio: string;
  readonly strict: boolean;
  /** E.g. 出席人数 ≥ 全体成员的 2/3. */
  readonly text: string;
}

export interface AdminCouncilProcedure {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  /** Id of the deciding body. */
  readonly body: string;
  readonly supervisor: string | null;
  readonly supervisionRoles: readonly string[];
  /** Id of the case workflow of its proposals (in /api/meta `workflows`). */
  readonly workflow: string;
  /** share: members who may put a proposal jointly ("1/5"), or null; roles: role ids whose holders may put one alone. */
  readonly proposers: { readonly share: string | null; readonly roles: readonly string[] };
  readonly quorum: AdminShareRule<'members' | 'adult-residents' | 'households'>;
  readonly pass: AdminShareRule<'present' | 'members'>;
  /** Whether members may withdraw (回避); withdrawn members count for the quorum, not in the pass base. */
  readonly recusal: boolean;
  readonly publicationDays: number;
  /** In order; each is a state of the workflow. deliberation: record the meeting (POST /api/councils/proposals/:id/meetings). */
  readonly stages: readonly {
    readonly id: string;
    readonly kind: 'proposal' | 'consultation' | 'deliberation' | 'publication' | 'implementation';
    readonly title: string;
    readonly description: string | null;
    readonly roles: readonly string[];
    readonly timeLimit: { readonly duration: string; readonly calendar: 'calendar' | 'working' } | null;
  }[];
}

/** What the actor may do with councils somewhere. */
export interface AdminCouncilPermissions {
  /** Read bodies, rosters and proposals (GET /api/councils/...). */
  readonly read: boolean;
  /** Change rosters, and record proposals put jointly by members. */
  readonly manageRosters: boolean;
  /** Ids of the procedures the actor may put a proposal under by a role held. */
  readonly propose: readonly string[];
  /** Ids of the procedures whose meetings the actor may record. */
  readonly record: readonly string[];
  /** Ids of the procedures the actor may record supervisory observations on. */
  readonly supervise: readonly string[];
}
