import type { AuthProvider, HttpError } from '@refinedev/core';
import { isRecord, requestJson } from './http.ts';
import type { EngineClient } from './http.ts';

/**
 * The Refine auth provider for the engine's sessions: login and logout through /api/auth, check and
 * identity through GET /api/auth/me, keeping the session's CSRF token for writes. `onSessionChange`
 * runs after a login or a logout (the app reloads /api/meta for the new actor).
 */
export function createAuthProvider(client: EngineClient, onSessionChange: () => void): AuthProvider {
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
        onSessionChange();
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
      onSessionChange();
      return { success: true, redirectTo: '/login' };
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
