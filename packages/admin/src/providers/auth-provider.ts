import type { AuthProvider, HttpError } from '@refinedev/core';
import { isRecord, requestJson } from './http.ts';
import type { EngineClient } from './http.ts';

/**
 * The Refine auth provider for the engine's sessions: login and logout through /api/auth, check and
 * identity through GET /api/auth/me, keeping the session's CSRF token for writes. `session.signedIn`
 * runs after a login (the app reloads /api/meta for the new actor); `session.signedOut` after a
 * logout, and leaves the app — the admin loads /login afresh, so nothing of the previous user's
 * data (query caches, meta) stays in the page, and no client-side redirect races the cached
 * authentication state.
 */
export interface SessionEvents {
  signedIn(): void;
  signedOut(): void;
}

export function createAuthProvider(client: EngineClient, session: SessionEvents): AuthProvider {
  const me = async (): Promise<Record<string, unknown>> => {
    const body = await requestJson(client, { method: 'GET', path: '/auth/me' });
    const record = isRecord(body) ? body : {};
    if (typeof record['csrfToken'] === 'string') client.csrf.set(record['csrfToken']);
    return record;
  };
  return {
    login: async (params: { username?: string; password?: string }) => {
      try {
        const body = await requestJson(client, {
          method: 'POST',
          path: '/auth/login',
          body: { username: params.username ?? '', password: params.password ?? '' },
        });
        if (isRecord(body) && typeof body['csrfToken'] === 'string') client.csrf.set(body['csrfToken']);
        session.signedIn();
        return { success: true, redirectTo: '/' };
      } catch (error) {
        return { success: false, error: { name: (error as HttpError).message, message: (error as HttpError).message } };
      }
    },
    logout: async () => {
      try {
        await requestJson(client, { method: 'POST', path: '/auth/logout' });
      } catch {
        // The session may be gone already; the user is logged out either way.
      }
      client.csrf.set(null);
      session.signedOut();
      return { success: true };
    },
    check: async () => {
      try {
        await me();
        return { authenticated: true };
      } catch {
        return { authenticated: false, redirectTo: '/login', logout: true };
      }
    },
    onError: async (error: HttpError) => (error.statusCode === 401 ? { logout: true, redirectTo: '/login' } : {}),
    getIdentity: async () => {
      const user = (await me())['user'];
      if (!isRecord(user)) return null;
      return { id: user['id'], name: user['displayName'] ?? user['username'] };
    },
  };
}
