import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineMigrations } from '../storage/engine-migrations.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { createLoginThrottle, throttleKeys } from './throttle.ts';

const RULE = { maxFailures: 3, windowMs: 60_000, lockoutMs: 120_000 };
const T0 = Date.parse('2024-05-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

for (const dialect of DIALECTS) {
  describe(`login throttle (${dialect})`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await createTestDatabase(dialect);
      for (const migration of Object.values(engineMigrations(dialect))) await migration.up(db.kysely);
    });
    afterEach(async () => {
      await db.drop();
    });

    it('locks a key at the limit of failures within the window, for the lockout', async () => {
      const throttle = createLoginThrottle(db.kysely);
      const key = throttleKeys(' Wang.Li ', '10.0.0.1').account;
      expect(key).toBe('user:wang.li');
      await throttle.recordFailure({ key, rule: RULE, now: at(0) });
      await throttle.recordFailure({ key, rule: RULE, now: at(1_000) });
      expect(await throttle.lockedFor([key], at(2_000))).toBe(0);
      await throttle.recordFailure({ key, rule: RULE, now: at(2_000) });
      expect(await throttle.lockedFor([key], at(2_000))).toBe(120_000);
      expect(await throttle.lockedFor(['ip:other', key], at(62_000))).toBe(60_000);
      expect(await throttle.lockedFor([key], at(122_000))).toBe(0);
    });

    it('starts the count over once the window has passed', async () => {
      const throttle = createLoginThrottle(db.kysely);
      await throttle.recordFailure({ key: 'ip:a', rule: RULE, now: at(0) });
      await throttle.recordFailure({ key: 'ip:a', rule: RULE, now: at(1_000) });
      await throttle.recordFailure({ key: 'ip:a', rule: RULE, now: at(61_000) });
      await throttle.recordFailure({ key: 'ip:a', rule: RULE, now: at(62_000) });
      expect(await throttle.lockedFor(['ip:a'], at(62_000))).toBe(0);
    });

    it('counts concurrent failures from several connections, and forgets a cleared key', async () => {
      const throttle = createLoginThrottle(db.kysely);
      await Promise.all([0, 1, 2].map((i) => throttle.recordFailure({ key: 'user:x', rule: RULE, now: at(i) })));
      expect(await throttle.lockedFor(['user:x'], at(10))).toBeGreaterThan(0);
      await throttle.clear('user:x');
      expect(await throttle.lockedFor(['user:x'], at(10))).toBe(0);
    });
  });
}
