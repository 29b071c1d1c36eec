import { createHash } from 'node:crypto';
import { resolveText } from '@zhili/schemas';
import type { BilingualText, PointsAccount, PointsBuildingTotal, Text } from '@zhili/schemas';
import { sql } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { allows, grantsFor } from '../actor/actor.ts';
import { canonicalJson } from '../audit/chain.ts';
import type { AuditLog } from '../audit/log.ts';
import { asObject, Problems } from '../checklists/items.ts';
import { isUniqueViolation } from '../checklists/store.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledModel, CompiledResource } from '../model/types.ts';
import type { OrgService } from '../org/service.ts';
import { grantsPredicate, subtreePredicate } from '../resources/sql.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { mayAct } from '../workflows/access.ts';
import type { TransitionEvent } from '../workflows/service.ts';
import { NO_POINTS_RULE_KINDS, type PointsRuleKinds } from './rule-kinds.ts';
import {
  type AccountRow,
  ACCOUNTS_TABLE,
  type Claim,
  type ClaimRow,
  CLAIMS_AUDIT_RESOURCE,
  CLAIMS_TABLE,
  type Currency,
  type Handle,
  LINES_TABLE,
  type Posting,
  POSTINGS_AUDIT_RESOURCE,
  POSTINGS_TABLE,
  type PostingKind,
  type PostingRow,
  periodKey,
  periodRange,
  readPostings,
  STOCK_TABLE,
  SYSTEM_ACCOUNTS,
  type SystemAccount,
  toClaim,
  toPosting,
  USAGE_TABLE,
} from './store.ts';
import { type LedgerProblem, verifyLedger } from './verify.ts';
import type { CompiledPointsItem, CompiledPointsRule, CompiledPointsScheme, PointsPeriod } from './types.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const MAX_MEMO = 500;
const MAX_KEY = 200;
/** Where a role must be held to act on an account: at the holder's unit or above it. */
const AT_OR_ABOVE = { unit: 'case-or-above', level: null } as const;

export type { LedgerProblem } from './verify.ts';

/** The request context of a ledger call: the actor, and the idempotency key of a retried request. */
export interface PointsContext {
  readonly actor: Actor;
  /** Same key and same body: the original posting is returned; same key and another body: 409. */
  readonly idempotencyKey?: string;
}

export type Account = PointsAccount;
export type BuildingTotal = PointsBuildingTotal;

/**
 * Points schemes (积分): an append-only double-entry ledger. Every award, deduction, redemption,
 * expiry, reversal and time-bank entry is one posting whose lines move points between accounts —
 * holders' and the scheme's system accounts — and sum to zero. Caps, limits, stock and balances are
 * checked by guarded updates in the posting's transaction, so that concurrent requests (of one
 * engine or several on one database) never overspend, oversell or exceed a cap. A request with an
 * idempotency key posts once however often it is retried.
 */
export interface PointsService {
  /** Creates the system accounts and the shop's stock rows a scheme needs (idempotent; createEngine calls it). */
  install(): Promise<void>;
  accounts(ctx: PointsContext, scheme: string, query: { readonly org?: string; readonly building?: string; readonly page: number; readonly pageSize: number }): Promise<{ data: Account[]; total: number }>;
  account(ctx: PointsContext, scheme: string, holder: string): Promise<Account>;
  /** A holder's postings, newest first. */
  postings(ctx: PointsContext, scheme: string, holder: string, query: { readonly page: number; readonly pageSize: number }): Promise<{ data: Posting[]; total: number }>;
  posting(ctx: PointsContext, scheme: string, id: string): Promise<Posting>;
  /** The scheme's postings of some kinds (redemptions: the shop's orders; time-bank exchanges) within what the actor may read, at `org` or below, newest first. */
  ledger(ctx: PointsContext, scheme: string, query: { readonly kinds: readonly PostingKind[]; readonly org?: string; readonly page: number; readonly pageSize: number }): Promise<{ data: Posting[]; total: number }>;
  /** { holder, rule, quantity?, memo? }: posts a rule directly (an award, or a deduction for a negative rule). */
  award(ctx: PointsContext, scheme: string, input: unknown): Promise<Posting>;
  /** { holder, rule, quantity?, memo? }: files a claim of a positive rule for review. */
  claim(ctx: PointsContext, scheme: string, input: unknown): Promise<Claim>;
  claims(ctx: PointsContext, scheme: string, query: { readonly status?: Claim['status']; readonly page: number; readonly pageSize: number }): Promise<{ data: Claim[]; total: number }>;
  /** { approve, version, comment? }: approves (posts the rule) or rejects a pending claim. */
  decide(ctx: PointsContext, scheme: string, id: string, input: unknown): Promise<Claim>;
  /** { holder, item, quantity?, memo? }: debits the account and takes the items from stock, in one transaction. */
  redeem(ctx: PointsContext, scheme: string, input: unknown): Promise<Posting>;
  /** The catalogue with the stock now. */
  items(ctx: PointsContext, scheme: string): Promise<(CompiledPointsItem & { readonly inStock: number | null })[]>;
  /** { quantity }: adds items to the stock. */
  restock(ctx: PointsContext, scheme: string, item: string, input: unknown): Promise<{ item: string; inStock: number }>;
  /** { reason }: posts the opposite of a posting; a posting is reversed once. */
  reverse(ctx: PointsContext, scheme: string, id: string, input: unknown): Promise<Posting>;
  /** Time bank: { holder, service, hours, memo? } earns coins; { holder, hours, memo? } spends them; { holder, to, hours, memo? } donates them. */
  timeEarn(ctx: PointsContext, scheme: string, input: unknown): Promise<Posting>;
  timeSpend(ctx: PointsContext, scheme: string, input: unknown): Promise<Posting>;
  timeDonate(ctx: PointsContext, scheme: string, input: unknown): Promise<Posting>;
  /** Lapses the points earned more than `expiry.months` ago and not spent since (oldest first), for the accounts the actor may approve on. */
  expire(ctx: PointsContext, scheme: string, now?: Date): Promise<{ readonly accounts: number; readonly points: number }>;
  /** Building totals of a period (default: the current one), best first, within what the actor may read. */
  buildings(ctx: PointsContext, scheme: string, query: { readonly period?: string; readonly org?: string }): Promise<{ period: string; from: string; to: string; data: BuildingTotal[] }>;
  /** Inside a workflow transition's transaction: posts the rules awarded automatically by it. */
  onTransition(trx: Handle, event: TransitionEvent): Promise<void>;
  /** Checks the ledger's invariants; an empty list when they hold. */
  verify(): Promise<LedgerProblem[]>;
}

/** A posting about to be written, as a before-posting listener sees it. */
export interface PostingRequest {
  readonly actor: Actor;
  readonly scheme: string;
  readonly kind: PostingKind;
  readonly rule: string | null;
  readonly item: string | null;
  /** The holder the posting is about. */
  readonly holder: string | null;
  readonly quantity: number;
  /** Points (or coins) it would move. */
  readonly amount: number;
}

