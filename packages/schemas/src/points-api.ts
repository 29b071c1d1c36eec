// The bodies of the points API (/api/points/:scheme/…), shared by the engine and the admin.

/** What a ledger holds: points, or the time bank's coins. */
export type PointsCurrency = 'points' | 'time';
export type PointsPostingKind = 'award' | 'deduct' | 'redeem' | 'expire' | 'reverse' | 'time-earn' | 'time-spend' | 'time-donate';
export type PointsClaimStatus = 'pending' | 'approved' | 'rejected';

/** An account's balances as the API returns them. */
export interface PointsAccount {
  readonly scheme: string;
  readonly holder: string;
  readonly orgPath: string;
  readonly building: string | null;
  /** Points, and the time bank's coins. */
  readonly balance: number;
  readonly timeBalance: number;
}

/** A building's figures over a published period (楼栋积分). */
export interface PointsBuildingTotal {
  readonly building: string;
  /** Accounts of the building that hold points. */
  readonly accounts: number;
  /** Points awarded in the period, less those of its awards reversed since. */
  readonly earned: number;
  /** Points deducted in the period, less those of its deductions reversed since. */
  readonly deducted: number;
  /** Balances now, summed. */
  readonly balance: number;
}

/** One line of a posting as the API returns it: the account, whose it is, and the signed amount moved. */
export interface PointsPostingLine {
  readonly account: string;
  /** The holder's record id, or null for a system account. */
  readonly holder: string | null;
  /** The system account's code, or null for a holder's. */
  readonly system: string | null;
  readonly amount: number;
}

/** A posting (记账) as the API returns it. */
export interface PointsPosting {
  readonly id: string;
  readonly scheme: string;
  readonly kind: PointsPostingKind;
  readonly currency: PointsCurrency;
  readonly rule: string | null;
  readonly item: string | null;
  readonly service: string | null;
  readonly quantity: number;
  /** Points (or coins) moved, positive. */
  readonly amount: number;
  /** The holder the posting is about (the payer of a donation). */
  readonly holder: string | null;
  readonly orgPath: string | null;
  /** The posting this one reverses. */
  readonly reverses: string | null;
  readonly claim: string | null;
  readonly case: string | null;
  readonly memo: string | null;
  readonly actor: { readonly id: string; readonly name: string };
  readonly at: string;
  readonly lines: readonly PointsPostingLine[];
}

/** A claim (申报) as the API returns it. */
export interface PointsClaim {
  readonly id: string;
  readonly scheme: string;
  readonly rule: string;
  readonly holder: string;
  readonly orgPath: string;
  readonly quantity: number;
  readonly memo: string | null;
  readonly status: PointsClaimStatus;
  /** Concurrency token of the decision. */
  readonly version: number;
  readonly claimedBy: { readonly id: string; readonly name: string };
  readonly claimedAt: string;
  readonly decidedBy: { readonly id: string; readonly name: string } | null;
  readonly decidedAt: string | null;
  readonly comment: string | null;
  /** The posting an approval made. */
  readonly posting: string | null;
}

/** A page of a points list (accounts, postings, claims). */
export interface PointsPage<T> {
  readonly data: readonly T[];
  readonly total: number;
}

/** The stock of a shop item now (GET /api/points/:scheme/items); null: unlimited. Its texts and cost are in /api/meta. */
export interface PointsItemStock {
  readonly code: string;
  readonly inStock: number | null;
}

/** The building totals of a published period (GET /api/points/:scheme/buildings). */
export interface PointsBuildings {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly data: readonly PointsBuildingTotal[];
}
