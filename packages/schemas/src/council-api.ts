// The bodies of the council API (/api/councils/…, /api/public/councils/…), shared by the engine and the admin.
// The engine holds the texts in both languages (T = BilingualText); the API answers in one (T = string).
import type { BilingualText } from './text.ts';

export type CouncilGender = 'female' | 'male';
export type CouncilVote = 'for' | 'against' | 'abstain';

export interface CouncilMember {
  readonly id: string;
  readonly name: string;
  readonly gender: CouncilGender;
  readonly partyMember: boolean;
  /** Id of the position (body role) held. */
  readonly position: string;
  readonly building: string | null;
  /** The member's user account, when they have one. */
  readonly userId: string | null;
}

/** A body at one unit: its members and the composition rules they break (none once saved). */
export interface CouncilRoster<T extends string | BilingualText = string> {
  readonly body: string;
  readonly orgCode: string;
  readonly orgName: string;
  /** 0 while the body has no roster at the unit; a save names it, a stale one is a 409. */
  readonly version: number;
  readonly termStart: string | null;
  /** termStart plus the body's term, or null. */
  readonly termEnd: string | null;
  readonly members: readonly CouncilMember[];
  readonly violations: readonly CouncilViolation<T>[];
}

/** A composition rule a roster breaks: which (size, position:<id>, requirement:<id> or building) and what it says with the figures. */
export interface CouncilViolation<T extends string | BilingualText = string> {
  readonly rule: string;
  readonly message: T;
}

/** One member's part in a meeting. */
export interface CouncilAttendance {
  readonly member: string;
  readonly name: string;
  readonly present: boolean;
  readonly recused: boolean;
  readonly vote: CouncilVote | null;
}

/** What a meeting recorded, as counts. */
export interface CouncilTally {
  /** Members of the body (the roster at the meeting). */
  readonly members: number;
  /** Those counted for the quorum: members for a body, adult residents or households for a residents' meeting. */
  readonly eligible: number;
  readonly present: number;
  /** Present members who withdrew (回避): they count for the quorum, but neither vote nor count in the pass base. */
  readonly recused: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

export type CouncilResult = 'adopted' | 'rejected' | 'no-quorum';

/** One comparison: count/base against the rule ("2/3", strict: more than), and whether it holds. */
export interface CouncilComparison {
  readonly count: number;
  readonly base: number;
  readonly ratio: string;
  readonly strict: boolean;
  readonly met: boolean;
}

/** The computed outcome of a meeting. */
export interface CouncilOutcome<T extends string | BilingualText = string> {
  readonly result: CouncilResult;
  readonly quorum: CouncilComparison;
  /** Null when there was no quorum (no vote is counted). */
  readonly pass: CouncilComparison | null;
  /** The arithmetic in words, e.g. 出席 21/30 ≥ 2/3；赞成 12/21 > 1/2 → 通过. */
  readonly explanation: T;
}

/** A meeting on a proposal (民主议定): who came and how they voted, and the outcome computed from it. */
export interface CouncilMeeting<T extends string | BilingualText = string> {
  readonly id: string;
  readonly heldAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly tally: CouncilTally;
  /** Per member for a body with a roster; empty for an assembly counted by heads. */
  readonly attendance: readonly CouncilAttendance[];
  readonly outcome: CouncilOutcome<T>;
}

/** A proposal (议案) and where its case stands. */
export interface CouncilProposal<T extends string | BilingualText = string> {
  readonly id: string;
  readonly procedure: string;
  readonly body: string;
  readonly orgCode: string;
  readonly orgName: string;
  readonly title: string;
  readonly content: string;
  /** Members who put it jointly (empty when a role holder put it alone). */
  readonly proposers: readonly { readonly id: string; readonly name: string }[];
  readonly proposedBy: string;
  readonly proposedAt: string;
  /** The case in the procedure's workflow: /api/cases/:caseId has its actions and history. */
  readonly caseId: string;
  readonly workflow: string;
  readonly stage: string;
  readonly caseVersion: number;
  readonly result: 'adopted' | 'rejected' | null;
  readonly publishedAt: string | null;
  /** End of the publication period (公示期). */
  readonly publicationUntil: string | null;
  readonly meetings: readonly CouncilMeeting<T>[];
}

/** A page of proposals (GET /api/councils/proposals). */
export interface CouncilProposalPage {
  readonly data: readonly CouncilProposal[];
  readonly total: number;
}

/** What the public endpoint shows of an adopted proposal during its publication period. */
export interface CouncilResolution<T extends string | BilingualText = string> {
  readonly id: string;
  readonly procedure: { readonly id: string; readonly title: T };
  readonly body: { readonly id: string; readonly title: T };
  readonly orgCode: string;
  readonly orgName: string;
  readonly title: string;
  readonly content: string;
  readonly heldAt: string;
  readonly outcome: CouncilOutcome<T>;
  readonly publishedAt: string;
  readonly publicationUntil: string;
}
