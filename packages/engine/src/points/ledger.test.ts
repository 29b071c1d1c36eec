import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { uuidv7 } from '../ids/uuid.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addHouseholds } from '../testing/grids.ts';
import type { Posting } from './store.ts';
import { LINES_TABLE, POSTINGS_TABLE, STOCK_TABLE } from './store.ts';
import { expireDue } from './expiry-scheduler.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const GRID = '320402003011001';
const SCHEME = 'renren';
/** Monday 2026-11-23 10:00 China time. */
const NOW = new Date('2026-11-23T02:00:00Z');
const ctx = { actor: DEV_ACTOR };

/** Rules and items of the Changzhou scheme the model below follows (illustrative numbers of examples/changzhou/points/renren.yaml). */
const RULES = {
  'WM-01': { points: 1, cap: 20 },
  'LZ-01': { points: 5, cap: 20 },
  'ST-02': { points: 5, cap: null },
  'FM-01': { points: -20, cap: null },
  'FM-02': { points: -10, cap: 10 },
} as const;
const ITEMS = {
  'DH-01': { cost: 30, limit: 2 },
  'DH-04': { cost: 10, limit: 8 },
  'DH-05': { cost: 20, limit: null },
} as const;
type RuleCode = keyof typeof RULES;
type ItemCode = keyof typeof ITEMS;

type Op =
  | { readonly op: 'award'; readonly holder: number; readonly rule: RuleCode }
  | { readonly op: 'redeem'; readonly holder: number; readonly item: ItemCode; readonly quantity: number }
  | { readonly op: 'reverse'; readonly pick: number }
  | { readonly op: 'time-earn'; readonly holder: number; readonly hours: number }
  | { readonly op: 'time-spend'; readonly holder: number; readonly hours: number };

const HOLDERS = 3;
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('award' as const), holder: fc.nat(HOLDERS - 1), rule: fc.constantFrom(...(Object.keys(RULES) as RuleCode[])) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('redeem' as const), holder: fc.nat(HOLDERS - 1), item: fc.constantFrom(...(Object.keys(ITEMS) as ItemCode[])), quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('time-earn' as const), holder: fc.nat(HOLDERS - 1), hours: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('time-spend' as const), holder: fc.nat(HOLDERS - 1), hours: fc.integer({ min: 1, max: 6 }) }) },
);

/** What the ledger should hold after a sequence, computed without a database: the oracle of the property test. */
class Model {
  readonly balance: number[] = Array(HOLDERS).fill(0);
  readonly time: number[] = Array(HOLDERS).fill(0);
  readonly capUsed = new Map<string, number>();
  readonly limitUsed = new Map<string, number>();
  readonly postings: { posting: Posting; holder: number; reversed: boolean }[] = [];
  constructor(readonly stock: Record<string, number | null>) {}

