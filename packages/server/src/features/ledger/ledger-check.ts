import { checkEntry, rebuildBalances } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { readCheckpointFile } from '../audit/checkpoint-file.js';
import { checkpointAnchors } from '../audit/checkpoints.js';
import type { Keyring } from '../crypto/keyring.js';
import { slipsMac } from '../payroll/run-seal.js';
import { checkEntryChain } from './entry-chain.js';
import { reconcileRuns } from './reports.service.js';

// `gongyi ledger check` (#8 part 6, #13 item 8): every entry's keyed MAC in its chain and held
// against the checkpoints (an entry edited consistently — lines, amount and stored balances — or
// deleted, or the last ones cut off); every entry balances; every balance rebuilt from the entries
// equals the stored one; each approved run's slips equal their seal from approval, and the run, its
// slips and its postings agree (the 对账 page's comparison). Returns the first difference in words.

export interface CheckResult {
  entries: number;
  accounts: number;
  runs: number;
  difference: string | null;
}

export interface LedgerCheckOptions {
  /** The checkpoint file to hold the chain against (features/audit/checkpoint-file.ts). */
  checkpointFile?: string | undefined;
}

export async function checkLedger(db: Executor, keyring: Keyring, townId: string, options: LedgerCheckOptions = {}): Promise<CheckResult> {
  const lines = await db.selectFrom('ledger_lines').select(['entry_id', 'line_no', 'account_id', 'debit_fen', 'credit_fen', 'team_id']).where('town_id', '=', townId).orderBy('entry_id').orderBy('line_no').execute();
  const entries = await db.selectFrom('ledger_entries').selectAll().where('town_id', '=', townId).orderBy('seq').execute();
  const byEntry = new Map<string, typeof lines>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push(l);
    byEntry.set(l.entry_id, list);
  }
  const result = (difference: string | null, runs = 0): CheckResult => ({ entries: entries.length, accounts: new Set(lines.map((l) => l.account_id)).size, runs, difference });
  const file = options.checkpointFile ? readCheckpointFile(options.checkpointFile, keyring) : { checkpoints: [], problem: null };
  if (file.problem) return result(file.problem);
  const { problem, anchors } = await checkpointAnchors(db, keyring, townId, file.checkpoints.filter((c) => c.town_id === townId));
  if (problem) return result(problem);
  const broken = checkEntryChain(keyring, entries, (id) => byEntry.get(id) ?? [], anchors);
  if (broken) return result(broken);
  const rebuilt = new Map<string, number>();
  for (const e of entries) {
    const own = (byEntry.get(e.id) ?? []).map((l) => ({ accountId: l.account_id, debitFen: Number(l.debit_fen), creditFen: Number(l.credit_fen) }));
    if (checkEntry(own).length > 0) return result(`第 ${e.seq} 号凭证借贷不平衡或行有误`);
    if (own.reduce((s, l) => s + l.debitFen, 0) !== Number(e.amount_fen)) return result(`第 ${e.seq} 号凭证的金额与其分录行合计不符`);
    for (const [account, delta] of rebuildBalances(own)) rebuilt.set(`${account}|${e.period}`, (rebuilt.get(`${account}|${e.period}`) ?? 0) + delta);
  }
  const stored = await db.selectFrom('ledger_balances as b').innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'b.town_id').onRef('a.id', '=', 'b.account_id')).select(['b.account_id', 'a.name', 'b.period', 'b.debit_fen', 'b.credit_fen']).where('b.town_id', '=', townId).execute();
  const seen = new Set<string>();
  for (const b of stored) {
    const key = `${b.account_id}|${b.period}`;
    seen.add(key);
    const want = rebuilt.get(key) ?? 0;
    const have = Number(b.debit_fen) - Number(b.credit_fen);
    if (want !== have) return result(`账户“${b.name}”${b.period} 的余额：按凭证重算为 ${want} 分，存储为 ${have} 分`);
  }
  for (const [key, value] of rebuilt) if (value !== 0 && !seen.has(key)) return result(`账户 ${key.split('|')[0]} ${key.split('|')[1]} 有凭证发生额 ${value} 分，但没有存储余额`);
  const runs = await reconcileRuns(db, townId, null);
  const sealed = await db.selectFrom('pay_runs').selectAll().where('town_id', '=', townId).where('state', 'in', ['approved', 'released']).execute();
  for (const run of sealed) {
    const name = `${run.month} 发放（${run.id}）`;
    if (run.slips_mac === '') {
      // Approved before the seal existed — or its seal cleared: the expense posted at approval carries a MAC only since then.
      const keyedExpense = entries.some((e) => e.kind === 'payroll_expense' && e.document_ref === run.id && e.mac !== '');
      if (keyedExpense) return result(`${name}审批时封存的工资条校验码被清除`, runs.length);
    } else if ((await slipsMac(db, keyring, run)) !== run.slips_mac) {
      return result(`${name}的工资条与审批时封存的不符（审批后工资条或发放合计被改动）`, runs.length);
    }
  }
  const mismatch = runs.find((r) => !r.matches);
  if (mismatch) {
    return result(
      `${mismatch.month} ${mismatch.coopName} 发放（${mismatch.runId}）对账不符：发放合计 ${mismatch.runNetFen} 分，工资条（银行代发）合计 ${mismatch.bankFileFen} 分，工资计提凭证 ${mismatch.expensePostedFen} 分，发放凭证 ${mismatch.paymentPostedFen} 分`,
      runs.length,
    );
  }
  return result(null, runs.length);
}
