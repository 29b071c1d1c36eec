import type { Context } from 'hono';
import { EngineError } from '../errors/engine-error.ts';
import type { AppEnv } from './env.ts';

/** The request body parsed as JSON; a body that does not parse is a 400, never a 500. */
export async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch (cause) {
    throw new EngineError(
      'BAD_REQUEST',
      { 'zh-CN': '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
      { cause },
    );
  }
}
