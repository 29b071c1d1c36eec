import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** How many failed logins a key may have within a window before it is locked, and for how long. */
export interface ThrottleRule {
  /** Failures within `windowMs` that lock the key. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a key stays locked once it reaches `maxFailures`. */
  readonly lockoutMs: number;
}

/** Limits on failed logins: per account (username) and per client address. */
export interface ThrottlePolicy {
  readonly account: ThrottleRule;
  readonly ip: ThrottleRule;
}

const MINUTE = 60_000;

/**
 * 5 failures in 15 minutes lock an account for 15 minutes; 30 failures in 15 minutes lock an
 * address (many accounts tried from one place) for 30 minutes.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = Object.freeze({
  account: Object.freeze({ maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE }),
  ip: Object.freeze({ maxFailures: 30, windowMs: 15 * MINUTE, lockoutMs: 30 * MINUTE }),
});

/** A throttle key of an account or an address; usernames are compared case-insensitively. */
export function throttleKeys(username: string, ip: string): { readonly account: string; readonly ip: string } {
  return { account: `user:${username.trim().toLowerCase()}`, ip: `ip:${ip}` };
}

/** Failed-login counters in zhili_login_throttle, shared by every API process on the database. */
export interface LoginThrottle {
  /** Milliseconds until the latest lock among `keys` ends, or 0 when none is locked. */
  lockedFor(keys: readonly string[], now: Date): Promise<number>;
  /** Counts a failure against a key, and locks it when it reaches the rule's limit. */
  recordFailure(options: { readonly key: string; readonly rule: ThrottleRule; readonly now: Date }): Promise<void>;
  /** Forgets a key's failures (an account after a successful login). */
  clear(key: string): Promise<void>;
}

interface ThrottleRow {
  failures: number | string;
  window_start: string;
}

/**
 * The throttle over a database. Each failure is one atomic upsert, so concurrent failures from
 * several processes are all counted: a window that has passed starts over at 1.
 */
// Kysely<any>: engine tables have no static table map (see Database.kysely).
export function createLoginThrottle(db: Kysely<any>): LoginThrottle {
  return {
    async lockedFor(keys, now) {
      if (keys.length === 0) return 0;
      const rows = await db
        .selectFrom('zhili_login_throttle')
        .select('locked_until')
        .where('key', 'in', [...keys])
        .where('locked_until', '>', now.toISOString())
        .execute();
      const until = Math.max(0, ...rows.map((row) => Date.parse(String(row.locked_until))));
      return Math.max(0, until - now.getTime());
    },

    async recordFailure({ key, rule, now }) {
      const at = now.toISOString();
      const windowOpenedAfter = new Date(now.getTime() - rule.windowMs).toISOString();
      const expired = sql<boolean>`zhili_login_throttle.window_start <= ${windowOpenedAfter}`;
      const row = (await db
        .insertInto('zhili_login_throttle')
        .values({ key, failures: 1, window_start: at, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`case when ${expired} then 1 else zhili_login_throttle.failures + 1 end`,
            window_start: sql`case when ${expired} then ${at} else zhili_login_throttle.window_start end`,
          }),
        )
        .returning(['failures', 'window_start'])
        .executeTakeFirstOrThrow()) as ThrottleRow;
      if (Number(row.failures) < rule.maxFailures) return;
      await db
        .updateTable('zhili_login_throttle')
        .set({ locked_until: new Date(now.getTime() + rule.lockoutMs).toISOString(), failures: 0, window_start: at })
        .where('key', '=', key)
        .execute();
    },

    async clear(key) {
      await db.deleteFrom('zhili_login_throttle').where('key', '=', key).execute();
    },
  };
}
