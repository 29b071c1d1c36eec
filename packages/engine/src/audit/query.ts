/**
 * The query syntax of `GET /api/audit` (all parameters optional, each at most once, combined with AND):
 *
 *   action=create|update|delete|pii-read|login|logout|login-failed
 *   resource=<resource id>      recordId=<record id>      actorId=<user id>
 *   from=<ISO-8601>             rows at or after this instant; a date alone (2024-05-01) is 00:00 UTC
 *   to=<ISO-8601>               rows before this instant
 *   page=N                      1-based page number. Default 1.
 *   pageSize=N                  rows per page, 1–200. Default 50.
 *   locale=zh-CN|en             language of messages (read by the HTTP layer).
 *
 * Anything else — an unknown parameter, an unknown action, a malformed time, a page out of range —
 * is a 400 whose `errors` are keyed by the parameter.
 */
import type { BilingualText } from '@zhili/schemas';
import { errors } from '../errors/engine-error.ts';
import type { FieldErrors } from '../errors/engine-error.ts';
import { MAX_PAGE_SIZE } from '../resources/query.ts';
import { AUDIT_ACTIONS, DEFAULT_AUDIT_PAGE_SIZE } from './log.ts';
import type { AuditAction, AuditQuery } from './log.ts';

const PARAMETERS = ['action', 'resource', 'recordId', 'actorId', 'from', 'to', 'page', 'pageSize', 'locale'] as const;
const PARAMETER_SET: ReadonlySet<string> = new Set(PARAMETERS);
const ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const MAX_TEXT = 200;

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Parses the query string of GET /api/audit; BAD_REQUEST listing every problem. */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const issues: Record<string, BilingualText[]> = {};
  const add = (key: string, text: BilingualText): void => {
    (issues[key] ??= []).push(text);
  };
  for (const key of new Set(params.keys())) {
    if (!PARAMETER_SET.has(key)) add(key, bi(`未知的查询参数，可用：${PARAMETERS.join('、')}`, `unknown parameter; known: ${PARAMETERS.join(', ')}`));
    else if (params.getAll(key).length > 1) add(key, bi('只能出现一次', 'may be given only once'));
  }

  const text = (key: string): string | undefined => {
    const value = params.get(key);
    if (value === null) return undefined;
    if (value === '' || value.length > MAX_TEXT) add(key, bi(`应为 1 到 ${MAX_TEXT} 个字符`, `must be 1 to ${MAX_TEXT} characters`));
    return value;
  };
  const instant = (key: string): string | undefined => {
    const value = params.get(key);
    if (value === null) return undefined;
    const time = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(time)) {
      add(key, bi('应为 ISO-8601 时间，如 2024-05-01 或 2024-05-01T08:00:00+08:00', 'must be an ISO-8601 time, e.g. 2024-05-01 or 2024-05-01T08:00:00+08:00'));
      return undefined;
    }
    return new Date(time).toISOString();
  };
  const positive = (key: string, fallback: number): number => {
    const value = params.get(key);
    if (value === null) return fallback;
    const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!(number >= 1)) add(key, bi('应为正整数', 'must be a positive integer'));
    return number;
  };

  const action = params.get('action');
  if (action !== null && !ACTION_SET.has(action)) add('action', bi(`应为 ${AUDIT_ACTIONS.join('、')} 之一`, `must be one of ${AUDIT_ACTIONS.join(', ')}`));
  const query = {
    ...(action === null ? {} : { action: action as AuditAction }),
    ...optional('resource', text('resource')),
    ...optional('recordId', text('recordId')),
    ...optional('actorId', text('actorId')),
    ...optional('from', instant('from')),
    ...optional('to', instant('to')),
    page: positive('page', 1),
    pageSize: positive('pageSize', DEFAULT_AUDIT_PAGE_SIZE),
  };
  if (query.pageSize > MAX_PAGE_SIZE) add('pageSize', bi(`每页最多 ${MAX_PAGE_SIZE} 条`, `must be at most ${MAX_PAGE_SIZE}`));
  if (Object.keys(issues).length > 0) throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), issues as FieldErrors);
  return query;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
