import { annualAssessment, isPassing, ruleValue, shanghaiTimestamp, type AnnualDecisionInput, type AnnualOutcome, type AnnualRow } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { isTownWide, scopeCondition } from '../staffing/staffing-scope.js';
import { findTeamRow } from '../teams/teams.repository.js';

// #6 part 6, R25, R8: the annual assessment from the locked monthly totals (months in post only),
// the leadership group's one-step decision with a written reason, the district rating as a
// reference. It writes annual_results, the table agreement renewal (#5) and the annual bonus (#7) read.

async function lockedTotals(ctx: ReadContext, townId: string, year: number, teamId?: string) {
  let q = ctx.db
    .selectFrom('assessment_entries as e')
    .innerJoin('assessment_sheets as s', (j) => j.onRef('s.town_id', '=', 'e.town_id').onRef('s.id', '=', 'e.sheet_id'))
    .select(['e.person_id', 'e.total_tenths', 's.month'])
    .where('e.town_id', '=', townId)
    .where('s.state', '=', 'locked')
    .where('s.month', '>=', `${year}-01`)
    .where('s.month', '<=', `${year}-12`)
    .where('e.total_tenths', 'is not', null);
  if (teamId) q = q.where('s.team_id', '=', teamId);
  const rows = await q.execute();
  const byPerson = new Map<string, Map<string, number>>();
  // A worker on two units' sheets in one month (moved mid-month) counts that month once, at the mean.
  for (const r of rows) {
    const months = byPerson.get(r.person_id) ?? new Map<string, number>();
    months.set(r.month, months.has(r.month) ? Math.round((months.get(r.month)! + r.total_tenths!) / 2) : r.total_tenths!);
    byPerson.set(r.person_id, months);
  }
  return byPerson;
}

/** Computes (or recomputes) the year for everyone with locked months, keeping any decision already taken. */
export async function computeAnnual(ctx: MutationContext, townId: string, year: number, teamId?: string): Promise<{ computed: number }> {
  authorize(ctx.actor, 'assessment.annual');
  // #13 item 16: a team of another town (or none) is named as such, not computed as an empty year.
  if (teamId && !(await findTeamRow(ctx.db, townId, teamId))) throw invalidReference({ zh: '服务队', en: 'team' }, 'teamId');
  const totals = await lockedTotals(ctx, townId, year, teamId);
  const bands = ruleValue('assessment.gradeBands', `${year}-12-31`);
  const now = shanghaiTimestamp(ctx.clock.now());
  // The decisions already taken this year, in one query: a recomputation keeps them.
  const existing = new Map((await ctx.db.selectFrom('annual_results').selectAll().where('town_id', '=', townId).where('year', '=', year).execute()).map((r) => [r.person_id, r]));
  const rows: Row<'annual_results'>[] = [...totals].map(([personId, months]) => {
    const before = existing.get(personId);
    const step = (before?.decision_step ?? 0) as -1 | 0 | 1;
    const result = annualAssessment([...months.values()], bands, { step, reason: before?.decision_reason ?? '' });
    return {
      town_id: townId,
      person_id: personId,
      year,
      outcome: result.final!,
      note: before?.note ?? '',
      recorded_by: ctx.actor.display,
      recorded_at: now,
      months: result.months,
      mean_tenths: result.meanTenths,
      computed_outcome: result.computed,
      decision_step: step,
      district_rating: before?.district_rating ?? '',
      decision_reason: before?.decision_reason ?? '',
    };
  });
  await ctx.upsertRows('annual_results', rows, ['town_id', 'person_id', 'year']);
  await recordAudit(ctx, { townId, action: 'assessment.annual.compute', objectType: 'annual_results', objectId: String(year), after: { year, teamId: teamId ?? null, workers: totals.size } });
  return { computed: totals.size };
}

export async function listAnnual(ctx: ReadContext, townId: string, year: number, teamId?: string): Promise<AnnualRow[]> {
  authorize(ctx.actor, 'assessment.read');
  let q = ctx.db
    .selectFrom('annual_results as r')
    .innerJoin('persons as p', (j) => j.onRef('p.town_id', '=', 'r.town_id').onRef('p.id', '=', 'r.person_id'))
    .leftJoin('posts as o', (j) => j.onRef('o.town_id', '=', 'r.town_id').onRef('o.person_id', '=', 'r.person_id').on('o.is_current', '=', 1))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'o.town_id').onRef('t.id', '=', 'o.team_id'))
    .selectAll('r')
    .select(['p.name', 't.name as team_name'])
    .where('r.town_id', '=', townId)
    .where('r.year', '=', year);
  if (teamId) q = q.where('o.team_id', '=', teamId);
  if (!isTownWide(ctx, 'assessment.read')) {
    const condition = await scopeCondition(ctx, 'assessment.read');
    q = q.where('r.person_id', 'in', ctx.db.selectFrom('posts as p').select('p.person_id').where('p.town_id', '=', townId).where('p.is_current', '=', 1).where((eb) => condition(eb)));
  }
  const rows = await q.orderBy('t.sort_order').orderBy('p.name').execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    teamName: r.team_name ?? '',
    year: r.year,
    months: r.months,
    meanTenths: r.mean_tenths,
    computed: r.computed_outcome as AnnualOutcome | null,
    outcome: r.outcome as AnnualOutcome,
    pass: isPassing(r.outcome as AnnualOutcome),
    districtRating: r.district_rating,
    decisionStep: r.decision_step ?? 0,
    decisionReason: r.decision_reason,
  }));
}

/** R25: the leadership group may move the computed grade one step, with a written reason. */
export async function decideAnnual(ctx: MutationContext, townId: string, personId: string, input: AnnualDecisionInput): Promise<AnnualRow> {
  authorize(ctx.actor, 'assessment.annual');
  const existing = await ctx.db.selectFrom('annual_results').selectAll().where('town_id', '=', townId).where('person_id', '=', personId).where('year', '=', input.year).executeTakeFirst();
  if (!existing || existing.mean_tenths === null) throw notFound({ zh: '该人员该年度的考核结果（请先汇总年度考核）', en: 'The computed annual result' });
  if (input.step !== 0 && !input.reason) throw ruleViolation({ zh: '调整等次须写明理由（R25）。', en: 'Moving the grade needs a written reason (R25).' }, 'reason');
  const result = annualAssessment([existing.mean_tenths], ruleValue('assessment.gradeBands', `${input.year}-12-31`), { step: input.step, reason: input.reason });
  await ctx.db
    .updateTable('annual_results')
    .set({ decision_step: input.step, decision_reason: input.reason, district_rating: input.districtRating, outcome: result.final!, recorded_by: ctx.actor.display, recorded_at: shanghaiTimestamp(ctx.clock.now()) })
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('year', '=', input.year)
    .execute();
  await recordAudit(ctx, { townId, action: 'assessment.annual.decide', objectType: 'worker', objectId: personId, before: { outcome: existing.outcome }, after: { outcome: result.final, ...input } });
  return (await listAnnual(ctx, townId, input.year)).find((r) => r.personId === personId)!;
}
