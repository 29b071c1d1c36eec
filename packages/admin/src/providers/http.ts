import type { HttpError } from '@refinedev/core';
import type { BilingualText, Locale } from '@zhili/schemas';

/** The fetch function the providers call: the browser's, or a fake one in tests. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Keeps the session's CSRF token (from POST /api/auth/login or GET /api/auth/me); every write
 * authenticated by the session cookie must send it in X-CSRF-Token.
 */
export interface CsrfTokenStore {
  get(): string | null;
  set(token: string | null): void;
}

/** A token store held in memory: the cookie outlives a reload, the token is fetched again from /me. */
export function createCsrfTokenStore(): CsrfTokenStore {
  let token: string | null = null;
  return {
    get: () => token,
    set: (next) => {
      token = next;
    },
  };
}

/** What every request to the engine needs. */
export interface EngineClient {
  readonly fetch: FetchFunction;
  /** Where the API is mounted, e.g. `/api` (no trailing slash). */
  readonly apiUrl: string;
  readonly csrf: CsrfTokenStore;
  /** The locale the engine answers in (errors, texts). */
  readonly locale: () => Locale;
}

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const NETWORK_FAILED: BilingualText = { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' };
const REQUEST_FAILED: BilingualText = { 'zh-CN': '请求失败', en: 'Request failed' };

/**
 * Sends one request to the engine with the session cookie, any `headers` (an Idempotency-Key, say) and, on writes, the CSRF token; answers
 * the parsed JSON body (undefined for 204), or throws a Refine HttpError built from the engine's
 * error body `{ message, statusCode, errors }`.
 */
export async function requestJson(
  client: EngineClient,
  request: { readonly method: string; readonly path: string; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> },
): Promise<unknown> {
  const headers: Record<string, string> = { ...request.headers, Accept: 'application/json', 'Accept-Language': client.locale() };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = client.csrf.get();
  if (WRITE_METHODS.has(request.method) && token !== null) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await client.fetch(`${client.apiUrl}${request.path}`, {
      method: request.method,
      headers,
      credentials: 'include',
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch {
    throw httpError({ statusCode: 0, message: NETWORK_FAILED[client.locale()] });
  }
  const body = await readBody(response);
  if (!response.ok) throw toHttpError(response.status, body, client.locale());
  return body;
}

/**
 * Sends a file as the raw body of a POST — Content-Type its media type, with the session cookie and
 * the CSRF token; answers the parsed JSON body or throws the engine's error as a Refine HttpError.
 */
export async function uploadFile(client: EngineClient, request: { readonly path: string; readonly file: Blob; readonly type: string }): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': client.locale(), 'Content-Type': request.type };
  const token = client.csrf.get();
  if (token !== null) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await client.fetch(`${client.apiUrl}${request.path}`, { method: 'POST', headers, credentials: 'include', body: request.file });
  } catch {
    throw httpError({ statusCode: 0, message: NETWORK_FAILED[client.locale()] });
  }
  const body = await readBody(response);
  if (!response.ok) throw toHttpError(response.status, body, client.locale());
  return body;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Maps an engine error body (or whatever a proxy answered) to Refine's HttpError. */
export function toHttpError(status: number, body: unknown, locale: Locale): HttpError {
  const record = isRecord(body) ? body : {};
  const message = typeof record['message'] === 'string' ? record['message'] : `${REQUEST_FAILED[locale]} (HTTP ${status})`;
  const errors = fieldErrors(record['errors']);
  return httpError({ statusCode: status, message, ...(errors === undefined ? {} : { errors }) });
}

function fieldErrors(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) out[path] = messages.filter((m): m is string => typeof m === 'string');
    else if (typeof messages === 'string') out[path] = [messages];
  }
  return out;
}

function httpError(fields: { statusCode: number; message: string; errors?: Record<string, string[]> }): HttpError {
  // Refine reads these as plain fields; an Error instance also keeps a stack for the console.
  return Object.assign(new Error(fields.message), fields) as HttpError;
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