export interface PointsServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** The kinds that count the points of rules naming one (the package's plugins'). @default none */
  readonly ruleKinds?: PointsRuleKinds;
  /** Asked, in its transaction before anything is written, whether a posting requested by a user or a job (not an expiry) may go ahead: a throw refuses it. */
  readonly beforePosting?: (trx: Handle, event: PostingRequest) => Promise<void>;
  /** Told of every posting written, in its transaction, after its lines and balances (e.g. to run plugins' posting hooks once it commits). */
  readonly onPosting?: (trx: Handle, event: { readonly actor: Actor; readonly posting: Posting }) => void;
}

/** A line to post: the account, the signed amount, and whether the account may not go below zero by it. */
interface LineSpec {
  readonly account: AccountRow;
  readonly amount: number;
  readonly floor: boolean;
}

/** A counter a posting raises, refused past its maximum: a rule's cap or an item's limit per account and period. */
interface UsageSpec {
  readonly account: string;
  readonly kind: 'rule' | 'item';
  readonly code: string;
  readonly period: PointsPeriod;
  readonly add: number;
  readonly max: number;
}

interface PostingSpec {
  readonly scheme: CompiledPointsScheme;
  readonly kind: PostingKind;
  readonly currency: Currency;
  readonly rule?: string;
  readonly item?: string;
  readonly service?: string;
  readonly quantity: number;
  readonly amount: number;
  readonly holder: AccountRow | null;
  readonly reverses?: string;
  readonly claim?: string;
  readonly caseId?: string;
  readonly key?: { readonly key: string; readonly hash: string };
  readonly memo: string | null;
  readonly actor: Actor;
  readonly at: Date;
  readonly lines: readonly LineSpec[];
  readonly usage?: readonly UsageSpec[];
  /** Items taken from stock. */
  readonly stock?: { readonly item: string; readonly take: number };
}

const ruleViolated = (text: BilingualText) => new EngineError('RULE_VIOLATED', text);

