import { NORMAL_SIDE, type AccountBalance, type AccountType, type ExpenseClass, type LedgerEntry, type LedgerSummary, type Page } from '@gongyi/domain';
import { z } from 'zod';
import type { EarmarkSchema, ReconciliationRowSchema, TraceSchema } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { ReadContext } from '../../http/context.js';
import { authorize, grantsFor } from '../policy.js';
import { isTownWide } from '../staffing/staffing-scope.js';
import { requireWorkerInScope } from '../workers/workers.service.js';
import { fenOf } from '../../db/sums.js';

// The finance page's reports (#8 part 5): balances per source and account, the journal, one
// worker's pay traced back to its fund sources, and payroll runs reconciled with their postings and
// bank files. Read-only; every figure comes from the entries or the stored balances they keep.

export async function ledgerSummary(ctx: ReadContext, townId: string, year: number): Promise<LedgerSummary> {
  authorize(ctx.actor, 'ledger.read');
  const [accounts, sources, closed] = await Promise.all([
    ctx.db
      .selectFrom('ledger_accounts as a')
      .leftJoin('ledger_balances as b', (j) => j.onRef('b.town_id', '=', 'a.town_id').onRef('b.account_id', '=', 'a.id').on('b.period', '<=', `${year}-12`))
      .select(['a.id', 'a.code', 'a.name', 'a.type', 'a.source_code', 'a.coop_id', 'a.expense_class', (eb) => eb.fn.coalesce(eb.fn.sum<number>('b.debit_fen'), eb.lit(0)).as('debit'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('b.credit_fen'), eb.lit(0)).as('credit')])
      .where('a.town_id', '=', townId)
      .groupBy(['a.id', 'a.code', 'a.name', 'a.type', 'a.source_code', 'a.coop_id', 'a.expense_class'])
      .orderBy('a.type')
      .orderBy('a.code')
      .execute(),
    ctx.db.selectFrom('fund_sources').select(['code', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute(),
    ctx.db.selectFrom('ledger_periods').select('period').where('town_id', '=', townId).orderBy('period').execute(),
  ]);
  const balances: AccountBalance[] = accounts.map((a) => {
    const debit = fenOf(a.debit);
    const credit = fenOf(a.credit);
    const type = a.type as AccountType;
    return { id: a.id, code: a.code, name: a.name, type, sourceCode: a.source_code, coopId: a.coop_id, expenseClass: a.expense_class, debitFen: debit, creditFen: credit, balanceFen: NORMAL_SIDE[type] === 'debit' ? debit - credit : credit - debit };
  });
  const sum = (type: AccountType, source: string, pick: (b: AccountBalance) => number) => balances.filter((b) => b.type === type && b.sourceCode === source).reduce((s, b) => s + pick(b), 0);
  return {
    year,
    // Net of reversals: the special account only takes receipts and gives allocations, a coop's
    // account only takes allocations and pays out, so what left each is received − held.
    sources: sources.map((s) => {
      const received = sum('fund', s.code, (b) => b.balanceFen);
      const special = sum('special', s.code, (b) => b.balanceFen);
      const coop = sum('coop', s.code, (b) => b.balanceFen);
      return { code: s.code, name: s.name, receivedFen: received, specialBalanceFen: special, allocatedFen: received - special, coopBalanceFen: coop, paidFen: received - special - coop };
    }),
    accounts: balances,
    closedPeriods: closed.map((c) => c.period),
  };
}

export async function listEntries(ctx: ReadContext, townId: string, q: { page: number; pageSize: number; kind?: string | undefined; period?: string | undefined; q?: string | undefined }): Promise<Page<LedgerEntry>> {
  authorize(ctx.actor, 'ledger.read');
  let query = ctx.db.selectFrom('ledger_entries as e').where('e.town_id', '=', townId);
  if (q.kind) query = query.where('e.kind', '=', q.kind);
  if (q.period) query = query.where('e.period', '=', q.period);
  if (q.q) query = query.where((eb) => eb.or([eb('e.document_ref', 'like', `%${q.q}%`), eb('e.memo', 'like', `%${q.q}%`)]));
  const [rows, count] = await Promise.all([
    query
      .selectAll('e')
      .select((eb) => eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.town_id', '=', 'e.town_id').whereRef('r.reverses_entry_id', '=', 'e.id').limit(1).as('reversed_by'))
      .orderBy('e.seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const lines = rows.length
    ? await ctx.db
        .selectFrom('ledger_lines as l')
        .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'l.town_id').onRef('a.id', '=', 'l.account_id'))
        .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'l.town_id').onRef('t.id', '=', 'l.team_id'))
        .select(['l.entry_id', 'l.account_id', 'a.code', 'a.name', 'l.debit_fen', 'l.credit_fen', 'l.team_id', 't.name as team_name'])
        .where('l.town_id', '=', townId)
        .where('l.entry_id', 'in', rows.map((r) => r.id))
        .orderBy('l.line_no')
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind as LedgerEntry['kind'],
      date: r.entry_date,
      period: r.period,
      documentKind: r.document_kind,
      documentRef: r.document_ref,
      memo: r.memo,
      amountFen: Number(r.amount_fen),
      reversesEntryId: r.reverses_entry_id,
      reversedByEntryId: r.reversed_by ?? null,
      createdBy: r.created_by,
      createdAt: r.created_at,
      lines: lines
        .filter((l) => l.entry_id === r.id)
        .map((l) => ({ accountId: l.account_id, accountCode: l.code, accountName: l.name, debitFen: Number(l.debit_fen), creditFen: Number(l.credit_fen), teamId: l.team_id, teamName: l.team_name })),
    })),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listEarmarks(ctx: ReadContext, townId: string): Promise<z.infer<typeof EarmarkSchema>[]> {
  authorize(ctx.actor, 'ledger.read');
  const rows = await ctx.db
    .selectFrom('ledger_earmarks as e')
    .leftJoin('fund_sources as s', (j) => j.onRef('s.town_id', '=', 'e.town_id').onRef('s.code', '=', 'e.source_code'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'e.town_id').onRef('t.id', '=', 'e.team_id'))
    .select(['e.id', 'e.source_code', 's.name as source_name', 'e.team_id', 't.name as team_name', 'e.expense_class', 'e.note'])
    .where('e.town_id', '=', townId)
    .orderBy('e.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, sourceCode: r.source_code, sourceName: r.source_name ?? r.source_code, teamId: r.team_id, teamName: r.team_name, expenseClass: r.expense_class as ExpenseClass, note: r.note }));
}

/**
 * One worker's pay back to its sources: each paid slip's share of its team's draw on each source
 * in the run's payment (shares rounded down, the remainder to the largest source, so they add up).
 */
export async function traceWorker(ctx: ReadContext, townId: string, personId: string): Promise<z.infer<typeof TraceSchema>> {
  authorize(ctx.actor, 'ledger.read');
  // #13 item 11: a worker outside the caller's scope (a coop's admin asking for another coop's
  // worker) is "not found", by the roster's own scope SQL; and a scoped caller sees only the slips
  // of runs of its own coops (a worker who moved coops keeps the other coop's pay private).
  const person = await requireWorkerInScope(ctx, townId, personId, 'ledger.read');
  const runCoops = isTownWide(ctx, 'ledger.read') ? null : grantsFor(ctx.actor, 'ledger.read').flatMap((g) => (g.scopeKind === 'coop' && g.scopeId ? [g.scopeId] : []));
  const slips = await ctx.db
    .selectFrom('pay_slips as ps')
    .innerJoin('pay_runs as r', (j) => j.onRef('r.town_id', '=', 'ps.town_id').onRef('r.id', '=', 'ps.run_id'))
    .select(['ps.run_id', 'ps.team_id', 'ps.net_fen', 'r.month', 'r.kind', 'r.state'])
    .where('ps.town_id', '=', townId)
    .where('ps.person_id', '=', personId)
    .$if(runCoops !== null, (q) => q.where('r.coop_id', 'in', runCoops!.length > 0 ? runCoops! : ['']))
    .orderBy('r.month', 'desc')
    .execute();
  const runIds = slips.map((s) => s.run_id);
  const draws = runIds.length
    ? await ctx.db
        .selectFrom('ledger_lines as l')
        .innerJoin('ledger_entries as e', (j) => j.onRef('e.town_id', '=', 'l.town_id').onRef('e.id', '=', 'l.entry_id'))
        .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'l.town_id').onRef('a.id', '=', 'l.account_id'))
        .leftJoin('fund_sources as s', (j) => j.onRef('s.town_id', '=', 'a.town_id').onRef('s.code', '=', 'a.source_code'))
        .select(['e.document_ref', 'l.team_id', 'a.source_code', 's.name as source_name', 'l.credit_fen'])
        .where('l.town_id', '=', townId)
        .where('e.kind', '=', 'payroll_payment')
        .where('a.type', '=', 'coop')
        .where('e.document_ref', 'in', runIds)
        .execute()
    : [];
  const teamTotals = runIds.length
    ? await ctx.db.selectFrom('pay_slips').select(['run_id', 'team_id', (eb) => eb.fn.sum<number>('net_fen').as('net')]).where('town_id', '=', townId).where('run_id', 'in', runIds).groupBy(['run_id', 'team_id']).execute()
    : [];
  return {
    personId,
    name: person.name,
    slips: slips.map((s) => {
      const net = Number(s.net_fen);
      const team = fenOf(teamTotals.find((t) => t.run_id === s.run_id && t.team_id === s.team_id)?.net ?? 0);
      const parts = draws.filter((d) => d.document_ref === s.run_id && d.team_id === s.team_id);
      const sources = parts.map((p) => ({ sourceCode: p.source_code ?? '', sourceName: p.source_name ?? p.source_code ?? '', amountFen: team === 0 ? 0 : Math.floor((net * Number(p.credit_fen)) / team) }));
      const rest = net - sources.reduce((x, y) => x + y.amountFen, 0);
      if (sources.length > 0 && parts.length > 0) sources.sort((a, b) => b.amountFen - a.amountFen)[0]!.amountFen += rest;
      return { runId: s.run_id, month: s.month, kind: s.kind, netFen: net, paid: parts.length > 0, sources };
    }),
  };
}

