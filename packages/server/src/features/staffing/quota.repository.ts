import { sql } from 'kysely';
import type { QuotaPlanShape, TeamOccupancy } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext } from '../../http/context.js';

// The only SQL of quota plans and the occupancy they are checked against (R9, R10).

/** Statuses that hold a place in the headcount. Off-roster (编外) posts do not count (R9). */
export const HOLDING_STATUSES = ['active', 'suspended'] as const;

/**
 * Serialises every change that can fill a place in this town. On PostgreSQL two requests racing
 * for the last vacancy queue on the town's row and the second one counts the first one's post;
 * SQLite runs one write transaction at a time already.
 */
export async function lockStaffing(ctx: MutationContext, townId: string): Promise<void> {
  // NO KEY UPDATE: queues with other staffing changes and audit writers, but not with rows that merely reference the town.
  if (ctx.kind === 'postgres') await sql`select id from towns where id = ${townId} for no key update`.execute(ctx.db);
}

export function planOn(db: Executor, townId: string, on: string) {
  return db
    .selectFrom('quota_plans')
    .selectAll()
    .where('town_id', '=', townId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

export function latestPlan(db: Executor, townId: string) {
  return db.selectFrom('quota_plans').selectAll().where('town_id', '=', townId).orderBy('valid_from', 'desc').executeTakeFirst();
}

export function plans(db: Executor, townId: string) {
  return db.selectFrom('quota_plans').selectAll().where('town_id', '=', townId).orderBy('valid_from', 'desc').execute();
}

export function linesOf(db: Executor, townId: string, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([] as Row<'quota_lines'>[]);
  return db.selectFrom('quota_lines').selectAll().where('town_id', '=', townId).where('plan_id', 'in', planIds).orderBy('target_id').execute();
}

/** A plan with its lines, in the domain's shape (team lines carry their category). */
export async function planShape(db: Executor, townId: string, plan: Row<'quota_plans'>): Promise<QuotaPlanShape> {
  const lines = await linesOf(db, townId, [plan.id]);
  const teams = await db.selectFrom('teams').select(['id', 'category_id']).where('town_id', '=', townId).execute();
  const categoryOf = new Map(teams.map((t) => [t.id, t.category_id]));
  return {
    total: plan.total,
    categories: lines.filter((l) => l.level === 'category').map((l) => ({ categoryId: l.target_id, quota: l.quota })),
    teams: lines.filter((l) => l.level === 'team').map((l) => ({ teamId: l.target_id, categoryId: categoryOf.get(l.target_id) ?? '', quota: l.quota })),
  };
}

export async function insertPlan(ctx: MutationContext, plan: Row<'quota_plans'>, shape: Omit<QuotaPlanShape, 'total'>): Promise<void> {
  await ctx.db.insertInto('quota_plans').values(plan).execute();
  const lines: Row<'quota_lines'>[] = [
    ...shape.categories.map((c) => ({ town_id: plan.town_id, plan_id: plan.id, level: 'category' as const, target_id: c.categoryId, quota: c.quota })),
    ...shape.teams.map((t) => ({ town_id: plan.town_id, plan_id: plan.id, level: 'team' as const, target_id: t.teamId, quota: t.quota })),
  ];
  await ctx.insertRows('quota_lines', lines);
}

export async function endPlan(db: Executor, townId: string, id: string, validTo: string): Promise<void> {
  await db.updateTable('quota_plans').set({ valid_to: validTo }).where('town_id', '=', townId).where('id', '=', id).execute();
}

/**
 * Places held per team (R10): each person whose on-roster post in the team is active or suspended
 * today or later, and approved hires not yet on post. "Or later" keeps an exit or a transfer dated
 * ahead from freeing the place before its date (the worker is still in post until then; one out,
 * then one in), and counts a post that starts ahead; a person counts once per team.
 */
export async function occupancy(db: Executor, townId: string, today: string): Promise<TeamOccupancy[]> {
  const filled = await db
    .selectFrom('posts as p')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .select(['p.team_id', 't.category_id', (eb) => eb.fn.count<number>('p.person_id').distinct().as('n')])
    .where('p.town_id', '=', townId)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', today)]))
    .where('p.status', 'in', HOLDING_STATUSES)
    .where('p.off_roster', '=', 0)
    .groupBy(['p.team_id', 't.category_id'])
    .execute();
  const reserved = await db
    .selectFrom('hiring_requests as h')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'h.town_id').onRef('t.id', '=', 'h.team_id'))
    .select(['h.team_id', 't.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('h.town_id', '=', townId)
    .where('h.state', '=', 'approved')
    .groupBy(['h.team_id', 't.category_id'])
    .execute();
  const byTeam = new Map<string, TeamOccupancy>();
  const entry = (teamId: string, categoryId: string) => {
    let e = byTeam.get(teamId);
    if (!e) byTeam.set(teamId, (e = { teamId, categoryId, filled: 0, reserved: 0 }));
    return e;
  };
  for (const r of filled) entry(r.team_id, r.category_id).filled += Number(r.n);
  for (const r of reserved) entry(r.team_id, r.category_id).reserved += Number(r.n);
  return [...byTeam.values()];
}

/** Every team with its category and coop names, in the town's order (for boards and messages). */
export function teamNames(db: Executor, townId: string) {
  return db
    .selectFrom('teams as t')
    .innerJoin('categories as g', (j) => j.onRef('g.town_id', '=', 't.town_id').onRef('g.id', '=', 't.category_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.coop_id'))
    .select(['t.id', 't.name', 't.category_id', 'g.name as category_name', 'c.name as coop_name', 'c.id as coop_id'])
    .where('t.town_id', '=', townId)
    .orderBy('t.sort_order')
    .orderBy('t.name')
    .execute();
}

export function categoryNames(db: Executor, townId: string) {
  return db.selectFrom('categories').select(['id', 'name', 'code']).where('town_id', '=', townId).orderBy('code').execute();
}

export function proposalPage(db: Executor, townId: string, filter: { state?: string | undefined; id?: string }, limit: number, offset: number) {
  let q = db
    .selectFrom('quota_proposals as q')
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'q.town_id').onRef('d.id', '=', 'q.department_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'q.town_id').onRef('t.id', '=', 'q.team_id'))
    .where('q.town_id', '=', townId);
  if (filter.state) q = q.where('q.state', '=', filter.state);
  if (filter.id) q = q.where('q.id', '=', filter.id);
  return Promise.all([
    q.selectAll('q').select(['d.name as department_name', 't.name as team_name']).orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

export function findProposal(db: Executor, townId: string, id: string) {
  return db.selectFrom('quota_proposals').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}
