import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';

/** The first key of every points query: a posting invalidates them all (balances, postings, claims, stock, totals). */
export const POINTS_KEY = ['zhili', 'points'] as const;

/** GET /api/points/… at `path`; not fetched while `enabled` is false. */
export function usePointsQuery<T>(path: string, enabled = true) {
  const { client, locale } = useAdmin();
  return useQuery({ enabled, queryKey: [...POINTS_KEY, path, locale], queryFn: async () => (await requestJson(client, { method: 'GET', path })) as T });
}

/** Invalidates every points query, after the actor posted. */
export function useRefreshPoints(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: POINTS_KEY }), [queryClient]);
}
