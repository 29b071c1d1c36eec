import type { ErrorSchema } from '@rjsf/utils';

/**
 * The engine's field errors (`{ "a.b": ["…"] }`, Refine's HttpError `errors`) as an RJSF error
 * schema, so that each message shows under its field. Errors on the record itself (path '') go to
 * the root.
 */
export function toErrorSchema(errors: Readonly<Record<string, unknown>> | undefined): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(errors ?? {})) {
    const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string');
    if (messages.length === 0) continue;
    let node = root;
    for (const key of path === '' ? [] : path.split('.')) {
      const next = node[key];
      node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (node[key] = {});
    }
    const existing = Array.isArray(node['__errors']) ? (node['__errors'] as string[]) : [];
    node['__errors'] = [...existing, ...messages];
  }
  return root as ErrorSchema;
}
