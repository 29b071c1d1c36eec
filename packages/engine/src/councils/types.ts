import type { Text } from '@zhili/schemas';
import type { CompiledTimeLimit } from '../model/types.ts';
import type { PassBase, QuorumBase, Ratio } from './arithmetic.ts';

/** The council bodies and procedures of the package (councils/*.yaml), merged across every set. */
export interface CompiledCouncils {
  /** Bodies by id, in declaration order (parents first). */
  readonly bodies: Readonly<Record<string, CompiledCouncilBody>>;
  /** Procedures by id, in declaration order (parents first). */
  readonly procedures: Readonly<Record<string, CompiledProcedure>>;
}

export type SelectionMethod = 'elected' | 'appointed' | 'per-building' | 'ex-officio';
export type MemberAttribute = 'gender' | 'partyMember';
export type StageKind = 'proposal' | 'consultation' | 'deliberation' | 'publication' | 'implementation';

/** A kind of body (议事机构), constituted at the units of one level, each with its roster. */
export interface CompiledCouncilBody {
  readonly id: string;
  /** Id of the council set (file) that declares it. */
  readonly set: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly level: string;
  readonly size: { readonly min: number; readonly max: number | null };
  readonly roles: readonly { readonly id: string; readonly title: Text; readonly min: number; readonly max: number | null }[];
  /** At least min members, and at least share of the members, whose attribute has the value. */
  readonly requirements: readonly {
    readonly id: string;
    readonly title: Text;
    readonly attribute: MemberAttribute;
    readonly value: string | boolean;
    readonly min: number;
    readonly share: Ratio | null;
  }[];
  /** Composition rules of kinds plugins add: the kind, the title (the kind's when null) and the options. */
  readonly rules: readonly { readonly id: string; readonly kind: string; readonly title: Text | null; readonly options: Readonly<Record<string, unknown>> }[];
  readonly selection: { readonly method: SelectionMethod; readonly by: string | null };
  readonly termYears: number | null;
  readonly eligibility: Text | null;
  readonly sourceFile: string;
}

export interface CompiledStage {
  readonly id: string;
  readonly kind: StageKind;
  readonly title: Text;
  readonly description: Text | null;
  readonly roles: readonly string[];
  readonly timeLimit: CompiledTimeLimit | null;
}

/** A procedure (议事规则): who decides, how a proposal is put, quorum and pass rules, publication, stages. */
export interface CompiledProcedure {
  readonly id: string;
  readonly set: string;
  readonly title: Text;
  readonly description: Text | null;
  /** Id of the body that decides. */
  readonly body: string;
  /** Id of the supervising body, or null. */
  readonly supervisor: string | null;
  readonly supervisionRoles: readonly string[];
  readonly proposers: { readonly share: Ratio | null; readonly roles: readonly string[] };
  readonly quorum: { readonly base: QuorumBase; readonly ratio: Ratio; readonly strict: boolean };
  readonly pass: { readonly base: PassBase; readonly ratio: Ratio; readonly strict: boolean };
  readonly recusal: boolean;
  readonly publicationDays: number;
  readonly stages: readonly CompiledStage[];
  /** Id of the case workflow the proposals run as (council-<id>), in the model's workflows. */
  readonly workflow: string;
  readonly sourceFile: string;
}

/** Final states every procedure's workflow has beside its stages. */
export const COMPLETED_STATE = 'completed';
export const REJECTED_STATE = 'rejected';
/** Transitions the engine takes: the vote adopted or rejected the proposal; the publication period ended. */
export const ADOPT_ACTION = 'adopt';
export const REJECT_ACTION = 'reject';
/** The meeting had no quorum: the proposal stays in deliberation, and the history says so. */
export const NO_QUORUM_ACTION = 'no-quorum';
export const PUBLICATION_ENDED_ACTION = 'publication-ended';
export const COMPLETE_ACTION = 'complete';

export function procedureWorkflowId(procedure: string): string {
  return `council-${procedure}`;
}
