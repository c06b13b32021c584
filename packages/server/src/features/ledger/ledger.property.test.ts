import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type MutationContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { demoTown, type TestTown } from '../../testing/harness.js';
import { SYSTEM } from '../policy.js';
import { accountCode, balancesByCode } from './accounts.js';
import { addEarmark, allocate, recordReceipt, reverseEntry } from './flows.service.js';
import { checkLedger } from './ledger-check.js';
import { postRunExpense, postRunPayment } from './payroll-postings.js';

// #8 part 7 on the real database: after any random sequence of receipts, allocations, reversals,
// pay runs approved (expense and payable posted) and released (paid from the coop's accounts by
// earmark, the town subsidy covering the rest, or refused), Σdebit = Σcredit, every stored balance
// equals the rebuild from the entries (`checkLedger`), no special or coop account is below zero,
// earmarked money paid only its teams, the payroll's totals equal the ledger's, and a refused step
// wrote nothing. Runs are fabricated rows (state approved) posted by the same functions the
// leader's approval and the coop's release call; each run has its own month so the sequence can go on.

const SOURCES = ['city_unemployment_fund', 'district_employment_fund', 'district_disability_fund', 'town_subsidy'] as const;

type Op =
  | { kind: 'receipt'; source: number; amount: number }
  | { kind: 'allocate'; source: number; coop: number; amount: number; all: boolean }
  | { kind: 'reverse'; pick: number }
  | { kind: 'run'; coop: number; slips: { team: number; net: number }[] }
  | { kind: 'release'; pick: number };

