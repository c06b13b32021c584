import { defaultPolicy, type PayPolicy, type Simulation } from '@gongyi/domain';
import type { ReadContext } from '../../http/context.js';
import { authorize } from '../policy.js';
import { computeRun } from './compute-run.js';
import { assertValidPolicy, policyOn } from './policies.service.js';
import { lockedAssessments, monthBounds } from './run-inputs.js';

// 政策测算 (#7 part 6): what a month of the whole town would cost under the policy in force and
// under a draft, through the same computation as the runs (nothing is written).

type Totals = Simulation['current'];

function totalsOf(slips: Awaited<ReturnType<typeof computeRun>>['slips']): Totals & { byTeam: Map<string, number> } {
  const byTeam = new Map<string, number>();
  let gross = 0;
  let net = 0;
  let topUp = 0;
  for (const s of slips) {
    gross += s.gross_fen;
    net += s.net_fen;
    byTeam.set(s.team_id, (byTeam.get(s.team_id) ?? 0) + s.gross_fen);
    for (const l of JSON.parse(s.lines_json) as { kind: string; amountFen: number }[]) if (l.kind === 'floor_top_up') topUp += l.amountFen;
  }
  return { grossFen: gross, netFen: net, floorTopUpFen: topUp, byTeam };
}

export async function simulate(ctx: ReadContext, townId: string, month: string, draft: PayPolicy): Promise<Simulation> {
  authorize(ctx.actor, 'payroll.policy');
  const { first, last } = monthBounds(month);
  assertValidPolicy(draft, first);
  const inForce = await policyOn(ctx.db, townId, last);
  const current = inForce?.policy ?? defaultPolicy(first);
  const [coops, teams, assessed] = await Promise.all([
    ctx.db.selectFrom('coops').select('id').where('town_id', '=', townId).execute(),
    ctx.db.selectFrom('teams').select(['id', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute(),
    lockedAssessments(ctx.db, townId, month),
  ]);
  type Slips = Awaited<ReturnType<typeof computeRun>>['slips'];
  const before: Slips = [];
  const after: Slips = [];
  for (const coop of coops) {
    before.push(...(await computeRun(ctx.db, townId, 'simulation', 'monthly', coop.id, month, current)).slips);
    after.push(...(await computeRun(ctx.db, townId, 'simulation', 'monthly', coop.id, month, draft)).slips);
  }
  const a = totalsOf(before);
  const b = totalsOf(after);
  const workers = (teamId: string) => before.filter((s) => s.team_id === teamId).length;
  return {
    month,
    workerCount: before.length,
    unassessed: before.filter((s) => !assessed.has(s.person_id)).length,
    currentPolicyId: inForce?.id ?? '',
    current: { grossFen: a.grossFen, netFen: a.netFen, floorTopUpFen: a.floorTopUpFen },
    draft: { grossFen: b.grossFen, netFen: b.netFen, floorTopUpFen: b.floorTopUpFen },
    teams: teams.filter((t) => a.byTeam.has(t.id)).map((t) => ({ teamId: t.id, teamName: t.name, workerCount: workers(t.id), currentFen: a.byTeam.get(t.id) ?? 0, draftFen: b.byTeam.get(t.id) ?? 0 })),
  };
}
