import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../api/env.ts';

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure on https. */
export const SESSION_COOKIE = 'zhili_session';

/** The header cookie-authenticated writes echo the session's CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** How the API sees the network in front of it. */
export interface ProxyOptions {
  /**
   * The server runs behind one reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto;
   * trust them for the client's address (login throttling) and for https (the Secure cookie).
   * Never set it on a server clients reach directly: they could then pick any address.
   * @default false
   */
  readonly trustProxy: boolean;
}

/** The credentials a request carries: a bearer token (API clients) or the session cookie (the admin). */
export type Credentials = { readonly kind: 'bearer' | 'cookie'; readonly token: string };

/** The request's credentials; an Authorization header wins over the cookie. */
export function credentialsOf(c: Context<AppEnv>): Credentials | null {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(authorization);
    return match?.[1] ? { kind: 'bearer', token: match[1] } : null;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { kind: 'cookie', token: cookie } : null;
}

/** Whether the client reached the server over https. */
export function isHttps(c: Context<AppEnv>, options: ProxyOptions): boolean {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-proto');
    if (forwarded) return forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The client's address: the socket's peer, or with a trusted proxy the address it saw. */
export function clientAddress(c: Context<AppEnv>, options: ProxyOptions): string {
  if (options.trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    // The last hop is the one the trusted proxy appended; earlier ones the client may have made up.
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress(c.env) ?? 'unknown';
}

/** The peer address from @hono/node-server's bindings; absent when the app is called in-process. */
function socketAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = env.incoming;
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return undefined;
  const socket = incoming.socket;
  if (typeof socket !== 'object' || socket === null || !('remoteAddress' in socket)) return undefined;
  return typeof socket.remoteAddress === 'string' ? socket.remoteAddress : undefined;
}

/** Sets the session cookie, living as long as the session. */
export function setSessionCookie(c: Context<AppEnv>, options: ProxyOptions & { readonly token: string; readonly expiresAt: string }): void {
  setCookie(c, SESSION_COOKIE, options.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c, options),
    expires: new Date(options.expiresAt),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(c: Context<AppEnv>, options: ProxyOptions): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c, options) });
}
