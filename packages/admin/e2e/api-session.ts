/** A second client of the engine beside the browser: a bearer-token session over the HTTP API. */

/** The list answer of GET /api/r/:resource. */
export interface ListAnswer {
  readonly data: readonly Record<string, unknown>[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface ApiSession {
  list(resource: string, query?: Readonly<Record<string, string | number>>): Promise<ListAnswer>;
  get(resource: string, id: string): Promise<Record<string, unknown>>;
  patch(resource: string, id: string, body: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
  /** Any other call of the API, e.g. GET /api/checklists/x/versions/current; resolves with the parsed body (null for 204). */
  send(method: string, path: string, body?: unknown): Promise<Record<string, unknown> | null>;
}

/** Signs in with POST /api/auth/login and answers a client sending the session's bearer token. */
export async function apiSession(baseUrl: string, credentials: { readonly username: string; readonly password: string }): Promise<ApiSession> {
  const login = await call(baseUrl, 'POST', '/api/auth/login', {}, credentials);
  const headers = { authorization: `Bearer ${String(login['token'])}` };
  return {
    list: async (resource, query = {}) => {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      return (await call(baseUrl, 'GET', `/api/r/${resource}?${search.toString()}`, headers)) as unknown as ListAnswer;
    },
    get: (resource, id) => call(baseUrl, 'GET', `/api/r/${resource}/${id}`, headers),
    patch: (resource, id, body) => call(baseUrl, 'PATCH', `/api/r/${resource}/${id}`, headers, body),
    send: (method, path, body) => call<Record<string, unknown> | null>(baseUrl, method, `/api${path}`, headers, body),
  };
}

async function call<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text === '' ? null : JSON.parse(text)) as T;
}
