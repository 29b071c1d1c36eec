import type { BilingualText } from '@zhili/schemas';
import type { Problems } from '../checklists/items.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * ?page= and ?pageSize= of a list: positive integers, the page size at most `maxPageSize`; a bad one
 * is added to `problems` (the caller throws them with the rest of its query's).
 */
export function readPaging(params: URLSearchParams, problems: Problems, sizes: { readonly pageSize: number; readonly maxPageSize: number }): { page: number; pageSize: number } {
  const positive = (key: string, fallback: number, max: number): number => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > max) problems.add(key, bi(`必须是 1 至 ${max} 的整数`, `must be an integer from 1 to ${max}`));
    return value;
  };
  return { page: positive('page', 1, Number.MAX_SAFE_INTEGER), pageSize: positive('pageSize', sizes.pageSize, sizes.maxPageSize) };
}