const amount = fc.integer({ min: 1, max: 3_000_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('receipt' as const), source: fc.nat(3), amount }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('allocate' as const), source: fc.nat(3), coop: fc.nat(1), amount, all: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('run' as const), coop: fc.nat(1), slips: fc.array(fc.record({ team: fc.nat(2), net: fc.integer({ min: 0, max: 400_000 }) }), { minLength: 1, maxLength: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
);

describe('the ledger stays whole under any sequence of flows (#8, property)', () => {
  let t: TestTown;
  let coops: string[] = [];
  /** Per coop, three of its teams; 助残协管 first in coop2 (the disability fund's earmark), 综合协管 first in coop1 (an earmark added below). */
  const teamsOf: string[][] = [];
  let zhucan = '';
  let zonghe = '';
  let policyId = '';
  let runCount = 0;
  const runs: { id: string; coop_id: string; month: string; kind: string }[] = [];
  const refused = new Map<string, number>();

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    const coopRows = await t.database.db.selectFrom('coops').select(['id', 'name']).where('town_id', '=', t.townId).orderBy('name').execute();
    coops = [coopRows.find((c) => c.name.includes('社会协管'))!.id, coopRows.find((c) => c.name.includes('公共服务'))!.id];
    const teams = await t.database.db.selectFrom('teams').select(['id', 'name', 'coop_id']).where('town_id', '=', t.townId).orderBy('sort_order').execute();
    zhucan = teams.find((x) => x.name === '助残协管')!.id;
    zonghe = teams.find((x) => x.name === '综合协管')!.id;
    for (const [i, coop] of coops.entries()) {
      const first = i === 0 ? zonghe : zhucan;
      teamsOf.push([first, ...teams.filter((x) => x.coop_id === coop && x.id !== first).slice(0, 2).map((x) => x.id)]);
    }
    policyId = (await t.database.db.selectFrom('pay_policies').select('id').where('town_id', '=', t.townId).executeTakeFirstOrThrow()).id;
    await service(async (ctx) => {
      // A second earmark: the district employment fund pays only 综合协管's personnel.
      await addEarmark(ctx, t.townId, { sourceCode: 'district_employment_fund', teamId: zonghe, expenseClass: 'personnel', note: '性质测试' });
      // Start from empty accounts (the demo's allocations, then its receipts, reversed) so that refusals happen.
      const demo = await ctx.db.selectFrom('ledger_entries').select(['id', 'kind']).where('town_id', '=', t.townId).orderBy('seq', 'desc').execute();
      for (const e of demo) await reverseEntry(ctx, t.townId, e.id, { reason: '性质测试：清空' });
    });
  });
  afterAll(() => t.close());

  const service = <T>(work: (ctx: MutationContext) => Promise<T>) => inTransaction(t.database, t.runtime, { actor: SYSTEM, requestId: 'property', ip: '' }, work);
  const entryCount = async () => Number((await t.database.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('town_id', '=', t.townId).executeTakeFirstOrThrow()).n);
  const held = async (code: string) => (await balancesByCode(t.database.db, t.townId, [code])).get(code) ?? 0;

  /** Runs one step; a refusal must be a rule the user is told (an AppError) and must write nothing. */
  async function apply(op: Op): Promise<void> {
    const before = await entryCount();
    try {
      await step(op);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refused.set(op.kind, (refused.get(op.kind) ?? 0) + 1);
      expect(e.status, e.text.zh).toBeGreaterThanOrEqual(400);
      expect(await entryCount()).toBe(before);
    }
  }

  async function step(op: Op): Promise<void> {
    switch (op.kind) {
      case 'receipt':
        await service((ctx) => recordReceipt(ctx, t.townId, { sourceCode: SOURCES[op.source]!, amountFen: op.amount, receiptNo: `P-${++runCount}`, date: '2026-03-15', payee: 'special_account', memo: '' }));
        return;
      case 'allocate': {
        const source = SOURCES[op.source]!;
        const have = await held(accountCode({ type: 'special', source }));
        const want = op.all ? have : op.amount;
        if (want <= 0) return;
        const posted = await service((ctx) => allocate(ctx, t.townId, { sourceCode: source, coopId: coops[op.coop]!, amountFen: want, documentRef: `PB-${++runCount}`, date: '2026-03-15', memo: '' })).catch((e: unknown) => e);
        // R20: an allocation succeeds exactly when the sub-account holds the money.
        expect(posted instanceof AppError, `allocate ${want} of ${have}`).toBe(want > have);
        if (posted instanceof AppError) throw posted;
        return;
      }
      case 'reverse': {
        const open = await t.database.db
          .selectFrom('ledger_entries as e')
          .select('e.id')
          .where('e.town_id', '=', t.townId)
          .where('e.kind', 'in', ['receipt', 'allocation'])
          .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.town_id', '=', 'e.town_id').whereRef('r.reverses_entry_id', '=', 'e.id'))))
          .orderBy('e.seq')
          .execute();
        if (open.length === 0) return;
        await service((ctx) => reverseEntry(ctx, t.townId, open[op.pick % open.length]!.id, { reason: '性质测试' }));
        return;
      }
      case 'run': {
        const n = ++runCount;
        const run = { id: `prun-${n}`, coop_id: coops[op.coop]!, month: `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`, kind: 'monthly' };
        const net = op.slips.reduce((s, x) => s + x.net, 0);
        // The leader's approval: the run becomes approved and its expense and payable are posted in the same transaction.
        await service(async (ctx) => {
          await ctx.db.insertInto('pay_runs').values({ town_id: t.townId, ...run, state: 'approved', version: 1, policy_id: policyId, worker_count: op.slips.length, gross_fen: net, deduction_fen: 0, net_fen: net, in_kind_fen: 0, created_by: 'property', created_at: '2026-03-15T10:00:00+08:00', computed_at: '2026-03-15T10:00:00+08:00' }).execute();
          await ctx.db
            .insertInto('pay_slips')
            .values(op.slips.map((s, i) => ({ town_id: t.townId, run_id: run.id, person_id: `pp-${i}`, person_name: `性质${i}`, team_id: teamsOf[op.coop]![s.team]!, department_id: 'd', supervising_department_id: 'd', days_in_post: 31, base_fen: s.net, high_temperature_fen: 0, gross_fen: s.net, deduction_fen: 0, net_fen: s.net, in_kind_fen: 0, lines_json: '[]' })))
            .execute();
          await postRunExpense(ctx, t.townId, run);
        });
        runs.push(run);
        return;
      }
      case 'release': {
        const approved = await t.database.db.selectFrom('pay_runs').select('id').where('town_id', '=', t.townId).where('state', '=', 'approved').where('created_by', '=', 'property').orderBy('id').execute();
        if (approved.length === 0) return;
        const run = runs.find((r) => r.id === approved[op.pick % approved.length]!.id)!;
        // The coop's release: state and payment in one transaction; a refusal (the coop lacks money) leaves the run approved.
        await service(async (ctx) => {
          await ctx.db.updateTable('pay_runs').set({ state: 'released' }).where('town_id', '=', t.townId).where('id', '=', run.id).execute();
          await postRunPayment(ctx, t.townId, run);
        });
        return;
      }
    }
  }

  async function assertWhole(): Promise<void> {
    const lines = await t.database.db.selectFrom('ledger_lines').select([(eb) => eb.fn.sum<number>('debit_fen').as('d'), (eb) => eb.fn.sum<number>('credit_fen').as('c')]).where('town_id', '=', t.townId).executeTakeFirstOrThrow();
    expect(Number(lines.d)).toBe(Number(lines.c));
    const check = await checkLedger(t.database.db, t.runtime.keyring, t.townId);
    expect(check.difference).toBeNull();
    const accounts = await t.database.db
      .selectFrom('ledger_accounts as a')
      .leftJoin('ledger_balances as b', (j) => j.onRef('b.town_id', '=', 'a.town_id').onRef('b.account_id', '=', 'a.id'))
      .select(['a.code', 'a.type', (eb) => eb.fn.coalesce(eb.fn.sum<number>('b.debit_fen'), eb.lit(0)).as('d'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('b.credit_fen'), eb.lit(0)).as('c')])
      .where('a.town_id', '=', t.townId)
      .groupBy(['a.code', 'a.type'])
      .execute();
    for (const a of accounts) if (a.type === 'special' || a.type === 'coop') expect(Number(a.d) - Number(a.c), a.code).toBeGreaterThanOrEqual(0);
    // Payroll total = ledger total: every approved run's net is posted as expense, every released run's as payment.
    const runTotals = await t.database.db.selectFrom('pay_runs').select(['state', (eb) => eb.fn.sum<number>('net_fen').as('net')]).where('town_id', '=', t.townId).where('state', 'in', ['approved', 'released']).groupBy('state').execute();
    const net = (state: string) => Number(runTotals.find((r) => r.state === state)?.net ?? 0);
    const posted = async (kind: string) => Number((await t.database.db.selectFrom('ledger_entries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s')).where('town_id', '=', t.townId).where('kind', '=', kind).executeTakeFirstOrThrow()).s);
    expect(await posted('payroll_expense')).toBe(net('approved') + net('released'));
    expect(await posted('payroll_payment')).toBe(net('released'));
    // Earmarked money paid only its teams.
    const paidFrom = await t.database.db
      .selectFrom('ledger_lines as l')
      .innerJoin('ledger_entries as e', (j) => j.onRef('e.town_id', '=', 'l.town_id').onRef('e.id', '=', 'l.entry_id'))
      .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'l.town_id').onRef('a.id', '=', 'l.account_id'))
      .select(['a.source_code', 'l.team_id'])
      .distinct()
      .where('l.town_id', '=', t.townId)
      .where('e.kind', '=', 'payroll_payment')
      .where('a.type', '=', 'coop')
      .execute();
    for (const p of paidFrom) {
      if (p.source_code === 'district_disability_fund') expect(p.team_id).toBe(zhucan);
      if (p.source_code === 'district_employment_fund') expect(p.team_id).toBe(zonghe);
    }
  }

  it('Σdebit = Σcredit, balances = rebuild, no account below zero, payroll = ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        for (const op of ops) await apply(op);
        await assertWhole();
      }),
      { numRuns: 80 },
    );
    // The sequences did reach every flow, refusals included.
    const kinds = new Set((await t.database.db.selectFrom('ledger_entries').select('kind').where('town_id', '=', t.townId).execute()).map((e) => e.kind));
    for (const k of ['receipt', 'allocation', 'reversal', 'payroll_expense', 'payroll_payment']) expect(kinds).toContain(k);
    for (const k of ['allocate', 'release']) expect(refused.get(k) ?? 0, `refused ${k}`).toBeGreaterThan(0);
  }, 120_000);
});