  /** Whether the operation should succeed; applies it when it does. */
  apply(op: Op): boolean {
    switch (op.op) {
      case 'award': {
        const rule = RULES[op.rule];
        const amount = Math.abs(rule.points);
        const key = `${op.holder}/${op.rule}`;
        if (rule.cap !== null && (this.capUsed.get(key) ?? 0) + amount > rule.cap) return false;
        if (rule.points < 0 && (this.balance[op.holder] ?? 0) < amount) return false;
        this.capUsed.set(key, (this.capUsed.get(key) ?? 0) + amount);
        this.balance[op.holder] = (this.balance[op.holder] ?? 0) + rule.points;
        return true;
      }
      case 'redeem': {
        const item = ITEMS[op.item];
        const key = `${op.holder}/${op.item}`;
        const cost = item.cost * op.quantity;
        if (item.limit !== null && (this.limitUsed.get(key) ?? 0) + op.quantity > item.limit) return false;
        const stock = this.stock[op.item];
        if (stock !== null && stock !== undefined && stock < op.quantity) return false;
        if ((this.balance[op.holder] ?? 0) < cost) return false;
        this.limitUsed.set(key, (this.limitUsed.get(key) ?? 0) + op.quantity);
        if (stock !== null && stock !== undefined) this.stock[op.item] = stock - op.quantity;
        this.balance[op.holder] = (this.balance[op.holder] ?? 0) - cost;
        return true;
      }
      case 'reverse': {
        const target = this.postings[op.pick % Math.max(this.postings.length, 1)];
        if (!target || target.reversed || target.posting.kind === 'reverse') return false;
        const { posting, holder } = target;
        const held = posting.currency === 'time' ? this.time : this.balance;
        const delta = posting.lines.find((l) => l.holder !== null)?.amount ?? 0;
        if ((held[holder] ?? 0) - delta < 0) return false;
        held[holder] = (held[holder] ?? 0) - delta;
        if (posting.rule !== null) this.capUsed.set(`${holder}/${posting.rule}`, (this.capUsed.get(`${holder}/${posting.rule}`) ?? 0) - posting.amount);
        if (posting.item !== null) {
          this.limitUsed.set(`${holder}/${posting.item}`, (this.limitUsed.get(`${holder}/${posting.item}`) ?? 0) - posting.quantity);
          const stock = this.stock[posting.item];
          if (stock !== null && stock !== undefined) this.stock[posting.item] = stock + posting.quantity;
        }
        target.reversed = true;
        return true;
      }
      case 'time-earn':
        this.time[op.holder] = (this.time[op.holder] ?? 0) + op.hours;
        return true;
      case 'time-spend':
        if ((this.time[op.holder] ?? 0) < op.hours) return false;
        this.time[op.holder] = (this.time[op.holder] ?? 0) - op.hours;
        return true;
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`points ledger (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let now = NOW;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU, { now: () => now });
      engine = fixture.engine;
    }, 60_000);
    afterAll(async () => {
      await fixture?.drop();
    });

    const holders = (count: number, fields: Record<string, unknown> = {}) => addHouseholds(engine, GRID, count, fields);
    const balance = async (holder: string) => (await engine.points.account(ctx, SCHEME, holder)).balance;
    const rejection = async (work: Promise<unknown>): Promise<string> => {
      try {
        await work;
        return 'ok';
      } catch (error) {
        if (error instanceof EngineError) return error.code;
        throw error;
      }
    };
    const postingCount = async () => Number(((await engine.db.kysely.selectFrom(POSTINGS_TABLE).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown }).n);

    it('keeps every invariant over random sequences of awards, deductions, redemptions, reversals and time-bank entries, agreeing with a model of the rules', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArbitrary, { minLength: 5, maxLength: 30 }), async (ops) => {
          now = NOW;
          const ids = await holders(HOLDERS);
          const stock = Object.fromEntries((await engine.points.items(ctx, SCHEME)).map((i) => [i.code, i.inStock]));
          const model = new Model(stock);
          for (const op of ops) {
            const expected = model.apply(op);
            const before = await postingCount();
            let outcome: string;
            let posting: Posting | undefined;
            switch (op.op) {
              case 'award':
                outcome = await rejection(engine.points.award(ctx, SCHEME, { holder: ids[op.holder], rule: op.rule }).then((p) => (posting = p)));
                break;
              case 'redeem':
                outcome = await rejection(engine.points.redeem(ctx, SCHEME, { holder: ids[op.holder], item: op.item, quantity: op.quantity }).then((p) => (posting = p)));
                break;
              case 'reverse': {
                const target = model.postings[op.pick % Math.max(model.postings.length, 1)];
                outcome = target ? await rejection(engine.points.reverse(ctx, SCHEME, target.posting.id, { reason: '录入错误' })) : 'CONFLICT';
                break;
              }
              case 'time-earn':
                outcome = await rejection(engine.points.timeEarn(ctx, SCHEME, { holder: ids[op.holder], service: 'SJ-01', hours: op.hours }).then((p) => (posting = p)));
                break;
              case 'time-spend':
                outcome = await rejection(engine.points.timeSpend(ctx, SCHEME, { holder: ids[op.holder], hours: op.hours }).then((p) => (posting = p)));
                break;
            }
            expect([outcome, op]).toEqual([expected ? 'ok' : expect.stringMatching(/^(RULE_VIOLATED|CONFLICT)$/), op]);
            // A refused request leaves nothing behind.
            expect(await postingCount()).toBe(before + (expected ? 1 : 0));
            if (posting && 'holder' in op) model.postings.push({ posting, holder: op.holder, reversed: false });
          }
          for (const [i, id] of ids.entries()) {
            const account = await engine.points.account(ctx, SCHEME, id as string);
            expect([account.balance, account.timeBalance]).toEqual([model.balance[i], model.time[i]]);
          }
          expect(Object.fromEntries((await engine.points.items(ctx, SCHEME)).map((i) => [i.code, i.inStock]))).toEqual(model.stock);
          expect(await engine.points.verify()).toEqual([]);
        }),
        { numRuns: dialect === 'sqlite' ? 25 : 10 },
      );
    }, 240_000);

    it('caps a rule per account and period at its boundary, and opens it again in the next period', async () => {
      now = NOW;
      const [holder] = (await holders(1)) as [string];
      for (let i = 0; i < 20; i++) await engine.points.award(ctx, SCHEME, { holder, rule: 'WM-01' });
      await expect(engine.points.award(ctx, SCHEME, { holder, rule: 'WM-01' })).rejects.toMatchObject({ code: 'RULE_VIOLATED', message: expect.stringContaining('capped at 20') });
      expect(await balance(holder)).toBe(20);
      // 2026-11-30 23:59 China time is still November; 2026-12-01 00:00 is not.
      now = new Date('2026-11-30T15:59:00Z');
      await expect(engine.points.award(ctx, SCHEME, { holder, rule: 'WM-01' })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      now = new Date('2026-11-30T16:00:00Z');
      await engine.points.award(ctx, SCHEME, { holder, rule: 'WM-01' });
      expect(await balance(holder)).toBe(21);
      // Hours: 2 points an hour, 40 a month — 8 + 8 hours fit (32), 8 more (48) do not, 4 more (40) do.
      const claim = async (hours: number) => {
        const filed = await engine.points.claim(ctx, SCHEME, { holder, rule: 'ZY-01', quantity: hours });
        return engine.points.decide(ctx, SCHEME, filed.id, { approve: true, version: filed.version });
      };
      await claim(8);
      await claim(8);
      await expect(claim(8)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      await claim(4);
      expect(await balance(holder)).toBe(21 + 40);
      await expect(engine.points.claim(ctx, SCHEME, { holder, rule: 'ZY-01', quantity: 9 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a deduction or a redemption that would overdraw an account, writing nothing', async () => {
      now = NOW;
      const [holder] = (await holders(1)) as [string];
      await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01' });
      const before = await postingCount();
      await expect(engine.points.award(ctx, SCHEME, { holder, rule: 'FM-02' })).rejects.toMatchObject({ code: 'RULE_VIOLATED', message: expect.stringContaining('Not enough points') });
      await expect(engine.points.redeem(ctx, SCHEME, { holder, item: 'DH-04' })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      expect(await postingCount()).toBe(before);
      expect(await balance(holder)).toBe(5);
      expect(await engine.points.verify()).toEqual([]);
    });

    it('posts a retried request once: same key and body give the original posting, another body under the key is a 409', async () => {
      now = NOW;
      const [holder] = (await holders(1)) as [string];
      const key = `retry-${uuidv7()}`;
      const keyed = { ...ctx, idempotencyKey: key };
      const first = await engine.points.award(keyed, SCHEME, { holder, rule: 'ST-02' });
      const again = await engine.points.award(keyed, SCHEME, { holder, rule: 'ST-02' });
      expect(again).toEqual(first);
      const racing = await Promise.all(Array.from({ length: 5 }, () => engine.points.award({ ...ctx, idempotencyKey: `${key}-race` }, SCHEME, { holder, rule: 'ST-02' })));
      expect(new Set(racing.map((p) => p.id)).size).toBe(1);
      expect(await balance(holder)).toBe(10);
      await expect(engine.points.award(keyed, SCHEME, { holder, rule: 'ST-02', quantity: 1, memo: '改了' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(engine.points.redeem(keyed, SCHEME, { holder, item: 'DH-05' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await balance(holder)).toBe(10);
    });

    it('keeps postings and lines append-only in the database itself', async () => {
      const [holder] = (await holders(1)) as [string];
      const posting = await engine.points.award(ctx, SCHEME, { holder, rule: 'ST-02' });
      await expect(engine.db.kysely.updateTable(POSTINGS_TABLE).set({ amount: 500 }).where('id', '=', posting.id).execute()).rejects.toThrow(/append-only/);
      await expect(engine.db.kysely.deleteFrom(LINES_TABLE).where('posting_id', '=', posting.id).execute()).rejects.toThrow(/append-only/);
      await expect(engine.db.kysely.updateTable(LINES_TABLE).set({ amount: 0 }).where('posting_id', '=', posting.id).execute()).rejects.toThrow(/append-only/);
    });

    it('lapses points earned more than 24 months ago and not spent since, oldest first, once', async () => {
      now = new Date('2024-01-10T02:00:00Z');
      const [holder] = (await holders(1)) as [string];
      await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01' });
      await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01' });
      await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01' });
      now = new Date('2025-06-01T02:00:00Z');
      await engine.points.redeem(ctx, SCHEME, { holder, item: 'DH-04' });
      await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01' });
      // 15 earned in January 2024, 10 spent since: 5 of them lapse in February 2026; the 5 of June 2025 stay.
      now = new Date('2026-02-01T02:00:00Z');
      expect(await balance(holder)).toBe(10);
      const first = await engine.points.expire(ctx, SCHEME);
      expect(first.points).toBeGreaterThanOrEqual(5);
      expect(await balance(holder)).toBe(5);
      expect(await engine.points.expire(ctx, SCHEME)).toEqual({ accounts: 0, points: 0 });
      const history = await engine.points.postings(ctx, SCHEME, holder, { page: 1, pageSize: 10 });
      expect(history.data[0]).toMatchObject({ kind: 'expire', amount: 5, lines: [{ holder, amount: -5 }, { system: 'expired', amount: 5 }] });
      expect(await engine.points.verify()).toEqual([]);
    });

    it('lapses what is due in every scheme with an expiry as the system, on the scheduler’s run, and nothing on the next', async () => {
      now = new Date('2024-03-10T02:00:00Z');
      const [holder] = (await holders(1)) as [string];
      await engine.points.award(ctx, SCHEME, { holder, rule: 'ST-02' });
      now = new Date('2026-04-01T02:00:00Z');
      const before = await balance(holder);
      const reports = await expireDue(engine.points, engine.model);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ scheme: SCHEME });
      expect(reports[0]?.points).toBeGreaterThanOrEqual(5);
      expect(await balance(holder)).toBe(before - 5);
      const history = await engine.points.postings(ctx, SCHEME, holder, { page: 1, pageSize: 1 });
      expect(history.data[0]).toMatchObject({ kind: 'expire', actor: { id: 'system' } });
      expect(await expireDue(engine.points, engine.model)).toEqual([]);
      expect(await engine.points.verify()).toEqual([]);
    });

    it('hands out the last item once when many redeem it at the same moment', async () => {
      now = NOW;
      const buyers = await holders(8);
      for (const holder of buyers) await engine.points.award(ctx, SCHEME, { holder, rule: 'LZ-01', quantity: 1 }).then(() => engine.points.award(ctx, SCHEME, { holder, rule: 'ST-02' }));
      // Test setup only: the stock of DH-04 down to its last voucher.
      await engine.db.kysely.updateTable(STOCK_TABLE).set({ stock: 1 }).where('scheme_id', '=', SCHEME).where('item_code', '=', 'DH-04').execute();
      const outcomes = await Promise.all(buyers.map((holder) => rejection(engine.points.redeem(ctx, SCHEME, { holder, item: 'DH-04' }))));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'RULE_VIOLATED')).toHaveLength(7);
      expect((await engine.points.items(ctx, SCHEME)).find((i) => i.code === 'DH-04')?.inStock).toBe(0);
      expect(await engine.points.verify()).toEqual([]);
      const [row] = (await sql<{ n: unknown }>`select count(*) as n from ${sql.table(POSTINGS_TABLE)} where kind = 'redeem' and item_code = 'DH-04'`.execute(engine.db.kysely)).rows;
      expect(Number(row?.n)).toBeGreaterThanOrEqual(1);
    });
  });
}
