import type { ChecklistKind, ChecklistPermissions, ClaimantKind, Text } from '@zhili/schemas';

/** An item of a checklist version, as /api/checklists answers it. */
export interface ChecklistItem {
  readonly code: string;
  readonly title: Text;
  readonly status: 'active' | 'retired';
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly request?: string;
}

/** A version without its items (GET /api/checklists/:id/versions). */
export interface VersionSummary {
  readonly checklist: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  readonly basedOn: number | null;
  /** YYYY-MM-DD (China Standard Time); null for the draft. */
  readonly effectiveFrom: string | null;
  readonly inForce: boolean;
  readonly revision: number;
  readonly note: string | null;
  readonly publishedAt: string | null;
  readonly publishedBy: string | null;
  readonly updatedAt: string;
  readonly activeItems: number;
  readonly retiredItems: number;
}

/** A version with its items (GET /api/checklists/:id/versions/:ref). */
export type ChecklistVersion = Omit<VersionSummary, 'activeItems' | 'retiredItems'> & { readonly items: readonly ChecklistItem[] };

/** A checklist as GET /api/checklists lists it. */
export interface ChecklistSummary {
  readonly id: string;
  readonly title: Text;
  readonly kind: ChecklistKind;
  readonly owner: string;
  readonly public: boolean;
  readonly inForce: VersionSummary | null;
  readonly latest: VersionSummary | null;
  readonly draft: VersionSummary | null;
  readonly permissions: ChecklistPermissions;
}

/** What changed between two versions (GET /api/checklists/:id/diff). */
export interface ChecklistDiff {
  readonly from: number;
  readonly to: number;
  readonly added: readonly { readonly code: string; readonly title: Text; readonly position: number }[];
  readonly retired: readonly { readonly code: string; readonly title: Text }[];
  readonly changed: readonly {
    readonly code: string;
    readonly title: Text;
    readonly keys: readonly string[];
    readonly before: Readonly<Record<string, unknown>>;
    readonly after: Readonly<Record<string, unknown>>;
  }[];
  readonly moved: readonly { readonly code: string; readonly from: number; readonly to: number }[];
}

export type RequestStatus = 'pending' | 'approved' | 'rejected';

/** An admission request (准入申请), GET /api/admission-requests. */
export interface AdmissionRequest {
  readonly id: string;
  readonly checklist: string;
  readonly resource: string;
  readonly title: Text;
  readonly requestingDepartment: string;
  readonly justification: string;
  readonly fundingSource: string;
  readonly targetLevel: string;
  readonly deadline: string;
  readonly status: RequestStatus;
  readonly decisionDue: string;
  readonly overdue: boolean;
  readonly itemCode: string | null;
  readonly decisionNote: string | null;
  readonly version: number;
  /** The unit the request came from. */
  readonly orgCode: string;
  readonly submittedAt: string;
}

/** A public checklist in one locale (GET /api/public/checklists/:id). */
export interface PublicChecklist {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly kindTitle: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly note: string | null;
  readonly itemCount: number;
  readonly itemSchema: { readonly properties?: Readonly<Record<string, unknown>> };
  readonly items: readonly { readonly code: string; readonly title: string; readonly attributes: Readonly<Record<string, unknown>> }[];
}

/** An organisation's claim of a needs-list item at a unit (GET /api/checklists/:id/claims). */
export interface Claim {
  readonly id: string;
  readonly item: string;
  readonly orgCode: string;
  readonly claimant: { readonly name: string; readonly kind: ClaimantKind; readonly contact: string | null };
  readonly note: string | null;
  readonly status: 'claimed' | 'done' | 'withdrawn';
  readonly version: number;
  readonly claimedAt: string;
  readonly closedAt: string | null;
  readonly closingNote: string | null;
}

/** The claims of one unit of the claiming level (GET /api/checklists/:id/claims/summary). */
export interface UnitClaims {
  readonly orgCode: string;
  readonly orgName: string;
  readonly items: readonly { readonly code: string; readonly title: Text; readonly status: 'open' | 'claimed' | 'done'; readonly claims: readonly Claim[] }[];
  readonly counts: { readonly items: number; readonly open: number; readonly claimed: number; readonly done: number };
}
