import type { PointsClaim, PointsClaimStatus, PointsCurrency, PointsPosting, PointsPostingKind, PointsPostingLine } from '@zhili/schemas';
import type { BilingualText } from '@zhili/schemas';
import type { Kysely } from 'kysely';
import { errors } from '../errors/engine-error.ts';
import type { PointsPeriod } from './types.ts';

export const ACCOUNTS_TABLE = 'zhili_points_accounts';
/** Postings and their lines: inserted, never updated or deleted (triggers refuse it). */
export const POSTINGS_TABLE = 'zhili_points_postings';
export const LINES_TABLE = 'zhili_points_lines';
/** Points moved per account, rule or item, and period: what caps and limits are checked against. */
export const USAGE_TABLE = 'zhili_points_usage';
export const STOCK_TABLE = 'zhili_points_stock';
export const CLAIMS_TABLE = 'zhili_points_claims';
/** The resource id audit rows of postings and claims carry. */
export const POSTINGS_AUDIT_RESOURCE = 'points_postings';
export const CLAIMS_AUDIT_RESOURCE = 'points_claims';

// Kysely<any>: the engine's tables have no static type map (see Database.kysely).
export type Handle = Kysely<any>;

/** What is counted: scheme points, or the time bank's coins. */
export type Currency = PointsCurrency;

/** What a posting does. */
export type PostingKind = PointsPostingKind;

/**
 * The system accounts of a scheme, the other side of every posting: `issued` pays awards,
 * `deducted` receives deductions, `redeemed` receives the points spent at the shop, `expired`
 * lapsed points; `time-issued` pays the time bank's coins, `time-spent` receives coins spent.
 */
export const SYSTEM_ACCOUNTS = { points: ['issued', 'deducted', 'redeemed', 'expired'], time: ['time-issued', 'time-spent'] } as const;
export type SystemAccount = (typeof SYSTEM_ACCOUNTS)[Currency][number];

export interface AccountRow {
  id: string;
  scheme_id: string;
  currency: Currency;
  kind: 'holder' | 'system';
  code: string | null;
  holder_id: string | null;
  org_path: string | null;
  building_id: string | null;
  balance: number | string;
  created_at: string;
}

export interface PostingRow {
  id: string;
  scheme_id: string;
  kind: PostingKind;
  currency: Currency;
  rule_code: string | null;
  item_code: string | null;
  service_code: string | null;
  quantity: number;
  amount: number | string;
  holder_id: string | null;
  org_path: string | null;
  reverses: string | null;
  claim_id: string | null;
  case_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  memo: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

export interface LineRow {
  posting_id: string;
  seq: number;
  account_id: string;
  amount: number | string;
  at: string;
}

export interface ClaimRow {
  id: string;
  scheme_id: string;
  rule_code: string;
  holder_id: string;
  org_path: string;
  quantity: number;
  memo: string | null;
  status: PointsClaimStatus;
  version: number;
  claimed_by: string;
  claimed_by_name: string;
  claimed_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  posting_id: string | null;
}

export type PostingLine = PointsPostingLine;
export type Posting = PointsPosting;
export type Claim = PointsClaim;

export function toPosting(row: PostingRow, lines: readonly (LineRow & Pick<AccountRow, 'holder_id' | 'code'>)[]): Posting {
  return {
    id: row.id,
    scheme: row.scheme_id,
    kind: row.kind,
    currency: row.currency,
    rule: row.rule_code,
    item: row.item_code,
    service: row.service_code,
    quantity: Number(row.quantity),
    amount: Number(row.amount),
    holder: row.holder_id,
    orgPath: row.org_path,
    reverses: row.reverses,
    claim: row.claim_id,
    case: row.case_id,
    memo: row.memo,
    actor: { id: row.actor_id, name: row.actor_name },
    at: row.at,
    lines: [...lines].sort((a, b) => Number(a.seq) - Number(b.seq)).map((l) => ({ account: l.account_id, holder: l.holder_id, system: l.code, amount: Number(l.amount) })),
  };
}

export function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    scheme: row.scheme_id,
    rule: row.rule_code,
    holder: row.holder_id,
    orgPath: row.org_path,
    quantity: Number(row.quantity),
    memo: row.memo,
    status: row.status,
    version: Number(row.version),
    claimedBy: { id: row.claimed_by, name: row.claimed_by_name },
    claimedAt: row.claimed_at,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, name: row.decided_by_name ?? '' },
    decidedAt: row.decided_at,
    comment: row.decision_comment,
    posting: row.posting_id,
  };
}

