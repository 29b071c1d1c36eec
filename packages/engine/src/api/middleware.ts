import { negotiateLocale } from '@zhili/schemas';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { clearSessionCookie, credentialsOf, CSRF_HEADER } from '../auth/http.ts';
import type { ProxyOptions } from '../auth/http.ts';
import { secretsEqual } from '../auth/tokens.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { uuidv7 } from '../ids/uuid.ts';
import type { AppEnv } from './env.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Takes the caller's X-Request-Id when it is a short token, else makes one; echoes it in the response. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given !== undefined && REQUEST_ID.test(given) ? given : uuidv7();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
});

/** Puts the engine on the context. */
export function provideEngine(engine: Engine) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('engine', engine);
    await next();
  });
}

/**
 * The request's locale: `?locale=` when it names a supported language (zh, zh-CN, en, en-US …),
 * else the Accept-Language header, else the package's default locale.
 */
export const locale = createMiddleware<AppEnv>(async (c, next) => {
  const fromHeader = negotiateLocale(c.req.header('accept-language'), c.var.engine.model.locale);
  const requested = c.req.query('locale');
  c.set('locale', requested ? negotiateLocale(requested, fromHeader) : fromHeader);
  await next();
});

/** A route anyone may call without a session: exactly one path, or (with `prefix`) every path under it. */
export interface PublicRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly prefix?: boolean;
}

/**
 * The routes reachable without a session: the login, health, the OpenAPI document, the index
 * page and the public publications under /api/public/. Everything else answers 401 without one —
 * but for the built admin's files, which serveAdmin answers before any session is looked at.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = Object.freeze([
  { method: 'POST', path: '/api/auth/login' },
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/api/public/', prefix: true },
]);

/** Whether a request may go on without a session; HEAD is GET without the body. */
export function isPublicRoute(method: string, path: string): boolean {
  const asGet = method === 'HEAD' ? 'GET' : method;
  return PUBLIC_ROUTES.some((route) => route.method === asGet && (route.prefix ? path.startsWith(route.path) : path === route.path));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The acting user, from the session of the request's bearer token or cookie. Without a valid
 * session every route but the public ones is 401. A write (POST, PUT, PATCH, DELETE) authenticated
 * by the cookie must echo the session's CSRF token in X-CSRF-Token (403 otherwise): a browser
 * sends the cookie on its own, but only the admin's own pages can read the token. Bearer
 * requests need no CSRF token: no browser adds an Authorization header by itself.
 */
export function authenticate(options: ProxyOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const credentials = credentialsOf(c);
    const session = credentials ? await c.var.engine.auth.authenticate(credentials.token) : null;
    if (!credentials || !session) {
      if (credentials?.kind === 'cookie') clearSessionCookie(c, options);
      c.header('WWW-Authenticate', 'Bearer realm="zhili"');
      throw new EngineError(
        'UNAUTHORIZED',
        credentials
          ? { 'zh-CN': '登录已失效，请重新登录', en: 'The session has ended; please log in again' }
          : { 'zh-CN': '请先登录', en: 'Please log in first' },
      );
    }
    if (credentials.kind === 'cookie' && !SAFE_METHODS.has(c.req.method)) {
      const echoed = c.req.header(CSRF_HEADER);
      if (echoed === undefined || !secretsEqual(echoed, session.csrfToken)) {
        throw new EngineError('FORBIDDEN', {
          'zh-CN': `缺少或错误的 ${CSRF_HEADER} 请求头（见 GET /api/auth/me 的 csrfToken）`,
          en: `The ${CSRF_HEADER} header is missing or wrong (see csrfToken in GET /api/auth/me)`,
        });
      }
    }
    c.set('session', session);
    c.set('actor', session.actor);
    await next();
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * For requests that carry a body (POST, PUT, PATCH): refuses a body that is not JSON with 415 and
 * one over `maxBytes` with 413 — except the file uploads named in `uploads`, which take their own
 * media type up to their own size, whether or not the client sent Content-Length. Requests without a
 * body (a GET, a bare POST such as a logout) pass untouched — on the Node server, merely looking
 * at the body of a GET would build a full Request object, a measurable share of a list request's cost.
 */
export function jsonBody(maxBytes: number, uploads: readonly FileUpload[] = []) {
  const limit = limitTo(maxBytes);
  const uploadLimits = uploads.map((upload) => ({ upload, limit: limitTo(upload.maxBytes) }));
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!BODY_METHODS.has(c.req.method) || declaresNoBody(c.req.raw.headers)) return next();
    const type = c.req.header('content-type') ?? '';
    const upload = uploadLimits.find(({ upload }) => upload.path.test(c.req.path) && mediaType(type) === upload.type);
    if (upload) return upload.limit(c, next);
    const accepted = uploads.filter((u) => u.path.test(c.req.path)).map((u) => u.type);
    if (accepted.length > 0) {
      throw new EngineError('UNSUPPORTED_MEDIA_TYPE', {
        'zh-CN': `该接口接受的文件类型为 ${accepted.join('、')}，收到的是“${type || '无'}”`,
        en: `This endpoint takes a file of type ${accepted.join(', ')}, not "${type || 'none'}"`,
      });
    }
    if (!JSON_TYPE.test(type)) {
      throw new EngineError('UNSUPPORTED_MEDIA_TYPE', {
        'zh-CN': `请求体必须是 JSON（Content-Type: application/json），收到的是“${type || '无'}”`,
        en: `The request body must be JSON (Content-Type: application/json), not "${type || 'none'}"`,
      });
    }
    return limit(c, next);
  });
}

/** A route that takes a file as its raw request body (not JSON): its path, media type and largest size. */
export interface FileUpload {
  readonly path: RegExp;
  readonly type: string;
  readonly maxBytes: number;
}

function limitTo(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new EngineError('PAYLOAD_TOO_LARGE', {
        'zh-CN': `请求体超过 ${formatBytes(maxBytes)} 的上限`,
        en: `The request body exceeds the limit of ${formatBytes(maxBytes)}`,
      });
    },
  });
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** A POST without a body at all (POST /api/auth/logout): no type, no length or length 0, not chunked. */
function declaresNoBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return !headers.has('content-type') && !headers.has('transfer-encoding') && (length === null || length === '0');
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}
