import type { Community, Team } from '@gongyi/domain';
import { useCallback } from 'react';
import { listCategories, listCommunities, listCoops, listDepartments, listTeams } from '../../api/organisation';
import { useApi, type ApiState } from '../../hooks/useApi';
import { useCan, useTown } from '../../session/SessionContext';
import type { OrgLookups, Option } from '../org/useOrgLookups';

// What the roster's filters and the worker forms choose from: departments, coops, categories,
// teams (with their daily-managing units in force today) and communities. A town has a few dozen
// of each, well under the API's page size limit.

export interface WorkerLookups extends OrgLookups {
  teams: Team[];
  communities: Community[];
}

const ALL = { page: 1, pageSize: 200 };
const NONE: WorkerLookups = { departments: [], coops: [], categories: [], teams: [], communities: [] };

/** Empty lists for a user who may not read the organisation (the roster's filters then stay empty). */
export function useWorkerLookups(): ApiState<WorkerLookups> {
  const town = useTown();
  const readOrg = useCan()('org.read');
  const load = useCallback(
    async (signal: AbortSignal): Promise<WorkerLookups> => {
      if (!readOrg) return NONE;
      const [departments, coops, categories, teams, communities] = await Promise.all([
        listDepartments(town.id, ALL, signal),
        listCoops(town.id, signal),
        listCategories(town.id, signal),
        listTeams(town.id, ALL, signal),
        listCommunities(town.id, ALL, signal),
      ]);
      return {
        departments: departments.items,
        coops: coops.items,
        categories: categories.items,
        teams: teams.items,
        communities: communities.items,
      };
    },
    [town.id, readOrg],
  );
  return useApi(load);
}

export const communityOptions = (list: Community[] = []): Option[] => list.map((c) => ({ value: c.id, label: c.name, title: c.name }));

/** A team's daily-managing units in force today (R4): the units a worker of the team can answer to. */
export function managingUnitsOf(team: Team | undefined) {
  return team?.assignment?.managingUnits ?? [];
}
