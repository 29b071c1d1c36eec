import type { HttpError } from '@refinedev/core';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';

/** The query keys of one checklist: every write invalidates them all. */
export const checklistKey = (id: string): readonly unknown[] => ['zhili', 'checklist', id];

/** The outcome of a write: the engine's answer, or its error. */
export type WriteResult = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: HttpError };

/** Invalidates everything the admin knows of one checklist (and the checklists list), after a write. */
export function useInvalidateChecklist(id: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: checklistKey(id) }), queryClient.invalidateQueries({ queryKey: ['zhili', 'checklists'] })]);
  };
}

/**
 * Runs a write against the engine. A failure shows as a message, except a conflict (the caller
 * explains it, with a reload) and, for a form's write, field errors (they show under the fields).
 */
export function useChecklistWrite(): (
  request: { readonly method: string; readonly path: string; readonly body?: unknown },
  options?: { readonly form?: boolean },
) => Promise<WriteResult> {
  const { client } = useAdmin();
  const { message } = App.useApp();
  return async (request, options) => {
    try {
      return { ok: true, body: await requestJson(client, request) };
    } catch (error) {
      const httpError = error as HttpError;
      const shownByForm = options?.form === true && httpError.errors !== undefined && Object.keys(httpError.errors).length > 0;
      if (httpError.statusCode !== 409 && !shownByForm) void message.error(httpError.message);
      return { ok: false, error: httpError };
    }
  };
}