/** The postings with these ids, each with its lines, in the order given. */
export async function readPostings(db: Handle, ids: readonly string[]): Promise<Posting[]> {
  if (ids.length === 0) return [];
  const rows = (await db.selectFrom(POSTINGS_TABLE).selectAll().where('id', 'in', ids).execute()) as PostingRow[];
  const lines = (await db
    .selectFrom(`${LINES_TABLE} as l`)
    .innerJoin(`${ACCOUNTS_TABLE} as a`, 'a.id', 'l.account_id')
    .select(['l.posting_id', 'l.seq', 'l.account_id', 'l.amount', 'l.at', 'a.holder_id', 'a.code'])
    .where('l.posting_id', 'in', ids)
    .execute()) as (LineRow & Pick<AccountRow, 'holder_id' | 'code'>)[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toPosting(row, lines.filter((l) => l.posting_id === id))] : [];
  });
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week (year and number) of a China-time calendar date given as a UTC midnight. */
function isoWeek(day: Date): { year: number; week: number } {
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: 1 + Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) };
}

/** The label of the period (China time) an instant falls in: 2026-11-23, 2026-W48, 2026-11, 2026-Q4, 2026. */
export function periodKey(period: PointsPeriod, at: Date): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  switch (period) {
    case 'day':
      return local.toISOString().slice(0, 10);
    case 'week': {
      const { year: y, week } = isoWeek(new Date(Date.UTC(year, month - 1, local.getUTCDate())));
      return `${y}-W${pad(week)}`;
    }
    case 'month':
      return `${year}-${pad(month)}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
  }
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * The instants [from, to) of a period label of the given kind (China time), e.g. 2026-11 for a
 * month; a label of another shape is a 400 naming `param`.
 */
export function periodRange(period: Exclude<PointsPeriod, 'day'>, label: string, param = 'period'): { from: string; to: string } {
  const at = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS).toISOString();
  const fail = (example: string) => errors.validation({ [param]: [bi(`周期格式应为 ${example}`, `the period must look like ${example}`)] });
  switch (period) {
    case 'year': {
      if (!/^\d{4}$/.test(label)) throw fail('2026');
      const y = Number(label);
      return { from: at(y, 1), to: at(y + 1, 1) };
    }
    case 'quarter': {
      const match = /^(\d{4})-Q([1-4])$/.exec(label);
      if (!match) throw fail('2026-Q4');
      const y = Number(match[1]);
      const q = Number(match[2]);
      return { from: at(y, 3 * q - 2), to: q === 4 ? at(y + 1, 1) : at(y, 3 * q + 1) };
    }
    case 'month': {
      const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
      if (!match) throw fail('2026-11');
      const y = Number(match[1]);
      const m = Number(match[2]);
      return { from: at(y, m), to: m === 12 ? at(y + 1, 1) : at(y, m + 1) };
    }
    case 'week': {
      const match = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(label);
      if (!match) throw fail('2026-W48');
      const y = Number(match[1]);
      const jan4 = new Date(Date.UTC(y, 0, 4));
      const monday = Date.UTC(y, 0, 4) - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS;
      return { from: new Date(monday - CHINA_OFFSET_MS).toISOString(), to: new Date(monday + 7 * DAY_MS - CHINA_OFFSET_MS).toISOString() };
    }
  }
}
