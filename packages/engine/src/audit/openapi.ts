import type { BilingualText, Locale } from '@zhili/schemas';
import { MAX_PAGE_SIZE } from '../resources/query.ts';
import { AUDIT_ACTIONS, DEFAULT_AUDIT_PAGE_SIZE } from './log.ts';

type Json = { [key: string]: unknown };

/**
 * The path item of GET /api/audit for the API's OpenAPI document, texts in one locale. Error
 * responses and the locale parameter refer to the document's shared components.
 */
export function auditOpenApiPaths(locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  const query = (name: string, schema: Json, description: BilingualText): Json => ({ name, in: 'query', required: false, schema, description: t(description) });
  const nullableText = { type: ['string', 'null'] };
  const entry: Json = {
    type: 'object',
    required: ['seq', 'at', 'actorId', 'actorName', 'sessionId', 'action', 'resource', 'recordId', 'orgPath', 'detail', 'prevHash', 'hash'],
    properties: {
      seq: { type: 'integer', minimum: 1, description: t({ 'zh-CN': '序号，从 1 起连续', en: 'Sequence number, consecutive from 1' }) },
      at: { type: 'string', format: 'date-time' },
      actorId: { type: 'string' },
      actorName: { type: 'string', description: t({ 'zh-CN': '操作者当时的用户名', en: "The actor's username at the time" }) },
      sessionId: nullableText,
      action: { type: 'string', enum: [...AUDIT_ACTIONS] },
      resource: nullableText,
      recordId: nullableText,
      orgPath: nullableText,
      detail: { description: t({ 'zh-CN': '详情，如修改前后的差异（个人信息已脱敏）', en: 'Details, e.g. the before/after diff of a write (personal data masked)' }) },
      prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  };
  return {
    '/api/audit': {
      get: {
        operationId: 'list_audit',
        summary: t({ 'zh-CN': '审计日志（按时间倒序，限于操作者对 audit 的读取范围）', en: "The audit log, newest first, within the actor's read grants for audit" }),
        parameters: [
          query('action', { type: 'string', enum: [...AUDIT_ACTIONS] }, { 'zh-CN': '操作类型', en: 'Kind of event' }),
          query('resource', { type: 'string' }, { 'zh-CN': '资源 id', en: 'Resource id' }),
          query('recordId', { type: 'string' }, { 'zh-CN': '记录 id', en: 'Record id' }),
          query('actorId', { type: 'string' }, { 'zh-CN': '操作者的用户 id', en: "The actor's user id" }),
          query('from', { type: 'string' }, { 'zh-CN': '起始时间（含），ISO-8601', en: 'From this time (inclusive), ISO-8601' }),
          query('to', { type: 'string' }, { 'zh-CN': '截止时间（不含），ISO-8601', en: 'Until this time (exclusive), ISO-8601' }),
          query('page', { type: 'integer', minimum: 1, default: 1 }, { 'zh-CN': '页码，从 1 开始', en: 'Page number, from 1' }),
          query('pageSize', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_AUDIT_PAGE_SIZE }, { 'zh-CN': '每页条数', en: 'Rows per page' }),
          { $ref: '#/components/parameters/locale' },
        ],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data', 'total', 'page', 'pageSize'],
                  properties: {
                    data: { type: 'array', items: entry },
                    total: { type: 'integer', minimum: 0 },
                    page: { type: 'integer', minimum: 1 },
                    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
                  },
                },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '403': { $ref: '#/components/responses/Forbidden' },
        },
      },
    },
  };
}
