import type { ScopeKind } from '@gongyi/domain';
import { useCallback } from 'react';
import { listCommunities, listCoops, listDepartments, listTeams } from '../../../api/organisation';
import { useApi, type ApiState } from '../../../hooks/useApi';
import { useTown } from '../../../session/SessionContext';

// What a grant's scope can be: the town's coops, departments, communities and teams. A town has a
// few dozen of each, under the API's page size limit, so one page holds them all.

export interface ScopeOption {
  value: string;
  label: string;
  /** The full name, shown on hover and searched along with the label. */
  title: string;
}

export type ScopeLookups = Record<Exclude<ScopeKind, 'town' | 'self'>, ScopeOption[]>;

const ALL = { page: 1, pageSize: 200 };
const option = (x: { id: string; name: string; shortName?: string }): ScopeOption => ({
  value: x.id,
  label: x.shortName || x.name,
  title: x.name,
});

const NONE: ScopeLookups = { coop: [], department: [], community: [], team: [] };

/** Loads the lists only when `enabled` (the user may change grants). */
export function useScopeLookups(enabled: boolean): ApiState<ScopeLookups> {
  const town = useTown();
  const load = useCallback(
    async (signal: AbortSignal): Promise<ScopeLookups> => {
      if (!enabled) return NONE;
      const [coops, departments, communities, teams] = await Promise.all([
        listCoops(town.id, signal),
        listDepartments(town.id, ALL, signal),
        listCommunities(town.id, ALL, signal),
        listTeams(town.id, ALL, signal),
      ]);
      return {
        coop: coops.items.map(option),
        department: departments.items.map(option),
        community: communities.items.map(option),
        team: teams.items.map(option),
      };
    },
    [town.id, enabled],
  );
  return useApi(load);
}
