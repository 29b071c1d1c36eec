import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import { errors } from '../errors/engine-error.ts';
import { clearSessionCookie, clientAddress, setSessionCookie } from './http.ts';
import type { ProxyOptions } from './http.ts';
import { LoginThrottledError } from './service.ts';

const REQUIRED: BilingualText = { 'zh-CN': '必填，且应为文本', en: 'Required, as text' };

/**
 * /api/auth: POST /login `{ username, password }` → `{ token, user, csrfToken }` and the session
 * cookie; POST /logout; GET /me → `{ user, assignments, csrfToken }`. Only /login is public.
 */
export function createAuthRoutes(options: ProxyOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/login', async (c) => {
    const body = await readJsonBody(c);
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    if (!fields) throw errors.badRequest({ 'zh-CN': '请求体应为 { username, password }', en: 'The body must be { username, password }' });
    const { username, password } = fields;
    if (typeof username !== 'string' || username.trim() === '' || typeof password !== 'string') {
      throw errors.validation({
        ...(typeof username === 'string' && username.trim() !== '' ? {} : { username: [REQUIRED] }),
        ...(typeof password === 'string' ? {} : { password: [REQUIRED] }),
      });
    }
    try {
      const session = await c.var.engine.auth.login({ username, password, ip: clientAddress(c, options) });
      setSessionCookie(c, { ...options, token: session.token, expiresAt: session.expiresAt });
      return c.json({ token: session.token, user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    } catch (error) {
      if (error instanceof LoginThrottledError) c.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });

  routes.post('/logout', async (c) => {
    await c.var.engine.auth.logout(c.var.session);
    clearSessionCookie(c, options);
    return c.body(null, 204);
  });

  routes.get('/me', (c) => {
    const { session } = c.var;
    return c.json({ user: session.user, assignments: session.actor.assignments, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  return routes;
}