/** Each approved run beside its expense and payment postings and its bank file's total (the positive nets). */
export async function reconciliation(ctx: ReadContext, townId: string, year: number): Promise<z.infer<typeof ReconciliationRowSchema>[]> {
  authorize(ctx.actor, 'ledger.read');
  return reconcileRuns(ctx.db, townId, year);
}

/**
 * Each approved run against its slips (what the bank file pays), its expense posting and its
 * payment posting: the 对账 page for a year, and `gongyi ledger check` for every year (year null).
 */
export async function reconcileRuns(db: Executor, townId: string, year: number | null): Promise<z.infer<typeof ReconciliationRowSchema>[]> {
  let query = db
    .selectFrom('pay_runs as r')
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.id', '=', 'r.coop_id'))
    .select(['r.id', 'c.name', 'r.month', 'r.kind', 'r.state', 'r.net_fen'])
    .select((eb) => [
      eb.selectFrom('pay_slips as ps').select((x) => x.fn.coalesce(x.fn.sum<number>('ps.net_fen'), x.lit(0)).as('s')).whereRef('ps.town_id', '=', 'r.town_id').whereRef('ps.run_id', '=', 'r.id').where('ps.net_fen', '>', 0).as('bank'),
      eb.selectFrom('ledger_entries as e').select((x) => x.fn.coalesce(x.fn.sum<number>('e.amount_fen'), x.lit(0)).as('s')).whereRef('e.town_id', '=', 'r.town_id').whereRef('e.document_ref', '=', 'r.id').where('e.kind', '=', 'payroll_expense').as('expense'),
      eb.selectFrom('ledger_entries as e').select((x) => x.fn.coalesce(x.fn.sum<number>('e.amount_fen'), x.lit(0)).as('s')).whereRef('e.town_id', '=', 'r.town_id').whereRef('e.document_ref', '=', 'r.id').where('e.kind', '=', 'payroll_payment').as('payment'),
    ])
    .where('r.town_id', '=', townId)
    .where('r.state', 'in', ['approved', 'released']);
  if (year !== null) query = query.where('r.month', '>=', `${year}-01`).where('r.month', '<=', `${year}-12`);
  const rows = await query.orderBy('r.month').orderBy('c.name').execute();
  return rows.map((r) => {
    const net = Number(r.net_fen);
    const expense = fenOf(r.expense);
    const payment = fenOf(r.payment);
    const bank = fenOf(r.bank);
    return { runId: r.id, coopName: r.name, month: r.month, kind: r.kind, state: r.state, runNetFen: net, bankFileFen: bank, expensePostedFen: expense, paymentPostedFen: payment, matches: expense === net && bank === net && (r.state === 'released' ? payment === net : payment === 0) };
  });
}
