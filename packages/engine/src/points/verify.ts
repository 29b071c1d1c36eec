import { sql } from 'kysely';
import type { CompiledModel } from '../model/types.ts';
import type { Database } from '../storage/database.ts';
import { ACCOUNTS_TABLE, LINES_TABLE, POSTINGS_TABLE, STOCK_TABLE } from './store.ts';

/** A broken invariant of the ledger: which check, on what (a posting, an account, a scheme's currency, an item), and the figures. */
export interface LedgerProblem {
  readonly check: 'posting-unbalanced' | 'posting-lines' | 'currency-unbalanced' | 'balance-drift' | 'negative-balance' | 'negative-stock';
  readonly subject: string;
  readonly detail: string;
}

/**
 * Checks the ledger's invariants without changing anything (`zhili points verify`): every posting
 * has two lines or more and its lines sum to zero; the accounts of each scheme and currency sum to
 * zero; every account's balance is the sum of its lines; no holder's account is below zero unless
 * its scheme allows deductions to take it there; no stock is below zero. An empty list when they hold.
 */
export async function verifyLedger(db: Database, model: CompiledModel): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const k = db.kysely;
  const unbalanced = (await k.selectFrom(LINES_TABLE).select(['posting_id', sql<number>`sum(amount)`.as('total'), sql<number>`count(*)`.as('n')]).groupBy('posting_id').execute()) as {
    posting_id: string;
    total: unknown;
    n: unknown;
  }[];
  for (const row of unbalanced) {
    if (Number(row.total) !== 0) problems.push({ check: 'posting-unbalanced', subject: row.posting_id, detail: `lines sum to ${Number(row.total)}` });
    if (Number(row.n) < 2) problems.push({ check: 'posting-lines', subject: row.posting_id, detail: `${Number(row.n)} line(s)` });
  }
  const lineless = (await k
    .selectFrom(`${POSTINGS_TABLE} as p`)
    .leftJoin(`${LINES_TABLE} as l`, 'l.posting_id', 'p.id')
    .select('p.id')
    .where('l.posting_id', 'is', null)
    .execute()) as { id: string }[];
  for (const row of lineless) problems.push({ check: 'posting-lines', subject: row.id, detail: 'no lines' });
  const currencies = (await k
    .selectFrom(`${LINES_TABLE} as l`)
    .innerJoin(`${ACCOUNTS_TABLE} as a`, 'a.id', 'l.account_id')
    .select(['a.scheme_id', 'a.currency', sql<number>`sum(l.amount)`.as('total')])
    .groupBy(['a.scheme_id', 'a.currency'])
    .execute()) as { scheme_id: string; currency: string; total: unknown }[];
  for (const row of currencies) {
    if (Number(row.total) !== 0) problems.push({ check: 'currency-unbalanced', subject: `${row.scheme_id}/${row.currency}`, detail: `accounts sum to ${Number(row.total)}` });
  }
  const drift = (await k
    .selectFrom(`${ACCOUNTS_TABLE} as a`)
    .leftJoin(`${LINES_TABLE} as l`, 'l.account_id', 'a.id')
    .select(['a.id', 'a.balance', 'a.kind', 'a.currency', 'a.scheme_id', sql<number>`coalesce(sum(l.amount), 0)`.as('total')])
    .groupBy(['a.id', 'a.balance', 'a.kind', 'a.currency', 'a.scheme_id'])
    .execute()) as { id: string; balance: unknown; kind: string; currency: string; scheme_id: string; total: unknown }[];
  for (const row of drift) {
    if (Number(row.balance) !== Number(row.total)) problems.push({ check: 'balance-drift', subject: row.id, detail: `balance ${Number(row.balance)}, lines ${Number(row.total)}` });
    const mayGoNegative = row.currency === 'points' && model.points[row.scheme_id]?.allowNegative === true;
    if (row.kind === 'holder' && Number(row.balance) < 0 && !mayGoNegative) problems.push({ check: 'negative-balance', subject: row.id, detail: `balance ${Number(row.balance)}` });
  }
  const stock = (await k.selectFrom(STOCK_TABLE).selectAll().where('stock', '<', 0).execute()) as { scheme_id: string; item_code: string; stock: unknown }[];
  for (const row of stock) problems.push({ check: 'negative-stock', subject: `${row.scheme_id}/${row.item_code}`, detail: `stock ${Number(row.stock)}` });
  return problems;
}
