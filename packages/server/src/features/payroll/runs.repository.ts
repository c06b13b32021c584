import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { fenOf } from '../../db/sums.js';

// The only SQL of pay runs, slips and sign-offs once written (#7). Runs are aliased `r`, slips `ps`.

export function runRows(db: Executor, townId: string) {
  return db
    .selectFrom('pay_runs as r')
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.id', '=', 'r.coop_id'))
    .selectAll('r')
    .select('c.name as coop_name')
    .where('r.town_id', '=', townId);
}
export type RunRow = Awaited<ReturnType<ReturnType<typeof runRows>['executeTakeFirstOrThrow']>>;

export function slipRows(db: Executor, townId: string) {
  return db
    .selectFrom('pay_slips as ps')
    .innerJoin('pay_runs as r', (j) => j.onRef('r.town_id', '=', 'ps.town_id').onRef('r.id', '=', 'ps.run_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'ps.town_id').onRef('t.id', '=', 'ps.team_id'))
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'ps.town_id').onRef('d.id', '=', 'ps.department_id'))
    .selectAll('ps')
    .select(['r.month', 'r.kind', 't.name as team_name', 'd.name as department_name'])
    .where('ps.town_id', '=', townId);
}
export type SlipRow = Awaited<ReturnType<ReturnType<typeof slipRows>['executeTakeFirstOrThrow']>>;

export function signoffsOf(db: Executor, townId: string, runId: string) {
  return db
    .selectFrom('pay_signoffs as s')
    .leftJoin('departments as d', (j) => j.onRef('d.town_id', '=', 's.town_id').onRef('d.id', '=', 's.department_id'))
    .selectAll('s')
    .select('d.name as department_name')
    .where('s.town_id', '=', townId)
    .where('s.run_id', '=', runId)
    .orderBy('s.signed_at')
    .orderBy('s.id')
    .execute();
}

/** The departments that sign a step of the run: daily-managing units (step 1) or supervising departments (step 2). */
export async function departmentsOfRun(db: Executor, townId: string, runId: string, column: 'department_id' | 'supervising_department_id') {
  const rows = await db
    .selectFrom('pay_slips as ps')
    .innerJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'ps.town_id').onRef('d.id', '=', `ps.${column}`))
    .select(['d.id', 'd.name'])
    .distinct()
    .where('ps.town_id', '=', townId)
    .where('ps.run_id', '=', runId)
    .orderBy('d.name')
    .execute();
  return rows;
}

export function teamTotals(db: Executor, townId: string, runId: string) {
  return db
    .selectFrom('pay_slips as ps')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'ps.town_id').onRef('t.id', '=', 'ps.team_id'))
    .select(['ps.team_id', 't.name', sql<number>`count(*)`.as('workers'), sql<number>`sum(ps.gross_fen)`.as('gross'), sql<number>`sum(ps.net_fen)`.as('net')])
    .where('ps.town_id', '=', townId)
    .where('ps.run_id', '=', runId)
    .groupBy(['ps.team_id', 't.name', 't.sort_order'])
    .orderBy('t.sort_order')
    .execute();
}

/** A run's totals, each an exact number of fen (#13 item 15: a sum never passes unchecked). */
export async function runTotals(db: Executor, townId: string, runId: string) {
  const t = await db
    .selectFrom('pay_slips')
    .select([
      sql<number>`count(*)`.as('workers'),
      sql<number>`coalesce(sum(gross_fen), 0)`.as('gross'),
      sql<number>`coalesce(sum(deduction_fen), 0)`.as('deduction'),
      sql<number>`coalesce(sum(net_fen), 0)`.as('net'),
      sql<number>`coalesce(sum(in_kind_fen), 0)`.as('in_kind'),
    ])
    .where('town_id', '=', townId)
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return { workers: Number(t.workers), gross: fenOf(t.gross), deduction: fenOf(t.deduction), net: fenOf(t.net), in_kind: fenOf(t.in_kind) };
}

/**
 * Moves the run to its next version if it is still at `version` (the optimistic check of #7 part 4):
 * of two concurrent sign-offs only one finds its version; on PostgreSQL the second waits for the
 * first's row lock and then matches nothing.
 */
export async function bumpVersion(db: Executor, townId: string, runId: string, version: number, set: { state?: string } = {}): Promise<boolean> {
  const result = await db
    .updateTable('pay_runs')
    .set({ version: sql`version + 1`, ...set })
    .where('town_id', '=', townId)
    .where('id', '=', runId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
