import { defaultPolicy, monthBounds, type PayPolicy, type Simulation } from '@gongyi/domain';
import type { ReadContext } from '../../http/context.js';
import { authorize } from '../policy.js';
import { computeRun } from './compute-run.js';
import { assertValidPolicy, policyOn } from './policies.service.js';
import { lockedAssessments, workersInMonth } from './run-inputs.js';

// 政策测算 (#7 part 6): what a month of the whole town would cost under the policy in force and
// under a draft, through the same computation as the runs (nothing is written).

type Totals = Simulation['current'] & { byTeam: Map<string, number>; workers: Map<string, number>; unassessed: number };

/** Adds up a month's slips under one policy, per team too, without writing them. */
async function costOf(ctx: ReadContext, townId: string, month: string, policy: PayPolicy, coops: { id: string }[], assessed: ReadonlyMap<string, unknown>): Promise<Totals> {
  const totals: Totals = { grossFen: 0, netFen: 0, floorTopUpFen: 0, byTeam: new Map(), workers: new Map(), unassessed: 0 };
  for (const coop of coops) {
    const workers = await workersInMonth(ctx.db, townId, coop.id, month);
    await computeRun(ctx.db, townId, 'simulation', 'monthly', coop.id, month, policy, workers, async (slips) => {
      for (const s of slips) {
        totals.grossFen += s.gross_fen;
        totals.netFen += s.net_fen;
        totals.byTeam.set(s.team_id, (totals.byTeam.get(s.team_id) ?? 0) + s.gross_fen);
        totals.workers.set(s.team_id, (totals.workers.get(s.team_id) ?? 0) + 1);
        if (!assessed.has(s.person_id)) totals.unassessed++;
        for (const l of JSON.parse(s.lines_json) as { kind: string; amountFen: number }[]) if (l.kind === 'floor_top_up') totals.floorTopUpFen += l.amountFen;
      }
    });
  }
  return totals;
}

export async function simulate(ctx: ReadContext, townId: string, month: string, draft: PayPolicy): Promise<Simulation> {
  authorize(ctx.actor, 'payroll.policy');
  const { first, last } = monthBounds(month);
  assertValidPolicy(draft, first);
  const inForce = await policyOn(ctx.db, townId, last);
  const [coops, teams, assessed] = await Promise.all([
    ctx.db.selectFrom('coops').select('id').where('town_id', '=', townId).execute(),
    ctx.db.selectFrom('teams').select(['id', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute(),
    lockedAssessments(ctx.db, townId, month),
  ]);
  const a = await costOf(ctx, townId, month, inForce?.policy ?? defaultPolicy(first), coops, assessed);
  const b = await costOf(ctx, townId, month, draft, coops, assessed);
  const workerCount = [...a.workers.values()].reduce((n, x) => n + x, 0);
  return {
    month,
    workerCount,
    unassessed: a.unassessed,
    currentPolicyId: inForce?.id ?? '',
    current: { grossFen: a.grossFen, netFen: a.netFen, floorTopUpFen: a.floorTopUpFen },
    draft: { grossFen: b.grossFen, netFen: b.netFen, floorTopUpFen: b.floorTopUpFen },
    teams: teams.filter((t) => a.byTeam.has(t.id)).map((t) => ({ teamId: t.id, teamName: t.name, workerCount: a.workers.get(t.id) ?? 0, currentFen: a.byTeam.get(t.id) ?? 0, draftFen: b.byTeam.get(t.id) ?? 0 })),
  };
}
