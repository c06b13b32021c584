import type { MutationContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { setExpectedReceipt } from '../ledger/budget.service.js';
import { addEarmark, allocate, recordReceipt } from '../ledger/flows.service.js';

// The demo town's funds (#8, R20, R22): this year's city and district money received into the town
// special account by source, the town's own subsidy, the district disability fund earmarked for
// 助残 work, allocations to both coops keeping their source, and the year's expected receipts (what
// was granted; below the planned spending, so the town has a shortfall to pay, R22), so a coop can
// pay a month at once and the finance page has figures to show.

const YUAN = 100;
const RECEIPTS: { source: string; amount: number; no: string }[] = [
  { source: 'city_unemployment_fund', amount: 6_000_000, no: 'SJ-01' },
  { source: 'district_employment_fund', amount: 5_000_000, no: 'QJ-01' },
  { source: 'district_disability_fund', amount: 600_000, no: 'CB-01' },
  { source: 'town_subsidy', amount: 3_000_000, no: 'ZB-01' },
];
/** Share of each source allocated to 社会协管服务社 (the rest to 社区公共服务社); the disability fund pays 助残 only (public service). */
const COOP1_SHARE: Record<string, number> = { city_unemployment_fund: 0.4, district_employment_fund: 0.4, district_disability_fund: 0, town_subsidy: 0.4 };

export async function seedDemoLedger(ctx: MutationContext, townId: string): Promise<void> {
  const year = today(ctx.clock).slice(0, 4);
  const date = `${year}-01-05`;
  const coops = await ctx.db.selectFrom('coops').select(['id', 'name']).where('town_id', '=', townId).orderBy('name').execute();
  const coop1 = coops.find((c) => c.name.includes('社会协管'))!;
  const coop2 = coops.find((c) => c.name.includes('公共服务'))!;
  const disability = await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).where('name', '=', '助残协管').executeTakeFirstOrThrow();
  await addEarmark(ctx, townId, { sourceCode: 'district_disability_fund', teamId: disability.id, expenseClass: 'personnel', note: '区残保金专用于助残协管人员经费' });
  for (const r of RECEIPTS) {
    await recordReceipt(ctx, townId, { sourceCode: r.source, amountFen: r.amount * YUAN, receiptNo: `${year}-${r.no}`, date, payee: 'special_account', memo: '' });
    const first = Math.round(r.amount * COOP1_SHARE[r.source]!) * YUAN;
    if (first > 0) await allocate(ctx, townId, { sourceCode: r.source, coopId: coop1.id, amountFen: first, documentRef: `${year}-BF-${r.no}-1`, date, memo: '' });
    await allocate(ctx, townId, { sourceCode: r.source, coopId: coop2.id, amountFen: r.amount * YUAN - first, documentRef: `${year}-BF-${r.no}-2`, date, memo: '' });
    if (r.source !== 'town_subsidy') await setExpectedReceipt(ctx, townId, Number(year), { sourceCode: r.source, amountFen: r.amount * YUAN, basis: '按已下达额度估列' });
  }
}
