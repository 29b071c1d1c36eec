import { negotiateLocale } from '@zhili/schemas';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { DEV_ACTOR } from '../actor/actor.ts';
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

/** The acting user. Until authentication lands, every request acts as the development actor. */
export const actor = createMiddleware<AppEnv>(async (c, next) => {
  c.set('actor', DEV_ACTOR);
  await next();
});

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * For requests that carry a body (POST, PUT, PATCH): refuses a body that is not JSON with 415 and
 * one over `maxBytes` with 413, whether or not the client sent Content-Length. Requests without a
 * body pass untouched — on the Node server, merely looking at the body of a GET would build a
 * full Request object, a measurable share of a list request's cost.
 */
export function jsonBody(maxBytes: number) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new EngineError('PAYLOAD_TOO_LARGE', {
        'zh-CN': `请求体超过 ${formatBytes(maxBytes)} 的上限`,
        en: `The request body exceeds the limit of ${formatBytes(maxBytes)}`,
      });
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      throw new EngineError('UNSUPPORTED_MEDIA_TYPE', {
        'zh-CN': `请求体必须是 JSON（Content-Type: application/json），收到的是“${type || '无'}”`,
        en: `The request body must be JSON (Content-Type: application/json), not "${type || 'none'}"`,
      });
    }
    return limit(c, next);
  });
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}
