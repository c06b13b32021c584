import { addDays, defaultPolicy, type CategoryCode, type EntryInput, type PayPolicy } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { createSheet, saveEntries, transitionSheet } from '../assessment/sheets.service.js';
import { expectedSheets } from '../assessment/sheets.repository.js';
import { addPolicy } from '../payroll/policies.service.js';

// The demo town's pay (#7): a policy from the integration (2012) with plausible per-category
// amounts above the notice's 1570 floor, and last month's assessment sheets filled and locked, so
// a coop can run last month's pay at once and take it through the three sign-offs (R21).

const TEAM_PAY: Record<CategoryCode, { baseFen: number; bonusFen: number }> = {
  social_coordination: { baseFen: 130000, bonusFen: 45000 },
  public_service: { baseFen: 125000, bonusFen: 50000 },
};

async function demoPolicy(ctx: MutationContext, townId: string): Promise<PayPolicy> {
  const teams = await ctx.db
    .selectFrom('teams as t')
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.category_id'))
    .select(['t.id', 'c.code'])
    .where('t.town_id', '=', townId)
    .execute();
  const base = defaultPolicy('2012-01-01');
  return {
    ...base,
    teams: Object.fromEntries(teams.map((t) => [t.id, TEAM_PAY[t.code as CategoryCode]])),
    specialAllowanceFen: { community_security: 20000, sanitation: 15000, pump_station: 30000 },
    elderlyHelpRateFen: 6000,
    highTemperature: { ...base.highTemperature, monthlyFen: 25000 },
    annualBonusBp: { social_coordination: { excellent: 2500, pass: 1500, basic_pass: 500 }, public_service: { excellent: 2800, pass: 1600, basic_pass: 500 } },
    deductionFen: { urban_employee: 16500, community_comprehensive: 6000, none: 0 },
  };
}

/** A plausible month's row for a worker: most score 80–97, one in 25 fails (R25). */
function demoRow(personId: string, daysDue: number, perPersonServed: boolean, withCommunity: boolean, index: number): EntryInput {
  const weak = index % 25 === 7;
  const s = (max: number, share: number) => Math.round(max * (weak ? 0.5 : share) * 10) / 10;
  const share = 0.8 + ((index * 37) % 18) / 100;
  return {
    personId,
    daysWorked: weak ? daysDue - 3 : daysDue,
    absenceDays: weak ? 3 : 0,
    scores: { duty: s(40, share), quality: s(30, share), discipline: s(10, share), ...(withCommunity ? {} : { residents: s(20, share) }) },
    ...(perPersonServed ? { peopleServed: 18 + (index % 10) } : {}),
  };
}

export async function seedDemoPayroll(ctx: MutationContext, townId: string): Promise<void> {
  await addPolicy(ctx, townId, { validFrom: '2012-01-01', policy: await demoPolicy(ctx, townId), note: '演示：按松府办〔2012〕100号，保底1570元，高温费6–9月每月250元' });
  const last = addDays(`${today(ctx.clock).slice(0, 7)}-01`, -1);
  const month = last.slice(0, 7);
  let index = 0;
  for (const pair of await expectedSheets(ctx.db, townId, `${month}-01`, last)) {
    const sheet = await createSheet(ctx, townId, { departmentId: pair.managing_department_id, teamId: pair.team_id, month });
    const share = sheet.communitySharePercent !== null;
    const rows = sheet.entries.map((e) => demoRow(e.personId, e.daysDue, e.perPersonServed, share, index++));
    await saveEntries(ctx, townId, sheet.id, rows, 'unit');
    if (share) {
      await saveEntries(ctx, townId, sheet.id, rows.map((r) => ({ personId: r.personId, scores: { residents: 17 } })), 'community');
      await transitionSheet(ctx, townId, sheet.id, { event: 'enter_community', reason: '' });
    }
    for (const event of ['submit', 'review', 'lock'] as const) await transitionSheet(ctx, townId, sheet.id, { event, reason: '' });
  }
}
