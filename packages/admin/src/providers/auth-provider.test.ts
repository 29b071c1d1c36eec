import { describe, expect, it } from 'vitest';
import { createAuthProvider } from './auth-provider.ts';
import { createCsrfTokenStore } from './http.ts';
import type { FetchFunction } from './http.ts';

/** A fake engine answering by method and path. */
function fakeEngine(routes: Record<string, { status: number; body?: unknown }>) {
  const calls: string[] = [];
  const fetch: FetchFunction = async (url, init = {}) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push(key);
    const route = routes[key] ?? { status: 404, body: { message: '未找到', statusCode: 404 } };
    return new Response(route.body === undefined ? null : JSON.stringify(route.body), { status: route.status });
  };
  const csrf = createCsrfTokenStore();
  const events: string[] = [];
  const auth = createAuthProvider(
    { fetch, apiUrl: '/api', csrf, locale: () => 'zh-CN' },
    { signedIn: () => events.push('signed in'), signedOut: () => events.push('signed out') },
  );
  return { auth, csrf, calls, events };
}

describe('auth provider', () => {
  it('logs in, keeps the CSRF token and tells the app the session changed', async () => {
    const engine = fakeEngine({ 'POST /api/auth/login': { status: 200, body: { token: 't', csrfToken: 'c1', user: { id: 'u1' } } } });
    expect(await engine.auth.login({ username: 'grid-worker', password: 'zhili-demo' })).toEqual({ success: true, redirectTo: '/' });
    expect(engine.csrf.get()).toBe('c1');
    expect(engine.events).toEqual(['signed in']);
  });

  it('answers a failed login with the engine’s message', async () => {
    const engine = fakeEngine({ 'POST /api/auth/login': { status: 401, body: { message: '用户名或密码错误', statusCode: 401 } } });
    expect(await engine.auth.login({ username: 'x', password: 'y' })).toEqual({
      success: false,
      error: { name: '用户名或密码错误', message: '用户名或密码错误' },
    });
    expect(engine.events).toEqual([]);
  });

  it('checks the session with /me, taking its CSRF token and the identity', async () => {
    const engine = fakeEngine({
      'GET /api/auth/me': { status: 200, body: { user: { id: 'u1', username: 'grid-worker', displayName: '网格员' }, csrfToken: 'c2' } },
    });
    expect(await engine.auth.check()).toEqual({ authenticated: true });
    expect(engine.csrf.get()).toBe('c2');
    expect(await engine.auth.getIdentity?.()).toEqual({ id: 'u1', name: '网格员' });
  });

  it('sends to the login page when there is no session, and logs out on a 401 only', async () => {
    const engine = fakeEngine({ 'GET /api/auth/me': { status: 401, body: { message: '请先登录', statusCode: 401 } } });
    expect(await engine.auth.check()).toEqual({ authenticated: false, redirectTo: '/login', logout: true });
    expect(await engine.auth.onError({ statusCode: 401, message: '请先登录' })).toEqual({ logout: true, redirectTo: '/login' });
    expect(await engine.auth.onError({ statusCode: 409, message: '冲突' })).toEqual({});
  });

  it('logs out even when the session is already gone, forgetting the CSRF token and leaving the app', async () => {
    const engine = fakeEngine({ 'POST /api/auth/logout': { status: 401, body: { message: '请先登录', statusCode: 401 } } });
    engine.csrf.set('c1');
    expect(await engine.auth.logout({})).toEqual({ success: true });
    expect(engine.csrf.get()).toBeNull();
    expect(engine.events).toEqual(['signed out']);
  });
});
