import type { BilingualText, Locale } from '@zhili/schemas';
import { CSRF_HEADER, SESSION_COOKIE } from './http.ts';

type Json = { [key: string]: unknown };

/** The two ways a request carries its session, as OpenAPI security schemes. */
export function authSecuritySchemes(locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  return {
    bearer: { type: 'http', scheme: 'bearer', description: t({ 'zh-CN': 'POST /api/auth/login 返回的 token', en: 'The token POST /api/auth/login returns' }) },
    cookie: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: t({
        'zh-CN': `登录时设置的会话 Cookie；写操作还须在 ${CSRF_HEADER} 请求头中带上 csrfToken`,
        en: `The session cookie login sets; writes must also send the csrfToken in the ${CSRF_HEADER} header`,
      }),
    },
  };
}

/**
 * The path items of /api/auth for the API's OpenAPI document, texts in one locale. Error responses
 * refer to the document's shared components.
 */
export function authOpenApiPaths(locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  const error = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
  const user: Json = {
    type: 'object',
    required: ['id', 'username', 'displayName'],
    properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' } },
  };
  const session = (extra: Json): Json => ({
    type: 'object',
    required: ['user', 'csrfToken', 'expiresAt', ...Object.keys(extra)],
    properties: {
      ...extra,
      user,
      csrfToken: { type: 'string', description: t({ 'zh-CN': `Cookie 会话的写操作须在 ${CSRF_HEADER} 中带上它`, en: `Cookie-authenticated writes send it in ${CSRF_HEADER}` }) },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  });
  return {
    '/api/auth/login': {
      post: {
        operationId: 'login',
        summary: t({ 'zh-CN': '登录：设置会话 Cookie 并返回 token', en: 'Log in: sets the session cookie and returns a token' }),
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: session({ token: { type: 'string', description: t({ 'zh-CN': '用作 Authorization: Bearer', en: 'Use as Authorization: Bearer' }) } }) } },
          },
          '400': error('BadRequest'),
          '401': error('Unauthorized'),
          '429': {
            description: t({ 'zh-CN': '登录失败次数过多；Retry-After 给出等待秒数', en: 'Too many failed logins; Retry-After gives the seconds to wait' }),
            headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
    '/api/auth/logout': {
      post: {
        operationId: 'logout',
        summary: t({ 'zh-CN': '退出登录：结束会话', en: 'Log out: ends the session' }),
        responses: { '204': { description: t({ 'zh-CN': '会话已结束', en: 'The session has ended' }) }, '401': error('Unauthorized'), '403': error('Forbidden') },
      },
    },
    '/api/auth/me': {
      get: {
        operationId: 'me',
        summary: t({ 'zh-CN': '当前用户及其在各单位的角色', en: 'The current user and the roles it holds where' }),
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: session({
                  assignments: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['role', 'orgCode', 'orgPath'],
                      properties: { role: { type: 'string' }, orgCode: { type: 'string' }, orgPath: { type: 'string' } },
                    },
                  },
                }),
              },
            },
          },
          '401': error('Unauthorized'),
        },
      },
    },
  };
}
