import type { Body, BodyKind, OrgOverview } from '@gongyi/domain';
import type { ReadContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { inForceOn } from '../../db/query-helpers.js';
import { authorize } from '../policy.js';
import { requireTown, toTown } from '../towns/towns.repository.js';

/** The leadership group, its office and the supervision office with their members (§三). */
export async function listBodies(ctx: ReadContext, townId: string): Promise<Body[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const [bodies, members] = await Promise.all([
    ctx.db
      .selectFrom('bodies as b')
      .leftJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'b.town_id').onRef('d.id', '=', 'b.seat_department_id'))
      .where('b.town_id', '=', townId)
      .select(['b.id', 'b.kind', 'b.name', 'b.seat_department_id', 'd.name as seat_name', 'b.duties'])
      .orderBy('b.kind')
      .execute(),
    ctx.db
      .selectFrom('body_members')
      .selectAll()
      .where('town_id', '=', townId)
      .orderBy('body_id')
      .orderBy('position')
      .execute(),
  ]);
  return bodies.map((b) => ({
    id: b.id,
    kind: b.kind as BodyKind,
    name: b.name,
    seatDepartmentId: b.seat_department_id,
    seatDepartmentName: b.seat_name ?? null,
    duties: b.duties,
    members: members
      .filter((m) => m.body_id === b.id)
      .map((m) => ({ role: m.role, holder: m.holder, departmentId: m.department_id })),
  }));
}

/** Key figures for the home page, counted on today's date. */
export async function getOverview(ctx: ReadContext, townId: string): Promise<OrgOverview> {
  authorize(ctx.actor, 'org.read');
  const town = await requireTown(ctx.db, townId);
  const on = today(ctx.clock);
  const count = async (table: 'teams' | 'departments' | 'communities' | 'coops') => {
    const r = await ctx.db
      .selectFrom(table)
      .where('town_id', '=', townId)
      .where((eb) => inForceOn(eb, on))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const unassigned = await ctx.db
    .selectFrom('teams as t')
    .where('t.town_id', '=', townId)
    .where((eb) => inForceOn(eb, on, 't.'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('team_assignments as a')
            .whereRef('a.town_id', '=', 't.town_id')
            .whereRef('a.team_id', '=', 't.id')
            .where((e) => inForceOn(e, on, 'a.'))
            .select('a.id'),
        ),
      ),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const [teams, departments, communities, coops] = await Promise.all([
    count('teams'),
    count('departments'),
    count('communities'),
    count('coops'),
  ]);
  return { town: toTown(town), teams, departments, communities, coops, teamsWithoutAssignment: Number(unassigned.n) };
}
