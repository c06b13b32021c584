import type { MutationContext } from '../../http/context.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { actsForCoop } from './run-scope.js';
import { requireRun, RUN } from './runs.service.js';

// The coop's bank file (#7 part 4): name, bank, account and amount of every worker paid by an
// approved run (R21: no money moves before the three sign-offs). The account is decrypted here
// only, and the export is audited with the run's total.

export interface BankRow {
  name: string;
  bankName: string;
  account: string;
  netFen: number;
}

export async function bankRowsOf(ctx: MutationContext, townId: string, runId: string): Promise<{ coopName: string; month: string; rows: BankRow[] }> {
  authorize(ctx.actor, 'payroll.release');
  const run = await requireRun(ctx, townId, runId);
  if (!actsForCoop(ctx, 'payroll.release', run.coop_id)) throw notFound(RUN);
  if (run.state !== 'approved' && run.state !== 'released') {
    throw ruleViolation({ zh: '该发放尚未经单位确认、主管部门审核和分管领导审批，不能导出银行文件（R21）。', en: 'The run is not approved by all three sign-offs (R21); no bank file yet.' });
  }
  const slips = await ctx.db
    .selectFrom('pay_slips as ps')
    .innerJoin('persons as p', (j) => j.onRef('p.town_id', '=', 'ps.town_id').onRef('p.id', '=', 'ps.person_id'))
    .select(['ps.person_name', 'ps.net_fen', 'p.bank_name', 'p.bank_account_cipher'])
    .where('ps.town_id', '=', townId)
    .where('ps.run_id', '=', runId)
    .where('ps.net_fen', '!=', 0)
    .orderBy('ps.person_name')
    .execute();
  const rows = slips.map((s) => ({ name: s.person_name, bankName: s.bank_name, account: s.bank_account_cipher ? ctx.keyring.decrypt(s.bank_account_cipher) : '', netFen: Number(s.net_fen) }));
  const negative = rows.filter((r) => r.netFen < 0);
  if (negative.length > 0) {
    throw ruleViolation({ zh: `${negative.length} 人本月实发为负数（如 ${negative[0]!.name}：${(negative[0]!.netFen / 100).toFixed(2)} 元），银行不能代发负数。请在发放中手工调整，或将应扣回金额登记为下月更正。`, en: `${negative.length} workers have a negative net; adjust them first.` });
  }
  const missing = rows.filter((r) => !r.account);
  if (missing.length > 0) {
    throw ruleViolation({ zh: `${missing.length} 人没有银行账号（如 ${missing[0]!.name}），银行文件不完整。请先在花名册中补录账号。`, en: `${missing.length} workers have no bank account.` });
  }
  await recordAudit(ctx, { townId, action: 'payroll.bank_file.export', objectType: 'pay_run', objectId: runId, after: { rows: rows.length, totalFen: rows.reduce((s, r) => s + r.netFen, 0) } });
  return { coopName: run.coop_name, month: run.month, rows };
}
