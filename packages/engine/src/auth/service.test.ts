import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allows } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { FIXTURE_PACKAGE, openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { LoginThrottledError } from './service.ts';

const GRID = '320404001001-01';
const GRID_PATH = '/320400/320404/320404001/320404001001/320404001001-01/';
const OTHER_GRID_PATH = '/320400/320411/320411001/320411001001/320411001001-01/';
const PASSWORD = 'grid-worker-pass';
const MINUTE = 60_000;

async function thrown(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

for (const dialect of DIALECTS) {
  describe(`auth service (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let clock = Date.parse('2024-05-01T08:00:00.000Z');

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, FIXTURE_PACKAGE, {
        auth: {
          scrypt: { N: 2 ** 12, r: 8, p: 1 },
          throttle: {
            account: { maxFailures: 3, windowMs: 10 * MINUTE, lockoutMs: 5 * MINUTE },
            ip: { maxFailures: 6, windowMs: 10 * MINUTE, lockoutMs: 20 * MINUTE },
          },
          sessions: { ttlMs: 60 * MINUTE, idleMs: 20 * MINUTE },
          now: () => new Date(clock),
        },
      });
      engine = fixture.engine;
    });
    afterAll(async () => {
      await fixture.drop();
    });
    beforeEach(async () => {
      clock += 24 * 60 * MINUTE;
      for (const table of ['zhili_sessions', 'zhili_user_roles', 'zhili_users', 'zhili_login_throttle']) await engine.db.kysely.deleteFrom(table).execute();
    });

    const auditRows = async (action: string) =>
      engine.db.kysely.selectFrom('zhili_audit').select(['actor_id', 'actor_name', 'action', 'org_path', 'detail']).where('action', '=', action).orderBy('seq').execute();

    it('logs in with the right password; the session acts with the grants of the roles held', async () => {
      const user = await engine.auth.addUser({ username: 'Wang.Li', password: PASSWORD, displayName: '王丽', roles: [{ role: 'grid-worker', orgCode: GRID }] });
      expect(user).toMatchObject({ username: 'wang.li', displayName: '王丽', disabled: false, roles: [{ role: 'grid-worker', orgCode: GRID }] });
      const login = await engine.auth.login({ username: 'WANG.LI', password: PASSWORD, ip: '10.0.0.1' });
      expect(login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(login.user).toEqual({ id: user.id, username: 'wang.li', displayName: '王丽' });
      expect(login.expiresAt).toBe(new Date(clock + 60 * MINUTE).toISOString());

      const session = await engine.auth.authenticate(login.token);
      expect(session?.actor).toMatchObject({ id: user.id, kind: 'user', sessionId: login.id, assignments: [{ role: 'grid-worker', orgCode: GRID, orgPath: GRID_PATH }] });
      expect(session?.csrfToken).toBe(login.csrfToken);
      expect(allows(session!.actor, 'households', 'update', GRID_PATH)).toBe(true);
      expect(allows(session!.actor, 'households', 'update', OTHER_GRID_PATH)).toBe(false);
      expect(allows(session!.actor, 'households', 'delete', GRID_PATH)).toBe(false);

      const stored = await engine.db.kysely.selectFrom('zhili_sessions').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(login.token);
      const users = await engine.db.kysely.selectFrom('zhili_users').select('password_hash').execute();
      expect(users[0]?.password_hash).toMatch(/^scrypt\$12\$8\$1\$/);

      const [audited] = await auditRows('login');
      expect(audited).toMatchObject({ actor_id: user.id, actor_name: 'wang.li', org_path: GRID_PATH });
    });

    it('refuses a wrong password, an unknown user and a disabled user with the same 401, and audits each', async () => {
      await engine.auth.addUser({ username: 'zhao', password: PASSWORD, roles: [] });
      await engine.auth.addUser({ username: 'qian', password: PASSWORD, roles: [] });
      await engine.auth.disableUser('qian');
      const errors = [
        await thrown(engine.auth.login({ username: 'zhao', password: 'wrong-password', ip: '10.0.0.2' })),
        await thrown(engine.auth.login({ username: 'nobody', password: PASSWORD, ip: '10.0.0.3' })),
        await thrown(engine.auth.login({ username: 'qian', password: PASSWORD, ip: '10.0.0.4' })),
      ];
      expect(errors.map((e) => [e.code, e.text.en])).toEqual(Array(3).fill(['UNAUTHORIZED', 'Wrong username or password']));
      const failed = await auditRows('login-failed');
      expect(failed.slice(-3).map((row) => JSON.parse(String(row.detail)) as unknown)).toEqual([
        { username: 'zhao', ip: '10.0.0.2', reason: 'wrong-password' },
        { username: 'nobody', ip: '10.0.0.3', reason: 'unknown-user' },
        { username: 'qian', ip: '10.0.0.4', reason: 'disabled' },
      ]);
      expect(await engine.db.kysely.selectFrom('zhili_sessions').selectAll().execute()).toEqual([]);
    });

    it('locks an account after repeated failures, even for the right password, and lets it in after the lockout', async () => {
      await engine.auth.addUser({ username: 'sun', password: PASSWORD, roles: [] });
      for (let i = 0; i < 3; i++) expect((await thrown(engine.auth.login({ username: 'sun', password: `wrong-${i}`, ip: `10.1.0.${i}` }))).code).toBe('UNAUTHORIZED');
      const locked = await thrown(engine.auth.login({ username: 'sun', password: PASSWORD, ip: '10.1.0.9' }));
      expect(locked).toBeInstanceOf(LoginThrottledError);
      expect(locked.status).toBe(429);
      expect((locked as LoginThrottledError).retryAfterSeconds).toBe(300);
      clock += 2 * MINUTE;
      expect(((await thrown(engine.auth.login({ username: 'sun', password: PASSWORD, ip: '10.1.0.9' }))) as LoginThrottledError).retryAfterSeconds).toBe(180);
      clock += 3 * MINUTE;
      expect((await engine.auth.login({ username: 'sun', password: PASSWORD, ip: '10.1.0.9' })).user.username).toBe('sun');
    });

    it('locks an address trying many accounts, without locking those accounts elsewhere', async () => {
      await engine.auth.addUser({ username: 'zhou', password: PASSWORD, roles: [] });
      for (let i = 0; i < 6; i++) await thrown(engine.auth.login({ username: `guess-${i}`, password: 'whatever-1', ip: '192.0.2.7' }));
      const locked = await thrown(engine.auth.login({ username: 'zhou', password: PASSWORD, ip: '192.0.2.7' }));
      expect((locked as LoginThrottledError).retryAfterSeconds).toBe(1200);
      expect((await engine.auth.login({ username: 'zhou', password: PASSWORD, ip: '192.0.2.8' })).user.username).toBe('zhou');
    });

    it('ends a session at logout, at its expiry, after idling, and when its user is disabled or changes password', async () => {
      await engine.auth.addUser({ username: 'wu', password: PASSWORD, roles: [] });
      const login = () => engine.auth.login({ username: 'wu', password: PASSWORD, ip: '10.2.0.1' });

      const first = await login();
      const session = await engine.auth.authenticate(first.token);
      await engine.auth.logout(session!);
      expect(await engine.auth.authenticate(first.token)).toBeNull();
      expect((await auditRows('logout')).at(-1)).toMatchObject({ actor_name: 'wu' });

      const active = await login();
      for (let i = 0; i < 5; i++) {
        clock += 15 * MINUTE;
        if (i < 3) expect(await engine.auth.authenticate(active.token), `after ${(i + 1) * 15} min`).not.toBeNull();
      }
      expect(await engine.auth.authenticate(active.token)).toBeNull();

      const idle = await login();
      clock += 20 * MINUTE;
      expect(await engine.auth.authenticate(idle.token)).toBeNull();

      const beforePasswd = await login();
      await engine.auth.setPassword({ username: 'wu', password: 'a-new-password' });
      expect(await engine.auth.authenticate(beforePasswd.token)).toBeNull();
      expect((await thrown(login())).code).toBe('UNAUTHORIZED');
      const afterPasswd = await engine.auth.login({ username: 'wu', password: 'a-new-password', ip: '10.2.0.1' });
      await engine.auth.disableUser('wu');
      expect(await engine.auth.authenticate(afterPasswd.token)).toBeNull();
      expect(await engine.auth.authenticate('not a token')).toBeNull();
      expect(await engine.auth.authenticate('A'.repeat(43))).toBeNull();
    });

    it('refuses bad new users: taken name, short password, unknown role or unit — writing nothing', async () => {
      await engine.auth.addUser({ username: 'zheng', password: PASSWORD, roles: [] });
      expect((await thrown(engine.auth.addUser({ username: 'Zheng', password: PASSWORD, roles: [] }))).code).toBe('CONFLICT');
      const invalid = await thrown(
        engine.auth.addUser({ username: '王', password: 'short', roles: [{ role: 'emperor', orgCode: GRID }, { role: 'admin', orgCode: '999' }] }),
      );
      expect(invalid.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(['password', 'roles.0.role', 'roles.1.orgCode', 'username']);
      expect((await thrown(engine.auth.setPassword({ username: 'zheng', password: 'short' }))).code).toBe('VALIDATION_FAILED');
      expect((await thrown(engine.auth.disableUser('nobody'))).code).toBe('NOT_FOUND');
      expect((await engine.auth.listUsers()).map((u) => u.username)).toEqual(['zheng']);
    });
  });
}
