import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import { FIXTURE_PACKAGE, openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';

const GRID = '320404001001-01';
const PASSWORD = 'wangli-password';
const MINUTE = 60_000;

interface Body {
  [key: string]: unknown;
  code?: string;
  message?: string;
}

for (const dialect of DIALECTS) {
  describe(`/api/auth (${dialect})`, () => {
    let fixture: FixtureEngine;
    let app: Hono<AppEnv>;

    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    const login = (username = 'wangli', password = PASSWORD, headers: Record<string, string> = {}) => post('/api/auth/login', { username, password }, headers);
    const cookieOf = (response: Response): string => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const household = { orgCode: GRID, address: '兰陵苑1幢', householderName: '王建国', memberCount: 2 };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, FIXTURE_PACKAGE, {
        auth: { scrypt: { N: 2 ** 12, r: 8, p: 1 }, throttle: { account: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE }, ip: { maxFailures: 12, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE } } },
      });
      app = createApp(fixture.engine);
      await fixture.engine.auth.addUser({ username: 'wangli', password: PASSWORD, displayName: '王丽', roles: [{ role: 'grid-worker', orgCode: GRID }] });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('logs in: an HttpOnly SameSite=Lax cookie and { token, user, csrfToken }; GET /me names the user and its roles', async () => {
      const response = await login('WangLi');
      expect(response.status).toBe(200);
      const body = (await response.json()) as Body & { token: string; csrfToken: string };
      expect(body).toMatchObject({ user: { username: 'wangli', displayName: '王丽' } });
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(new RegExp(`^zhili_session=${body.token};`));
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/);

      const me = await app.request('/api/auth/me', { headers: { cookie: cookieOf(response) } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        user: { username: 'wangli', displayName: '王丽' },
        assignments: [{ role: 'grid-worker', orgCode: GRID, orgPath: expect.stringMatching(/\/320404001001-01\/$/) }],
        csrfToken: body.csrfToken,
      });
    });

    it('makes cookie-authenticated writes echo the CSRF token (403 otherwise), and reads need none', async () => {
      const response = await login();
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      const cookie = cookieOf(response);
      expect((await app.request('/api/r/households', { headers: { cookie } })).status).toBe(200);
      const missing = await post('/api/r/households', household, { cookie });
      expect(missing.status).toBe(403);
      expect(((await missing.json()) as Body).message).toContain('X-CSRF-Token');
      expect((await post('/api/r/households', household, { cookie, 'x-csrf-token': 'A'.repeat(43) })).status).toBe(403);
      const created = await post('/api/r/households', household, { cookie, 'x-csrf-token': csrfToken });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await app.request(`/api/r/households/${id}?version=1`, { method: 'DELETE', headers: { cookie } })).status).toBe(403);
    });

    it('takes the token as a bearer: writes need no CSRF token', async () => {
      const { token } = (await (await login()).json()) as { token: string };
      const created = await post('/api/r/households', household, { authorization: `Bearer ${token}` });
      expect(created.status).toBe(201);
      expect((await app.request('/api/auth/me', { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    });

    it('answers 401 without a session or with an unknown one, with WWW-Authenticate, and clears a dead cookie', async () => {
      const none = await app.request('/api/r/households');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="zhili"');
      expect(await none.json()).toMatchObject({ code: 'UNAUTHORIZED', message: '请先登录' });
      const english = await app.request('/api/auth/me?locale=en');
      expect(((await english.json()) as Body).message).toBe('Please log in first');
      expect((await app.request('/api/auth/me', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
      expect((await app.request('/api/auth/me', { headers: { authorization: 'Basic d2FuZ2xpOng=' } })).status).toBe(401);
      const dead = await app.request('/api/auth/me', { headers: { cookie: `zhili_session=${'B'.repeat(43)}` } });
      expect(dead.status).toBe(401);
      expect(((await dead.json()) as Body).message).toBe('登录已失效，请重新登录');
      expect(dead.headers.get('set-cookie')).toMatch(/^zhili_session=; Max-Age=0/);
    });

    it('logs out: the session ends, the cookie is cleared, the token no longer works', async () => {
      const response = await login();
      const { token, csrfToken } = (await response.json()) as { token: string; csrfToken: string };
      const cookie = cookieOf(response);
      expect((await app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(403);
      const out = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/^zhili_session=; Max-Age=0/);
      expect((await app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

      const bearer = ((await (await login()).json()) as { token: string }).token;
      expect((await app.request('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${bearer}` } })).status).toBe(204);
      expect((await app.request('/api/auth/me', { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(401);
    });

    it('refuses bad login bodies with 400 and wrong credentials with one 401', async () => {
      expect((await post('/api/auth/login', { username: 'wangli' })).status).toBe(400);
      const invalid = await post('/api/auth/login', { username: 7, password: null });
      expect(Object.keys(((await invalid.json()) as { errors: object }).errors).sort()).toEqual(['password', 'username']);
      expect((await post('/api/auth/login', ['wangli', PASSWORD])).status).toBe(400);
      const wrong = await login('wangli', 'not-the-password');
      expect(wrong.status).toBe(401);
      const unknown = await login('nobody', PASSWORD);
      expect(await unknown.json()).toEqual(await wrong.json());
      expect(wrong.headers.get('set-cookie')).toBeNull();
    });

    it('marks the cookie Secure over https, and behind a trusted proxy that says so', async () => {
      const direct = await app.request('https://zhili.example/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'wangli', password: PASSWORD }),
        headers: { 'content-type': 'application/json' },
      });
      expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
      expect((await login('wangli', PASSWORD, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).not.toMatch(/; Secure/);
      const proxied = createApp(fixture.engine, { trustProxy: true });
      const behind = await proxied.request('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'wangli', password: PASSWORD }),
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      });
      expect(behind.headers.get('set-cookie')).toMatch(/; Secure/);
    });

    it('throttles failed logins: 429 with Retry-After, per account, and per address behind a trusted proxy', async () => {
      await fixture.engine.auth.addUser({ username: 'target', password: PASSWORD, roles: [] });
      for (let i = 0; i < 5; i++) expect((await login('target', `wrong-${i}`)).status).toBe(401);
      const locked = await login('target', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('900');
      expect(await locked.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '登录失败次数过多，请 15 分钟后再试' });

      const proxied = createApp(fixture.engine, { trustProxy: true });
      const from = (address: string, username: string, password: string) =>
        proxied.request('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username, password }),
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.99, ${address}` },
        });
      for (let i = 0; i < 12; i++) await from('198.51.100.1', `guess-${i % 4}-${i}`, 'x-password');
      expect((await from('198.51.100.1', 'wangli', PASSWORD)).status).toBe(429);
      expect((await from('198.51.100.2', 'wangli', PASSWORD)).status).toBe(200);
    });
  });
}
