import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Case, CaseHistoryEntry, CasePage } from '@zhili/schemas';
import { useCallback, useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { fetchOrgUnit } from '../org/org-units.ts';
import { requestJson } from '../providers/http.ts';
import { useReferenceLabels } from '../references/use-reference-labels.ts';

/** The first key of every case query: a transition invalidates them all (the board's columns, the to-do, the case's page). */
export const CASES_KEY = ['zhili', 'cases'] as const;

/** A page of GET /api/cases at `path` (from casesPath); not fetched while `enabled` is false. */
export function useCaseList(path: string, enabled = true) {
  const { client, locale } = useAdmin();
  return useQuery({
    enabled,
    queryKey: [...CASES_KEY, 'list', path, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path })) as CasePage,
  });
}

/** One case (GET /api/cases/:id); not fetched while `id` is empty. */
export function useCase(id: string) {
  const { client, locale } = useAdmin();
  return useQuery({ enabled: id !== '', queryKey: [...CASES_KEY, 'case', id, locale], queryFn: async () => (await requestJson(client, { method: 'GET', path: `/cases/${id}` })) as Case });
}

/** A case's history, oldest first; not fetched while `id` is empty. */
export function useCaseHistory(id: string) {
  const { client, locale } = useAdmin();
  return useQuery({
    enabled: id !== '',
    queryKey: [...CASES_KEY, 'history', id, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path: `/cases/${id}/history` })) as { data: CaseHistoryEntry[] }).data,
  });
}

/** Invalidates every case query, after the actor changed a case. */
export function useRefreshCases(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: CASES_KEY }), [queryClient]);
}

/**
 * The title of each case's record (its resource's title field), fetched once per resource; a case
 * whose record the actor may not read, or which is still loading, shows the record id's head.
 */
export function useRecordTitles(cases: readonly Case[]): (found: Case) => string {
  // One pseudo-record per case, keyed by its resource, so each resource's ids are fetched from it alone.
  const records = useMemo(() => cases.map((c) => ({ [c.resource]: c.recordId })), [cases]);
  const fields = useMemo(() => [...new Set(cases.map((c) => c.resource))].map((r) => ({ field: r, target: r })), [cases]);
  const labels = useReferenceLabels(records, fields);
  return useCallback((found: Case) => labels.get(found.resource)?.get(found.recordId) ?? found.recordId.slice(0, 8), [labels]);
}

/** The names of org units by code (one cached request per unit, shared with the other pages). */
export function useUnitNames(codes: readonly string[]): (code: string) => string {
  const { client, locale } = useAdmin();
  const unique = [...new Set(codes)].filter((c) => c !== '');
  const results = useQueries({
    queries: unique.map((code) => ({
      queryKey: ['zhili', 'org', 'unit', code, locale],
      queryFn: async () => fetchOrgUnit(client, code),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map(unique.map((code, i) => [code, results[i]?.data?.name ?? code]));
  return (code: string) => names.get(code) ?? code;
}
