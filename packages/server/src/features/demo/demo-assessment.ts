import type { Indicator } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { approveTemplate, createTemplate } from '../assessment/templates.service.js';

// The demo town's indicator templates (#6, R25): one per team from January of the demo year,
// approved by the leadership group, so a clerk can open this month's sheet at once. The numbers
// are a plausible town's, not the notice's (it leaves indicators to each management body).

const INDICATORS: Indicator[] = [
  { id: 'duty', name: '岗位职责完成情况', part: 'business', scorer: 'unit', pointsTenths: 400 },
  { id: 'quality', name: '工作质量与效率', part: 'business', scorer: 'unit', pointsTenths: 300 },
  { id: 'discipline', name: '劳动纪律与服从调度', part: 'conduct', scorer: 'unit', pointsTenths: 100 },
  { id: 'residents', name: '村居及群众评价', part: 'conduct', scorer: 'community', pointsTenths: 200 },
];

export async function seedDemoAssessment(ctx: MutationContext, townId: string, year: string): Promise<void> {
  const teams = await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).orderBy('sort_order').execute();
  for (const team of teams) {
    const template = await createTemplate(ctx, townId, { teamId: team.id, validFromMonth: `${year}-01`, indicators: INDICATORS });
    await approveTemplate(ctx, townId, template.id);
  }
}
