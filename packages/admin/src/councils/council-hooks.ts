import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CouncilProposal, CouncilProposalPage, CouncilRoster } from '@zhili/schemas';
import { useCallback } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';

/** The first key of every council query: a roster save, a proposal or a meeting invalidates them all. */
export const COUNCILS_KEY = ['zhili', 'councils'] as const;

/** The bodies of the unit's level at the unit, each with its roster; not fetched without a unit. */
export function useRosters(org: string | null) {
  const { client, locale } = useAdmin();
  return useQuery({
    enabled: org !== null,
    queryKey: [...COUNCILS_KEY, 'bodies', org, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path: `/councils/units/${encodeURIComponent(org ?? '')}/bodies` })) as { data: CouncilRoster[] }).data,
  });
}

/** A page of proposals at `path` (from proposalsPath). */
export function useProposals(path: string) {
  const { client, locale } = useAdmin();
  return useQuery({ queryKey: [...COUNCILS_KEY, 'proposals', path, locale], queryFn: async () => (await requestJson(client, { method: 'GET', path })) as CouncilProposalPage });
}

export function useProposal(id: string) {
  const { client, locale } = useAdmin();
  return useQuery({ queryKey: [...COUNCILS_KEY, 'proposal', id, locale], queryFn: async () => (await requestJson(client, { method: 'GET', path: `/councils/proposals/${id}` })) as CouncilProposal });
}

/** Invalidates every council query, after the actor changed a roster or a proposal. */
export function useRefreshCouncils(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: COUNCILS_KEY }), [queryClient]);
}
