import type { Hono } from 'hono';
import type { AppEnv } from '../api/env.ts';
import type { LoginResult, UserRole } from '../auth/service.ts';
import type { Engine } from '../engine.ts';

/** The password of every user {@link signIn} creates. */
export const TEST_PASSWORD = 'test-password-123';

let users = 0;

/** A user signed in for a test: the session, and the header that authenticates as it. */
export interface SignedIn extends LoginResult {
  readonly headers: { readonly authorization: string };
}

/**
 * Creates a user holding `roles` (role ids of the engine's model at org unit codes) and logs it in
 * through the auth service, as a real client would over POST /api/auth/login.
 */
export async function signIn(engine: Engine, options: { readonly roles: readonly UserRole[]; readonly username?: string }): Promise<SignedIn> {
  const username = options.username ?? `test-user-${++users}`;
  await engine.auth.addUser({ username, password: TEST_PASSWORD, roles: options.roles });
  const session = await engine.auth.login({ username, password: TEST_PASSWORD, ip: '127.0.0.1' });
  return { ...session, headers: { authorization: `Bearer ${session.token}` } };
}

/** The part of an app a test client calls. */
export interface TestClient {
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** The app as one API client: every request carries the bearer token (headers the test gives win). */
export function asClient(app: Hono<AppEnv>, signedIn: Pick<SignedIn, 'token'>): TestClient {
  return {
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${signedIn.token}`);
      return app.request(path, { ...init, headers });
    },
  };
}