export function createPointsService(options: PointsServiceOptions): PointsService {
  const { db, model, org, audit } = options;
  const clock = options.now ?? (() => new Date());
  const ruleKinds = options.ruleKinds ?? NO_POINTS_RULE_KINDS;
  const text = (value: Text) => ({ zh: resolveText(value, 'zh-CN'), en: resolveText(value, 'en') });

  const schemeOf = (id: string): CompiledPointsScheme => {
    const scheme = Object.hasOwn(model.points, id) ? model.points[id] : undefined;
    if (!scheme) throw errors.notFound(bi(`没有名为“${id}”的积分方案`, `There is no points scheme "${id}"`));
    return scheme;
  };
  const holderResource = (scheme: CompiledPointsScheme): CompiledResource => {
    const resource = model.resources[scheme.holder.resource];
    if (!resource) throw new Error(`points scheme ${scheme.id} names resource ${scheme.holder.resource}, which the model lacks`);
    return resource;
  };

  // ---- accounts ----------------------------------------------------------------------------

  /** System accounts by scheme, currency and code: their ids never change, and their balances are never read from here. */
  const systemAccounts = new Map<string, AccountRow>();
  const systemAccount = async (trx: Handle, scheme: string, currency: Currency, code: SystemAccount): Promise<AccountRow> => {
    const cacheKey = `${scheme}/${currency}/${code}`;
    const cached = systemAccounts.get(cacheKey);
    if (cached) return cached;
    const found = await readSystemAccount(trx, scheme, currency, code);
    if (found) systemAccounts.set(cacheKey, found);
    return found ?? createSystemAccount(trx, scheme, currency, code);
  };
  const readSystemAccount = async (trx: Handle, scheme: string, currency: Currency, code: SystemAccount): Promise<AccountRow | undefined> =>
    (await trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme).where('currency', '=', currency).where('code', '=', code).executeTakeFirst()) as AccountRow | undefined;
  const createSystemAccount = async (trx: Handle, scheme: string, currency: Currency, code: SystemAccount): Promise<AccountRow> => {
    const row = (await trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme).where('currency', '=', currency).where('code', '=', code).executeTakeFirst()) as
      | AccountRow
      | undefined;
    if (row) return row;
    await trx
      .insertInto(ACCOUNTS_TABLE)
      .values({ id: uuidv7(), scheme_id: scheme, currency, kind: 'system', code, holder_id: null, org_path: null, building_id: null, balance: 0, created_at: clock().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme).where('currency', '=', currency).where('code', '=', code).executeTakeFirstOrThrow()) as AccountRow;
  };

  /** The holder record's unit and building; a 400 on `field` when there is no such record. */
  const holderRecord = async (trx: Handle, scheme: CompiledPointsScheme, holder: unknown, field = 'holder'): Promise<{ id: string; org_path: string; building: string | null }> => {
    const resource = holderResource(scheme);
    const missing = () => errors.validation({ [field]: [bi(`${text(resource.title).zh}中没有编号为 ${String(holder)} 的记录`, `${text(resource.title).en} has no record ${String(holder)}`)] });
    if (typeof holder !== 'string' || !isUuid(holder)) throw missing();
    const building = scheme.holder.buildingField;
    const columns = building ? ['id', 'org_path', `${building} as building`] : ['id', 'org_path'];
    const row = (await trx.selectFrom(resource.table).select(columns).where('id', '=', holder).executeTakeFirst()) as { id: string; org_path: string; building?: string | null } | undefined;
    if (!row) throw missing();
    return { id: row.id, org_path: row.org_path, building: row.building ?? null };
  };

  const holderAccount = async (trx: Handle, scheme: CompiledPointsScheme, currency: Currency, record: { id: string; org_path: string; building: string | null }): Promise<AccountRow> => {
    const find = () => trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme.id).where('currency', '=', currency).where('holder_id', '=', record.id).executeTakeFirst();
    const found = (await find()) as AccountRow | undefined;
    if (found) return found;
    await trx
      .insertInto(ACCOUNTS_TABLE)
      .values({
        id: uuidv7(),
        scheme_id: scheme.id,
        currency,
        kind: 'holder',
        code: null,
        holder_id: record.id,
        org_path: record.org_path,
        building_id: record.building,
        balance: 0,
        created_at: clock().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await find()) as AccountRow;
  };

  // ---- access -------------------------------------------------------------------------------

  const forbidden = (what: BilingualText) => errors.forbidden(bi(`无权${what['zh-CN']}`, `You may not ${what.en}`));
  /** The actor holds `action` on points at the holder's unit and one of `roles` at it or above. */
  const requireAct = (actor: Actor, { roles, action, path, what }: { roles: readonly string[] | null; action: 'create' | 'approve'; path: string; what: BilingualText }) => {
    if (!allows(actor, 'points', action, path)) throw forbidden(what);
    if (roles !== null && !mayAct({ actor, roles, jurisdiction: AT_OR_ABOVE, casePath: path, org })) throw forbidden(what);
  };
  const requireRead = (actor: Actor, path: string) => {
    if (!allows(actor, 'points', 'read', path)) throw errors.notFound(bi('没有这个积分账户', 'There is no such points account'));
  };

  // ---- input ----------------------------------------------------------------------------------

  const memoOf = (body: Record<string, unknown>, problems: Problems): string | null => {
    const memo = body['memo'] ?? null;
    if (memo !== null && (typeof memo !== 'string' || memo.length > MAX_MEMO)) problems.add('memo', bi(`备注必须是不超过 ${MAX_MEMO} 字的文本`, `the memo must be text of at most ${MAX_MEMO} characters`));
    return typeof memo === 'string' && memo.trim() !== '' ? memo.trim() : null;
  };
  const positiveInt = (body: Record<string, unknown>, key: string, { max, fallback, problems }: { max: number; fallback?: number; problems: Problems }): number => {
    const value = body[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
      problems.add(key, bi(`必须是 1 至 ${max} 的整数`, `must be an integer from 1 to ${max}`));
      return 1;
    }
    return value;
  };
  const onlyKeys = (body: Record<string, unknown>, keys: readonly string[], problems: Problems) => {
    for (const key of Object.keys(body)) if (!keys.includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
  };
  const ruleOf = (scheme: CompiledPointsScheme, code: unknown, problems: Problems): CompiledPointsRule | undefined => {
    const rule = scheme.rules.find((r) => r.code === code);
    if (!rule) problems.add('rule', bi(`积分方案没有规则 ${String(code)}`, `the scheme has no rule ${String(code)}`));
    return rule;
  };

  // ---- posting --------------------------------------------------------------------------------

  const requestHash = (op: string, scheme: string, body: unknown) => createHash('sha256').update(canonicalJson({ op, scheme, body })).digest('hex');

  const keyOf = (ctx: PointsContext, op: string, scheme: string, body: unknown): { key: string; hash: string } | undefined => {
    const key = ctx.idempotencyKey;
    if (key === undefined) return undefined;
    if (key === '' || key.length > MAX_KEY) throw errors.badRequest(bi(`Idempotency-Key 必须是 1 至 ${MAX_KEY} 个字符`, `Idempotency-Key must be 1 to ${MAX_KEY} characters`));
    return { key, hash: requestHash(op, scheme, body) };
  };

  /** The posting made under a key before: the same request gets it back; another request under the key is a 409. */
  const replay = async (scheme: string, key: { key: string; hash: string }): Promise<Posting | undefined> => {
    const row = (await db.kysely.selectFrom(POSTINGS_TABLE).select(['id', 'request_hash']).where('scheme_id', '=', scheme).where('idempotency_key', '=', key.key).executeTakeFirst()) as
      | Pick<PostingRow, 'id' | 'request_hash'>
      | undefined;
    if (!row) return undefined;
    if (row.request_hash !== key.hash) {
      throw errors.conflict(bi('该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request'));
    }
    const [posting] = await readPostings(db.kysely, [row.id]);
    return posting;
  };

  /** Runs a posting request once per idempotency key: a retry gets the original posting, even when two arrive at once. */
  const once = async (key: { key: string; hash: string } | undefined, scheme: string, work: (trx: Handle) => Promise<Posting>): Promise<Posting> => {
    if (key) {
      const earlier = await replay(scheme, key);
      if (earlier) return earlier;
    }
    try {
      return await writeTransaction(db, work);
    } catch (error) {
      if (key && isUniqueViolation(error)) {
        const earlier = await replay(scheme, key);
        if (earlier) return earlier;
      }
      throw error;
    }
  };

  const capText = (period: PointsPeriod) =>
    ({ day: bi('每日', 'per day'), week: bi('每周', 'per week'), month: bi('每月', 'per month'), quarter: bi('每季度', 'per quarter'), year: bi('每年', 'per year') })[period];

  /** Asks the before-posting listener, for a posting other than an expiry. */
  const askBefore = async (trx: Handle, spec: PostingSpec): Promise<void> => {
    if (!options.beforePosting || spec.kind === 'expire') return;
    await options.beforePosting(trx, {
      actor: spec.actor,
      scheme: spec.scheme.id,
      kind: spec.kind,
      rule: spec.rule ?? null,
      item: spec.item ?? null,
      holder: spec.holder?.holder_id ?? null,
      quantity: spec.quantity,
      amount: spec.amount,
    });
  };

  /** Writes a posting: counters and stock first (guarded), then the posting, its lines and the balances (guarded), then the audit row. */
  const post = async (trx: Handle, spec: PostingSpec): Promise<Posting> => {
    await askBefore(trx, spec);
    const iso = spec.at.toISOString();
    for (const usage of spec.usage ?? []) {
      const period = periodKey(usage.period, spec.at);
      await trx
        .insertInto(USAGE_TABLE)
        .values({ account_id: usage.account, kind: usage.kind, code: usage.code, period, used: 0 })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const result = await trx
        .updateTable(USAGE_TABLE)
        .set({ used: sql`used + ${usage.add}` })
        .where('account_id', '=', usage.account)
        .where('kind', '=', usage.kind)
        .where('code', '=', usage.code)
        .where('period', '=', period)
        .where(sql<boolean>`used + ${usage.add} <= ${usage.max}`)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const p = capText(usage.period);
        throw usage.kind === 'rule'
          ? ruleViolated(bi(`超过规则 ${usage.code} ${p['zh-CN']}上限 ${usage.max} 分（${period}）`, `Rule ${usage.code} is capped at ${usage.max} points ${p.en} (${period})`))
          : ruleViolated(bi(`超过物品 ${usage.code} ${p['zh-CN']}限兑 ${usage.max} 件（${period}）`, `Item ${usage.code} is limited to ${usage.max} ${p.en} (${period})`));
      }
    }
    if (spec.stock) {
      const result = await trx
        .updateTable(STOCK_TABLE)
        .set({ stock: sql`stock - ${spec.stock.take}` })
        .where('scheme_id', '=', spec.scheme.id)
        .where('item_code', '=', spec.stock.item)
        .where('stock', '>=', spec.stock.take)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw ruleViolated(bi(`物品 ${spec.stock.item} 库存不足`, `Item ${spec.stock.item} is out of stock`));
    }
    const id = uuidv7();
    const row: PostingRow = {
      id,
      scheme_id: spec.scheme.id,
      kind: spec.kind,
      currency: spec.currency,
      rule_code: spec.rule ?? null,
      item_code: spec.item ?? null,
      service_code: spec.service ?? null,
      quantity: spec.quantity,
      amount: spec.amount,
      holder_id: spec.holder?.holder_id ?? null,
      org_path: spec.holder?.org_path ?? null,
      reverses: spec.reverses ?? null,
      claim_id: spec.claim ?? null,
      case_id: spec.caseId ?? null,
      idempotency_key: spec.key?.key ?? null,
      request_hash: spec.key?.hash ?? null,
      memo: spec.memo,
      actor_id: spec.actor.id,
      actor_name: spec.actor.username,
      at: iso,
    };
    await trx.insertInto(POSTINGS_TABLE).values(row).execute();
    if (spec.lines.reduce((sum, l) => sum + l.amount, 0) !== 0) throw new Error(`unbalanced posting ${spec.kind}`);
    await trx
      .insertInto(LINES_TABLE)
      .values(spec.lines.map((line, seq) => ({ posting_id: id, seq: seq + 1, account_id: line.account.id, amount: line.amount, at: iso })))
      .execute();
    // Balances in account-id order, so that two postings touching the same accounts lock them in the same order (no deadlock on Postgres).
    for (const line of [...spec.lines].sort((a, b) => (a.account.id < b.account.id ? -1 : 1))) {
      let update = trx.updateTable(ACCOUNTS_TABLE).set({ balance: sql`balance + ${line.amount}` }).where('id', '=', line.account.id);
      if (line.floor && line.amount < 0) update = update.where(sql<boolean>`balance + ${line.amount} >= 0`);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const unit = line.account.currency === 'time' ? bi('时间币', 'time coins') : bi('积分', 'points');
        throw ruleViolated(bi(`${unit['zh-CN']}余额不足（需要 ${-line.amount}）`, `Not enough ${unit.en} (${-line.amount} needed)`));
      }
    }
    await audit.append(trx, {
      actor: spec.actor,
      action: 'create',
      resource: POSTINGS_AUDIT_RESOURCE,
      recordId: id,
      ...(spec.holder?.org_path ? { orgPath: spec.holder.org_path } : {}),
      detail: { scheme: spec.scheme.id, kind: spec.kind, holder: spec.holder?.holder_id ?? null, amount: spec.amount, rule: spec.rule, item: spec.item, reverses: spec.reverses },
    });
    const posting = toPosting(
      row,
      spec.lines.map((line, i) => ({ posting_id: id, seq: i + 1, account_id: line.account.id, amount: line.amount, at: iso, holder_id: line.account.holder_id, code: line.account.code })),
    );
    options.onPosting?.(trx, { actor: spec.actor, posting });
    return posting;
  };

  /** The points a posting of a rule moves: points × quantity, or what the rule's kind counts (a positive whole number, else a failure naming the kind). */
  const ruleAmount = (rule: CompiledPointsRule, quantity: number): number => {
    if (rule.kind === null) return Math.abs(rule.points) * quantity;
    const kind = ruleKinds.get(rule.kind.name);
    if (!kind) throw new Error(`points rule ${rule.code} names the kind ${rule.kind.name}, which no plugin registers`);
    const counted = kind.points({ points: Math.abs(rule.points), quantity, options: rule.kind.options });
    if (!Number.isSafeInteger(counted) || counted <= 0) {
      throw new EngineError('INTERNAL', bi(`积分规则类型 ${kind.kind} 对规则 ${rule.code} 算出的分值 ${String(counted)} 不是正整数`, `The points rule kind ${kind.kind} counted ${String(counted)} for rule ${rule.code}: not a positive whole number`));
    }
    return counted;
  };

  /** The lines and counters of posting a rule for an account: awards from `issued`, deductions to `deducted`; caps counted in points moved. */
  const rulePosting = async (trx: Handle, scheme: CompiledPointsScheme, rule: CompiledPointsRule, account: AccountRow, quantity: number) => {
    const amount = ruleAmount(rule, quantity);
    const award = rule.points > 0;
    const system = await systemAccount(trx, scheme.id, 'points', award ? 'issued' : 'deducted');
    return {
      kind: (award ? 'award' : 'deduct') as PostingKind,
      amount,
      lines: award
        ? [
            { account: system, amount: -amount, floor: false },
            { account, amount, floor: false },
          ]
        : [
            { account, amount: -amount, floor: !scheme.allowNegative },
            { account: system, amount, floor: false },
          ],
      usage: rule.caps.map((cap) => ({ account: account.id, kind: 'rule' as const, code: rule.code, period: cap.period, add: amount, max: cap.max })),
    };
  };

  /** Parses { holder, rule, quantity?, memo? } of an award or a claim. */
  const ruleInput = (scheme: CompiledPointsScheme, input: unknown) => {
    const body = asObject(input);
    const problems = new Problems();
    onlyKeys(body, ['holder', 'rule', 'quantity', 'memo'], problems);
    const rule = ruleOf(scheme, body['rule'], problems);
    const quantity = positiveInt(body, 'quantity', { max: rule?.maxQuantity ?? 1, fallback: 1, problems });
    const memo = memoOf(body, problems);
    problems.throwIfAny();
    return { body, rule: rule as CompiledPointsRule, quantity, memo };
  };

  const claimVisible = (actor: Actor, row: ClaimRow) => allows(actor, 'points', 'read', row.org_path);

  const timeBankOf = (scheme: CompiledPointsScheme) => {
    if (!scheme.timeBank) throw errors.notFound(bi(`积分方案“${text(scheme.title).zh}”没有时间银行`, `Points scheme "${text(scheme.title).en}" has no time bank`));
    return scheme.timeBank;
  };

  const accountView = (scheme: CompiledPointsScheme, holder: { id: string; org_path: string; building: string | null }, rows: readonly AccountRow[]): Account => ({
    scheme: scheme.id,
    holder: holder.id,
    orgPath: holder.org_path,
    building: holder.building,
    balance: Number(rows.find((r) => r.currency === 'points')?.balance ?? 0),
    timeBalance: Number(rows.find((r) => r.currency === 'time')?.balance ?? 0),
  });

  return {
    async install() {
      await writeTransaction(db, async (trx) => {
        for (const scheme of Object.values(model.points)) {
          for (const code of SYSTEM_ACCOUNTS.points) await systemAccount(trx, scheme.id, 'points', code);
          if (scheme.timeBank) for (const code of SYSTEM_ACCOUNTS.time) await systemAccount(trx, scheme.id, 'time', code);
          for (const item of scheme.redemption?.items ?? []) {
            if (item.stock === null) continue;
            await trx.insertInto(STOCK_TABLE).values({ scheme_id: scheme.id, item_code: item.code, stock: item.stock }).onConflict((oc) => oc.doNothing()).execute();
          }
        }
      });
    },

    async accounts(ctx, schemeId, query) {
      const scheme = schemeOf(schemeId);
      const grants = grantsFor(ctx.actor, 'points', 'read');
      if (grants.length === 0) throw forbidden(bi('查看积分账户', 'read points accounts'));
      let select = db.kysely
        .selectFrom(ACCOUNTS_TABLE)
        .where('scheme_id', '=', scheme.id)
        .where('kind', '=', 'holder')
        .where('currency', '=', 'points')
        .where(grantsPredicate(grants));
      if (query.org !== undefined) {
        const unit = org.byCode(query.org);
        if (!unit) throw errors.notFound(bi(`没有代码为 ${query.org} 的组织单元`, `There is no org unit ${query.org}`));
        select = select.where(subtreePredicate(unit.path, { leaf: false }));
      }
      if (query.building !== undefined) select = select.where('building_id', '=', query.building);
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const rows = (await select
        .selectAll()
        .orderBy('balance', 'desc')
        .orderBy('holder_id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute()) as AccountRow[];
      const holders = rows.map((r) => r.holder_id as string);
      const time = holders.length
        ? ((await db.kysely.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme.id).where('currency', '=', 'time').where('holder_id', 'in', holders).execute()) as AccountRow[])
        : [];
      return {
        total,
        data: rows.map((r) =>
          accountView(scheme, { id: r.holder_id as string, org_path: r.org_path as string, building: r.building_id }, [r, ...time.filter((t) => t.holder_id === r.holder_id)]),
        ),
      };
    },

    async account(ctx, schemeId, holder) {
      const scheme = schemeOf(schemeId);
      const record = await holderRecord(db.kysely, scheme, holder).catch(() => {
        throw errors.notFound(bi('没有这个积分账户', 'There is no such points account'));
      });
      requireRead(ctx.actor, record.org_path);
      const rows = (await db.kysely.selectFrom(ACCOUNTS_TABLE).selectAll().where('scheme_id', '=', scheme.id).where('holder_id', '=', record.id).execute()) as AccountRow[];
      return accountView(scheme, record, rows);
    },

    async postings(ctx, schemeId, holder, query) {
      const account = await this.account(ctx, schemeId, holder);
      const select = db.kysely.selectFrom(POSTINGS_TABLE).where('scheme_id', '=', account.scheme).where((eb) =>
        eb.or([
          eb('holder_id', '=', account.holder),
          // A donation names the giver as its holder; the receiver finds it by its lines.
          eb(
            'id',
            'in',
            eb.selectFrom(`${LINES_TABLE} as l`).innerJoin(`${ACCOUNTS_TABLE} as a`, 'a.id', 'l.account_id').select('l.posting_id').where('a.scheme_id', '=', account.scheme).where('a.holder_id', '=', account.holder),
          ),
        ]),
      );
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const ids = (await select.select('id').orderBy('at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as { id: string }[];
      return { total, data: await readPostings(db.kysely, ids.map((r) => r.id)) };
    },

    async ledger(ctx, schemeId, query) {
      const scheme = schemeOf(schemeId);
      const grants = grantsFor(ctx.actor, 'points', 'read');
      if (grants.length === 0) throw forbidden(bi('查看积分记账', 'read postings'));
      let select = db.kysely
        .selectFrom(POSTINGS_TABLE)
        .where('scheme_id', '=', scheme.id)
        .where('kind', 'in', [...query.kinds])
        .where(grantsPredicate(grants));
      if (query.org !== undefined) {
        const unit = org.byCode(query.org);
        if (!unit) throw errors.notFound(bi(`没有代码为 ${query.org} 的组织单元`, `There is no org unit ${query.org}`));
        select = select.where(subtreePredicate(unit.path, { leaf: false }));
      }
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const ids = (await select.select('id').orderBy('at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as { id: string }[];
      return { total, data: await readPostings(db.kysely, ids.map((r) => r.id)) };
    },

    async posting(ctx, schemeId, id) {
      const scheme = schemeOf(schemeId);
      const [posting] = isUuid(id) ? await readPostings(db.kysely, [id]) : [];
      if (!posting || posting.scheme !== scheme.id || posting.orgPath === null || !allows(ctx.actor, 'points', 'read', posting.orgPath)) {
        throw errors.notFound(bi(`没有编号为 ${id} 的积分记账`, `There is no posting ${id}`));
      }
      return posting;
    },

    async award(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const { body, rule, quantity, memo } = ruleInput(scheme, input);
      const key = keyOf(ctx, 'award', scheme.id, body);
      return once(key, scheme.id, async (trx) => {
        const record = await holderRecord(trx, scheme, body['holder']);
        const title = text(rule.title);
        requireAct(ctx.actor, { roles: rule.roles, action: 'create', path: record.org_path, what: bi(`对该户记“${title.zh}”`, `post "${title.en}" for this holder`) });
        const account = await holderAccount(trx, scheme, 'points', record);
        const parts = await rulePosting(trx, scheme, rule, account, quantity);
        return post(trx, { scheme, currency: 'points', rule: rule.code, quantity, holder: account, memo, actor: ctx.actor, at: clock(), ...(key ? { key } : {}), ...parts });
      });
    },

    async claim(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const { body, rule, quantity, memo } = ruleInput(scheme, input);
      if (!rule.claim) throw errors.validation({ rule: [bi(`规则 ${rule.code} 不接受申报`, `rule ${rule.code} is not claimed`)] });
      const claimRoles = rule.claim.roles;
      const now = clock().toISOString();
      return writeTransaction(db, async (trx) => {
        const record = await holderRecord(trx, scheme, body['holder']);
        const title = text(rule.title);
        requireAct(ctx.actor, { roles: claimRoles, action: 'create', path: record.org_path, what: bi(`为该户申报“${title.zh}”`, `claim "${title.en}" for this holder`) });
        const row: ClaimRow = {
          id: uuidv7(),
          scheme_id: scheme.id,
          rule_code: rule.code,
          holder_id: record.id,
          org_path: record.org_path,
          quantity,
          memo,
          status: 'pending',
          version: 1,
          claimed_by: ctx.actor.id,
          claimed_by_name: ctx.actor.username,
          claimed_at: now,
          decided_by: null,
          decided_by_name: null,
          decided_at: null,
          decision_comment: null,
          posting_id: null,
        };
        await trx.insertInto(CLAIMS_TABLE).values(row).execute();
        await audit.append(trx, { actor: ctx.actor, action: 'create', resource: CLAIMS_AUDIT_RESOURCE, recordId: row.id, orgPath: row.org_path, detail: { scheme: scheme.id, rule: rule.code, holder: record.id, quantity } });
        return toClaim(row);
      });
    },

    async claims(ctx, schemeId, query) {
      const scheme = schemeOf(schemeId);
      const grants = grantsFor(ctx.actor, 'points', 'read');
      if (grants.length === 0) throw forbidden(bi('查看积分申报', 'read points claims'));
      let select = db.kysely
        .selectFrom(CLAIMS_TABLE)
        .where('scheme_id', '=', scheme.id)
        .where(grantsPredicate(grants));
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const rows = (await select.selectAll().orderBy('claimed_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as ClaimRow[];
      return { total, data: rows.map(toClaim) };
    },

    async decide(ctx, schemeId, id, input) {
      const scheme = schemeOf(schemeId);
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['approve', 'version', 'comment'], problems);
      if (typeof body['approve'] !== 'boolean') problems.add('approve', bi('必须给出 true（通过）或 false（不通过）', 'must be true (approve) or false (reject)'));
      const version = body['version'];
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) problems.add('version', bi('必须提供申报的当前版本号', "the claim's current version is required"));
      const comment = body['comment'] ?? null;
      if (comment !== null && (typeof comment !== 'string' || comment.length > MAX_MEMO)) problems.add('comment', bi(`意见必须是不超过 ${MAX_MEMO} 字的文本`, `the comment must be text of at most ${MAX_MEMO} characters`));
      problems.throwIfAny();
      const approve = body['approve'] as boolean;
      return writeTransaction(db, async (trx) => {
        let select = trx.selectFrom(CLAIMS_TABLE).selectAll().where('id', '=', isUuid(id) ? id : '').where('scheme_id', '=', scheme.id);
        if (db.dialect === 'postgres') select = select.forUpdate();
        const row = (await select.executeTakeFirst()) as ClaimRow | undefined;
        if (!row || !claimVisible(ctx.actor, row)) throw errors.notFound(bi(`没有编号为 ${id} 的申报`, `There is no claim ${id}`));
        const rule = scheme.rules.find((r) => r.code === row.rule_code);
        if (!rule?.claim) throw errors.conflict(bi(`规则 ${row.rule_code} 已不接受申报`, `Rule ${row.rule_code} is no longer claimed`));
        const title = text(rule.title);
        requireAct(ctx.actor, { roles: rule.claim.reviewers, action: 'approve', path: row.org_path, what: bi(`审核“${title.zh}”的申报`, `review claims of "${title.en}"`) });
        if (row.status !== 'pending' || Number(row.version) !== version) {
          throw errors.conflict(bi(`申报已被处理（当前状态 ${row.status}，版本 ${row.version}）`, `The claim was handled already (status ${row.status}, version ${row.version})`));
        }
        const at = clock();
        let postingId: string | null = null;
        if (approve) {
          const record = await holderRecord(trx, scheme, row.holder_id);
          const account = await holderAccount(trx, scheme, 'points', record);
          const parts = await rulePosting(trx, scheme, rule, account, Number(row.quantity));
          const posting = await post(trx, { scheme, currency: 'points', rule: rule.code, quantity: Number(row.quantity), holder: account, claim: row.id, memo: row.memo, actor: ctx.actor, at, ...parts });
          postingId = posting.id;
        }
        const changed = {
          status: approve ? ('approved' as const) : ('rejected' as const),
          version: Number(row.version) + 1,
          decided_by: ctx.actor.id,
          decided_by_name: ctx.actor.username,
          decided_at: at.toISOString(),
          decision_comment: typeof comment === 'string' ? comment.trim() || null : null,
          posting_id: postingId,
        };
        const result = await trx.updateTable(CLAIMS_TABLE).set(changed).where('id', '=', row.id).where('version', '=', version as number).where('status', '=', 'pending').executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw errors.conflict(bi('申报已被他人处理，请刷新后重试', 'The claim was handled by someone else; reload it and try again'));
        await audit.append(trx, { actor: ctx.actor, action: 'update', resource: CLAIMS_AUDIT_RESOURCE, recordId: row.id, orgPath: row.org_path, detail: { op: changed.status, posting: postingId } });
        return toClaim({ ...row, ...changed });
      });
    },

    async redeem(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const shop = scheme.redemption;
      if (!shop) throw errors.notFound(bi(`积分方案“${text(scheme.title).zh}”没有兑换`, `Points scheme "${text(scheme.title).en}" has no redemption`));
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['holder', 'item', 'quantity', 'memo'], problems);
      const item = shop.items.find((i) => i.code === body['item']);
      if (!item) problems.add('item', bi(`兑换目录中没有物品 ${String(body['item'])}`, `the catalogue has no item ${String(body['item'])}`));
      const quantity = positiveInt(body, 'quantity', { max: 100, fallback: 1, problems });
      const memo = memoOf(body, problems);
      problems.throwIfAny();
      const chosen = item as CompiledPointsItem;
      const key = keyOf(ctx, 'redeem', scheme.id, body);
      return once(key, scheme.id, async (trx) => {
        const record = await holderRecord(trx, scheme, body['holder']);
        requireAct(ctx.actor, { roles: shop.roles, action: 'create', path: record.org_path, what: bi('为该户办理兑换', 'record a redemption for this holder') });
        const account = await holderAccount(trx, scheme, 'points', record);
        const sink = await systemAccount(trx, scheme.id, 'points', 'redeemed');
        const amount = chosen.cost * quantity;
        return post(trx, {
          scheme,
          kind: 'redeem',
          currency: 'points',
          item: chosen.code,
          quantity,
          amount,
          holder: account,
          memo,
          actor: ctx.actor,
          at: clock(),
          ...(key ? { key } : {}),
          lines: [
            { account, amount: -amount, floor: true },
            { account: sink, amount, floor: false },
          ],
          usage: chosen.limit ? [{ account: account.id, kind: 'item', code: chosen.code, period: chosen.limit.period, add: quantity, max: chosen.limit.max }] : [],
          ...(chosen.stock !== null ? { stock: { item: chosen.code, take: quantity } } : {}),
        });
      });
    },

    async items(ctx, schemeId) {
      const scheme = schemeOf(schemeId);
      if (grantsFor(ctx.actor, 'points', 'read').length === 0) throw forbidden(bi('查看兑换目录', 'read the catalogue'));
      const rows = (await db.kysely.selectFrom(STOCK_TABLE).selectAll().where('scheme_id', '=', scheme.id).execute()) as { item_code: string; stock: number }[];
      return (scheme.redemption?.items ?? []).map((item) => ({ ...item, inStock: item.stock === null ? null : Number(rows.find((r) => r.item_code === item.code)?.stock ?? 0) }));
    },

    async restock(ctx, schemeId, code, input) {
      const scheme = schemeOf(schemeId);
      const item = scheme.redemption?.items.find((i) => i.code === code);
      if (!scheme.redemption || !item) throw errors.notFound(bi(`兑换目录中没有物品 ${code}`, `The catalogue has no item ${code}`));
      if (item.stock === null) throw errors.validation({ item: [bi(`物品 ${code} 不限库存`, `item ${code} has no stock to keep`)] });
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['quantity'], problems);
      const quantity = positiveInt(body, 'quantity', { max: 100_000, problems });
      problems.throwIfAny();
      const roles = scheme.redemption.roles;
      const mayRestock = grantsFor(ctx.actor, 'points', 'create').length > 0 && (ctx.actor.kind !== 'user' || ctx.actor.assignments.some((a) => roles.includes(a.role)));
      if (!mayRestock) throw forbidden(bi('补充兑换铺库存', 'restock the shop'));
      return writeTransaction(db, async (trx) => {
        await trx.updateTable(STOCK_TABLE).set({ stock: sql`stock + ${quantity}` }).where('scheme_id', '=', scheme.id).where('item_code', '=', code).execute();
        const row = (await trx.selectFrom(STOCK_TABLE).select('stock').where('scheme_id', '=', scheme.id).where('item_code', '=', code).executeTakeFirstOrThrow()) as { stock: number };
        await audit.append(trx, { actor: ctx.actor, action: 'update', resource: 'points_stock', recordId: `${scheme.id}/${code}`, detail: { op: 'restock', quantity, stock: Number(row.stock) } });
        return { item: code, inStock: Number(row.stock) };
      });
    },

    async reverse(ctx, schemeId, id, input) {
      const scheme = schemeOf(schemeId);
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['reason'], problems);
      const reason = body['reason'];
      if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_MEMO) problems.add('reason', bi(`必须说明冲正原因（不超过 ${MAX_MEMO} 字）`, `a reason (at most ${MAX_MEMO} characters) is required`));
      problems.throwIfAny();
      const key = keyOf(ctx, 'reverse', scheme.id, { id, ...body });
      return once(key, scheme.id, async (trx) => {
        const [original] = isUuid(id) ? await readPostings(trx, [id]) : [];
        if (!original || original.scheme !== scheme.id || original.orgPath === null || !allows(ctx.actor, 'points', 'read', original.orgPath)) {
          throw errors.notFound(bi(`没有编号为 ${id} 的积分记账`, `There is no posting ${id}`));
        }
        requireAct(ctx.actor, { roles: null, action: 'approve', path: original.orgPath, what: bi('冲正该笔记账', 'reverse this posting') });
        if (original.kind === 'reverse') throw errors.conflict(bi('冲正记账不能再冲正', 'A reversal cannot be reversed'));
        const done = await trx.selectFrom(POSTINGS_TABLE).select('id').where('reverses', '=', original.id).executeTakeFirst();
        if (done) throw errors.conflict(bi('该笔记账已冲正', 'The posting was reversed already'));
        const accounts = (await trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('id', 'in', original.lines.map((l) => l.account)).execute()) as AccountRow[];
        const holder = accounts.find((a) => a.holder_id === original.holder && a.currency === original.currency) ?? null;
        const lines = original.lines.map((line) => {
          const account = accounts.find((a) => a.id === line.account) as AccountRow;
          // Taking back points from a holder may not overdraw it (it may have spent them); giving back may.
          return { account, amount: -line.amount, floor: account.kind === 'holder' && !(scheme.allowNegative && original.kind === 'award') };
        });
        // Items handed back go back on the shelf; before the posting, so that stock is locked before accounts as a redemption locks them.
        if (original.kind === 'redeem' && original.item !== null && scheme.redemption?.items.find((i) => i.code === original.item)?.stock !== null) {
          await trx.updateTable(STOCK_TABLE).set({ stock: sql`stock + ${original.quantity}` }).where('scheme_id', '=', scheme.id).where('item_code', '=', original.item).execute();
        }
        const posting = await post(trx, {
          scheme,
          kind: 'reverse',
          currency: original.currency,
          ...(original.rule !== null ? { rule: original.rule } : {}),
          ...(original.item !== null ? { item: original.item } : {}),
          quantity: original.quantity,
          amount: original.amount,
          holder,
          reverses: original.id,
          memo: (reason as string).trim(),
          actor: ctx.actor,
          at: clock(),
          ...(key ? { key } : {}),
          lines,
        });
        // What the reversed posting counted against its caps or limits no longer counts.
        const rule = original.rule === null ? undefined : scheme.rules.find((r) => r.code === original.rule);
        const item = original.item === null ? undefined : scheme.redemption?.items.find((i) => i.code === original.item);
        const counted = [
          ...(rule && (original.kind === 'award' || original.kind === 'deduct') ? rule.caps.map((cap) => ({ kind: 'rule', code: rule.code, period: cap.period, add: original.amount })) : []),
          ...(item?.limit && original.kind === 'redeem' ? [{ kind: 'item', code: item.code, period: item.limit.period, add: original.quantity }] : []),
        ];
        for (const usage of counted) {
          await trx
            .updateTable(USAGE_TABLE)
            .set({ used: sql`used - ${usage.add}` })
            .where('account_id', '=', holder?.id ?? '')
            .where('kind', '=', usage.kind)
            .where('code', '=', usage.code)
            .where('period', '=', periodKey(usage.period, new Date(original.at)))
            .execute();
        }
        return posting;
      });
    },

    async timeEarn(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const bank = timeBankOf(scheme);
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['holder', 'service', 'hours', 'memo'], problems);
      const service = bank.services.find((s) => s.code === body['service']);
      if (!service) problems.add('service', bi(`时间银行没有服务 ${String(body['service'])}`, `the time bank has no service ${String(body['service'])}`));
      const hours = positiveInt(body, 'hours', { max: bank.maxHours, problems });
      const memo = memoOf(body, problems);
      problems.throwIfAny();
      const key = keyOf(ctx, 'time-earn', scheme.id, body);
      return once(key, scheme.id, async (trx) => {
        const record = await holderRecord(trx, scheme, body['holder']);
        requireAct(ctx.actor, { roles: bank.roles, action: 'create', path: record.org_path, what: bi('记录时间银行服务', 'record time bank service') });
        const account = await holderAccount(trx, scheme, 'time', record);
        const source = await systemAccount(trx, scheme.id, 'time', 'time-issued');
        const coins = hours * bank.coinsPerHour;
        return post(trx, {
          scheme,
          kind: 'time-earn',
          currency: 'time',
          service: service?.code ?? '',
          quantity: hours,
          amount: coins,
          holder: account,
          memo,
          actor: ctx.actor,
          at: clock(),
          ...(key ? { key } : {}),
          lines: [
            { account: source, amount: -coins, floor: false },
            { account, amount: coins, floor: false },
          ],
        });
      });
    },

    async timeSpend(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const bank = timeBankOf(scheme);
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['holder', 'hours', 'memo'], problems);
      const hours = positiveInt(body, 'hours', { max: 1000, problems });
      const memo = memoOf(body, problems);
      problems.throwIfAny();
      const key = keyOf(ctx, 'time-spend', scheme.id, body);
      return once(key, scheme.id, async (trx) => {
        const record = await holderRecord(trx, scheme, body['holder']);
        requireAct(ctx.actor, { roles: bank.roles, action: 'create', path: record.org_path, what: bi('使用时间币', 'spend time coins') });
        const account = await holderAccount(trx, scheme, 'time', record);
        const sink = await systemAccount(trx, scheme.id, 'time', 'time-spent');
        const coins = hours * bank.coinsPerHour;
        return post(trx, {
          scheme,
          kind: 'time-spend',
          currency: 'time',
          quantity: hours,
          amount: coins,
          holder: account,
          memo,
          actor: ctx.actor,
          at: clock(),
          ...(key ? { key } : {}),
          lines: [
            { account, amount: -coins, floor: true },
            { account: sink, amount: coins, floor: false },
          ],
        });
      });
    },

    async timeDonate(ctx, schemeId, input) {
      const scheme = schemeOf(schemeId);
      const bank = timeBankOf(scheme);
      const body = asObject(input);
      const problems = new Problems();
      onlyKeys(body, ['holder', 'to', 'hours', 'memo'], problems);
      const hours = positiveInt(body, 'hours', { max: 1000, problems });
      const memo = memoOf(body, problems);
      if (body['to'] === body['holder']) problems.add('to', bi('不能捐赠给自己', 'cannot donate to oneself'));
      problems.throwIfAny();
      const key = keyOf(ctx, 'time-donate', scheme.id, body);
      return once(key, scheme.id, async (trx) => {
        const giver = await holderRecord(trx, scheme, body['holder']);
        const receiver = await holderRecord(trx, scheme, body['to'], 'to');
        requireAct(ctx.actor, { roles: bank.roles, action: 'create', path: giver.org_path, what: bi('捐赠时间币', 'donate time coins') });
        if (!allows(ctx.actor, 'points', 'read', receiver.org_path)) throw errors.validation({ to: [bi('无权查看受赠户', 'you may not read the receiving holder')] });
        const from = await holderAccount(trx, scheme, 'time', giver);
        const to = await holderAccount(trx, scheme, 'time', receiver);
        const coins = hours * bank.coinsPerHour;
        return post(trx, {
          scheme,
          kind: 'time-donate',
          currency: 'time',
          quantity: hours,
          amount: coins,
          holder: from,
          memo,
          actor: ctx.actor,
          at: clock(),
          ...(key ? { key } : {}),
          lines: [
            { account: from, amount: -coins, floor: true },
            { account: to, amount: coins, floor: false },
          ],
        });
      });
    },

    async expire(ctx, schemeId, at) {
      const scheme = schemeOf(schemeId);
      if (!scheme.expiry) return { accounts: 0, points: 0 };
      const grants = grantsFor(ctx.actor, 'points', 'approve');
      if (grants.length === 0) throw forbidden(bi('执行积分过期', 'expire points'));
      const now = at ?? clock();
      const cutoff = new Date(now);
      cutoff.setUTCMonth(cutoff.getUTCMonth() - scheme.expiry.months);
      const cutoffIso = cutoff.toISOString();
      // Oldest points first: what lapses is what was earned before the cutoff less everything taken out of the account since it opened.
      const due = (await db.kysely
        .selectFrom(`${ACCOUNTS_TABLE} as a`)
        .innerJoin(`${LINES_TABLE} as l`, 'l.account_id', 'a.id')
        .select([
          'a.id',
          sql<number>`sum(case when l.amount > 0 and l.at <= ${cutoffIso} then l.amount else 0 end)`.as('old_credits'),
          sql<number>`sum(case when l.amount < 0 then -l.amount else 0 end)`.as('debits'),
        ])
        .where('a.scheme_id', '=', scheme.id)
        .where('a.currency', '=', 'points')
        .where('a.kind', '=', 'holder')
        .where(grantsPredicate(grants, 'a.org_path'))
        .groupBy('a.id')
        .having(sql<boolean>`sum(case when l.amount > 0 and l.at <= ${cutoffIso} then l.amount else 0 end) > sum(case when l.amount < 0 then -l.amount else 0 end)`)
        .execute()) as { id: string }[];
      let accounts = 0;
      let points = 0;
      for (const { id } of due) {
        const lapsed = await writeTransaction(db, async (trx) => {
          let lock = trx.selectFrom(ACCOUNTS_TABLE).selectAll().where('id', '=', id);
          if (db.dialect === 'postgres') lock = lock.forUpdate();
          const account = (await lock.executeTakeFirstOrThrow()) as AccountRow;
          // Recomputed under the lock: another engine may have expired it, or a redemption spent it, since the scan.
          const figures = (await trx
            .selectFrom(LINES_TABLE)
            .select([
              sql<number>`coalesce(sum(case when amount > 0 and at <= ${cutoffIso} then amount else 0 end), 0)`.as('old_credits'),
              sql<number>`coalesce(sum(case when amount < 0 then -amount else 0 end), 0)`.as('debits'),
            ])
            .where('account_id', '=', id)
            .executeTakeFirstOrThrow()) as { old_credits: unknown; debits: unknown };
          const amount = Math.min(Number(figures.old_credits) - Number(figures.debits), Number(account.balance));
          if (amount <= 0) return 0;
          const sink = await systemAccount(trx, scheme.id, 'points', 'expired');
          await post(trx, {
            scheme,
            kind: 'expire',
            currency: 'points',
            quantity: 1,
            amount,
            holder: account,
            memo: `积分满 ${scheme.expiry?.months} 个月过期 expired after ${scheme.expiry?.months} months`,
            actor: ctx.actor,
            at: now,
            lines: [
              { account, amount: -amount, floor: true },
              { account: sink, amount, floor: false },
            ],
          });
          return amount;
        });
        if (lapsed > 0) {
          accounts += 1;
          points += lapsed;
        }
      }
      return { accounts, points };
    },

    async buildings(ctx, schemeId, query) {
      const scheme = schemeOf(schemeId);
      const kind = scheme.publication?.period ?? 'month';
      const grants = grantsFor(ctx.actor, 'points', 'read');
      if (grants.length === 0) throw forbidden(bi('查看楼栋积分', 'read building totals'));
      const label = query.period ?? periodKey(kind, clock());
      const { from, to } = periodRange(kind, label);
      let accounts = db.kysely
        .selectFrom(`${ACCOUNTS_TABLE} as a`)
        .where('a.scheme_id', '=', scheme.id)
        .where('a.currency', '=', 'points')
        .where('a.kind', '=', 'holder')
        .where('a.building_id', 'is not', null)
        .where(grantsPredicate(grants, 'a.org_path'));
      if (query.org !== undefined) {
        const unit = org.byCode(query.org);
        if (!unit) throw errors.notFound(bi(`没有代码为 ${query.org} 的组织单元`, `There is no org unit ${query.org}`));
        accounts = accounts.where(subtreePredicate(unit.path, { leaf: false, column: 'a.org_path' }));
      }
      const balances = (await accounts
        .select(['a.building_id', sql<number>`count(*)`.as('n'), sql<number>`sum(a.balance)`.as('balance')])
        .groupBy('a.building_id')
        .execute()) as { building_id: string; n: unknown; balance: unknown }[];
      // A reversal corrects what it reverses: it nets out of the figures of the period the original was posted in.
      const moved = (await accounts
        .innerJoin(`${LINES_TABLE} as l`, 'l.account_id', 'a.id')
        .innerJoin(`${POSTINGS_TABLE} as p`, 'p.id', 'l.posting_id')
        .leftJoin(`${POSTINGS_TABLE} as o`, 'o.id', 'p.reverses')
        .select([
          'a.building_id',
          sql<number>`sum(case when coalesce(o.kind, p.kind) = 'award' then l.amount else 0 end)`.as('earned'),
          sql<number>`sum(case when coalesce(o.kind, p.kind) = 'deduct' then -l.amount else 0 end)`.as('deducted'),
        ])
        .where(sql<string>`coalesce(o.at, l.at)`, '>=', from)
        .where(sql<string>`coalesce(o.at, l.at)`, '<', to)
        .groupBy('a.building_id')
        .execute()) as { building_id: string; earned: unknown; deducted: unknown }[];
      const data = balances
        .map((b) => {
          const m = moved.find((r) => r.building_id === b.building_id);
          return { building: b.building_id, accounts: Number(b.n), earned: Number(m?.earned ?? 0), deducted: Number(m?.deducted ?? 0), balance: Number(b.balance ?? 0) };
        })
        .sort((a, b) => b.earned - a.earned || b.balance - a.balance || (a.building < b.building ? -1 : 1));
      return { period: label, from, to, data: data.slice(0, scheme.publication?.top ?? data.length) };
    },

    async onTransition(trx, event) {
      for (const scheme of Object.values(model.points)) {
        for (const rule of scheme.rules) {
          if (!rule.auto || rule.auto.workflow !== event.workflow || !rule.auto.transitions.includes(event.transition)) continue;
          const resource = model.resources[event.resource];
          if (!resource) continue;
          const record = (await trx.selectFrom(resource.table).select([`${rule.auto.holderField} as holder`]).where('id', '=', event.recordId).executeTakeFirst()) as { holder?: unknown } | undefined;
          const holder = record?.holder;
          if (typeof holder !== 'string' || !isUuid(holder)) continue;
          const already = await trx.selectFrom(POSTINGS_TABLE).select('id').where('scheme_id', '=', scheme.id).where('rule_code', '=', rule.code).where('case_id', '=', event.caseId).executeTakeFirst();
          if (already) continue;
          const holderRow = await holderRecord(trx, scheme, holder).catch(() => null);
          if (!holderRow) continue;
          const account = await holderAccount(trx, scheme, 'points', holderRow);
          const parts = await rulePosting(trx, scheme, rule, account, 1);
          // A cap reached means no award this time, never a refused transition: check it before the guarded update would throw.
          const at = clock();
          let capped = false;
          for (const usage of parts.usage) {
            const used = (await trx
              .selectFrom(USAGE_TABLE)
              .select('used')
              .where('account_id', '=', usage.account)
              .where('kind', '=', 'rule')
              .where('code', '=', usage.code)
              .where('period', '=', periodKey(usage.period, at))
              .executeTakeFirst()) as { used: unknown } | undefined;
            if (Number(used?.used ?? 0) + usage.add > usage.max) capped = true;
          }
          if (capped) continue;
          await post(trx, { scheme, currency: 'points', rule: rule.code, quantity: 1, holder: account, caseId: event.caseId, memo: null, actor: event.actor, at, ...parts });
        }
      }
    },

    verify() {
      return verifyLedger(db, model);
    },
  };
}
