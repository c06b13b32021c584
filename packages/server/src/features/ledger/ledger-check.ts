import { checkEntry, rebuildBalances } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';

// `gongyi ledger check` (#8 part 6): rebuilds every balance from the entries alone and compares it
// with the stored balances, checks every entry balances, and that each approved run's postings
// equal the run's net pay. Returns the first difference in words, or null when all agree.

export interface CheckResult {
  entries: number;
  accounts: number;
  runs: number;
  difference: string | null;
}

export async function checkLedger(db: Executor, townId: string): Promise<CheckResult> {
  const lines = await db.selectFrom('ledger_lines').select(['entry_id', 'account_id', 'debit_fen', 'credit_fen']).where('town_id', '=', townId).orderBy('entry_id').orderBy('line_no').execute();
  const entries = await db.selectFrom('ledger_entries').select(['id', 'seq', 'period', 'amount_fen', 'kind', 'document_ref']).where('town_id', '=', townId).orderBy('seq').execute();
  const byEntry = new Map<string, { accountId: string; debitFen: number; creditFen: number }[]>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push({ accountId: l.account_id, debitFen: Number(l.debit_fen), creditFen: Number(l.credit_fen) });
    byEntry.set(l.entry_id, list);
  }
  const result = (difference: string | null, runs = 0): CheckResult => ({ entries: entries.length, accounts: new Set(lines.map((l) => l.account_id)).size, runs, difference });
  const rebuilt = new Map<string, number>();
  for (const e of entries) {
    const own = byEntry.get(e.id) ?? [];
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
  const runs = await db.selectFrom('pay_runs').select(['id', 'month', 'state', 'net_fen']).where('town_id', '=', townId).where('state', 'in', ['approved', 'released']).execute();
  const posted = (id: string, kind: string) => entries.filter((e) => e.kind === kind && e.document_ref === id).reduce((s, e) => s + Number(e.amount_fen), 0);
  for (const r of runs) {
    const net = Number(r.net_fen);
    if (posted(r.id, 'payroll_expense') !== net) return result(`${r.month} 发放（${r.id}）实发合计 ${net} 分，工资计提凭证为 ${posted(r.id, 'payroll_expense')} 分`, runs.length);
    if (r.state === 'released' && posted(r.id, 'payroll_payment') !== net) return result(`${r.month} 发放（${r.id}）实发合计 ${net} 分，发放凭证为 ${posted(r.id, 'payroll_payment')} 分`, runs.length);
  }
  return result(null, runs.length);
}
