import type { ReadContext } from '../../http/context.js';
import { allCommunities } from '../communities/communities.service.js';
import { allDepartments } from '../departments/departments.service.js';
import { loadAssignments } from '../teams/teams.repository.js';
import { allTeams } from '../teams/teams.service.js';
import type { ImportLookups } from './lookups.js';

/** The town's teams in force today with their whole assignment history, every department and community. */
export async function loadLookups(ctx: ReadContext, townId: string): Promise<ImportLookups> {
  const [teams, departments, communities] = await Promise.all([
    allTeams(ctx, townId, {}),
    allDepartments(ctx, townId, {}),
    allCommunities(ctx, townId, {}),
  ]);
  const history = await loadAssignments(ctx.db, townId, teams.map((t) => t.id), null);
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      validFrom: t.validFrom,
      validTo: t.validTo,
      assignments: (history.get(t.id) ?? []).map((a) => ({ validFrom: a.validFrom, validTo: a.validTo, managingDepartmentIds: a.managingUnits.map((u) => u.departmentId) })),
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, shortName: d.shortName, validFrom: d.validFrom, validTo: d.validTo })),
    communities: communities.map((c) => ({ id: c.id, name: c.name, validFrom: c.validFrom, validTo: c.validTo })),
  };
}
