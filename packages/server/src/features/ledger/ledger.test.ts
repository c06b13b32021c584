import { checkEntry, formatYuan, plannedPersonnelCost, type CategoryCode, type PayPolicy, type SpecialPost } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { auditCount, demoTown, signIn, type Api, type TestTown } from '../../testing/harness.js';
import { SYSTEM } from '../policy.js';
import { accountCode, accountId, balancesByCode } from './accounts.js';
import { checkLedger } from './ledger-check.js';
import { postRunExpense, postRunPayment } from './payroll-postings.js';
import { postEntry } from './post-entry.js';

// #8 over HTTP on the real database (SQLite, and PostgreSQL with GONGYI_TEST_DB=postgres): receipts
// into the town special account by source only (R20), allocations keeping their source, balanced
// entries, closed months, reversals instead of edits, earmarks and the town subsidy (R22), a coop's
// pay run posted on approval and paid on release, the trace of a worker's pay back to its sources,
// reconciliation, the budget and shortfall (R18, R22), exports, audit and scope — and after all of
// it the stored balances still equal the rebuild. The clock is 2026-03-15; the demo received and
// allocated this year's money on 2026-01-05 and locked February's assessment sheets.

interface Line {
  accountCode: string;
  debitFen: number;
  creditFen: number;
  teamId: string | null;
}
interface Entry {
  id: string;
  seq: number;
  kind: string;
  documentRef: string;
  amountFen: number;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  lines: Line[];
}

const UNIT_USERS = ['paichusuo', 'jiaojing', 'anjiansuo', 'renshe', 'chengguan', 'jianshe'];
const CITY = 'city_unemployment_fund';
const DISTRICT = 'district_employment_fund';
const DISABILITY = 'district_disability_fund';
const SUBSIDY = 'town_subsidy';

describe('funds (#8)', () => {
  let t: TestTown;
  let finance: Api, coop1: Api, office: Api, zongzhiban: Api, leader: Api;
  let coop1Id = '';
  let coop2Id = '';
  const teams = new Map<string, string>();
  let runId = '';
  let runNet = 0;

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    [finance, coop1, office, zongzhiban, leader] = (await Promise.all(['finance', 'coop1', 'office', 'zongzhiban', 'leader'].map((u) => t.as(u)))) as [Api, Api, Api, Api, Api];
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    coop1Id = coops.find((c) => c.name.includes('社会协管'))!.id;
    coop2Id = coops.find((c) => c.name.includes('公共服务'))!.id;
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) teams.set(x.name, x.id);
  });
  afterAll(() => t.close());

  const service = <T>(work: Parameters<typeof inTransaction<T>>[3]) => inTransaction(t.database, t.runtime, { actor: SYSTEM, requestId: 'test', ip: '' }, work);
  const held = async (code: string) => (await balancesByCode(t.database.db, t.townId, [code])).get(code) ?? 0;
  const coopAccount = (coopId: string, source: string) => accountCode({ type: 'coop', coopId, source });
  const special = (source: string) => accountCode({ type: 'special', source });
  const count = async (table: 'ledger_entries' | 'ledger_lines' | 'ledger_balances' | 'ledger_periods') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('town_id', '=', t.townId).executeTakeFirstOrThrow()).n);
  /** Everything a refused posting must leave as it was. */
  const snapshot = async () => ({ entries: await count('ledger_entries'), lines: await count('ledger_lines'), balances: await count('ledger_balances'), audit: await auditCount(t.database, t.townId) });
  const entriesFor = async (q: string): Promise<Entry[]> => (await finance('GET', `/ledger/entries?q=${encodeURIComponent(q)}&pageSize=200`)).body.items;
  const entry = async (id: string): Promise<Entry> => {
    for (let page = 1; ; page++) {
      const res = await finance('GET', `/ledger/entries?pageSize=200&page=${page}`);
      const found = (res.body.items as Entry[]).find((e) => e.id === id);
      if (found || res.body.items.length === 0) return found!;
    }
  };
  const receipt = (body: Record<string, unknown>) => finance('POST', '/ledger/receipts', { date: '2026-03-10', ...body });

  it('records a receipt into the special account by source (R20)', async () => {
    const before = await held(special(DISTRICT));
    const res = await receipt({ sourceCode: DISTRICT, amountFen: 1_000_000, receiptNo: 'QJ-T1' });
    expect(res.status).toBe(201);
    expect(res.body.amountFen).toBe(1_000_000);
    const [posted] = await entriesFor('QJ-T1');
    expect(posted).toMatchObject({ kind: 'receipt', documentRef: 'QJ-T1', amountFen: 1_000_000 });
    expect(posted!.lines.map((l) => [l.accountCode, l.debitFen, l.creditFen])).toEqual([
      [special(DISTRICT), 1_000_000, 0],
      [`fund:${DISTRICT}`, 0, 1_000_000],
    ]);
    expect(await held(special(DISTRICT))).toBe(before + 1_000_000);
    const summary = (await finance('GET', '/ledger/summary?year=2026')).body;
    const source = summary.sources.find((s: { code: string }) => s.code === DISTRICT);
    // The demo received 5,000,000 yuan and allocated all of it to the two coops.
    expect(source).toMatchObject({ receivedFen: 500_000_000 + 1_000_000, specialBalanceFen: before + 1_000_000 });
  });

  it('refuses a receipt addressed to a coop or a worker, citing R20, and writes nothing', async () => {
    const before = await snapshot();
    for (const payee of ['coop', 'worker']) {
      const res = await receipt({ sourceCode: CITY, amountFen: 500_000, receiptNo: `R20-${payee}`, payee });
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe('payee');
      expect(res.body.error.message).toContain('R20');
      expect(res.body.error.message).toContain('镇专户');
    }
    expect(await snapshot()).toEqual(before);
    expect(await entriesFor('R20-')).toEqual([]);
  });

  it('refuses an unknown source, a non-integer or non-positive amount, and unknown fields', async () => {
    const before = await snapshot();
    expect((await receipt({ sourceCode: 'nowhere', amountFen: 100, receiptNo: 'X-1' })).body.error.field).toBe('sourceCode');
    expect((await receipt({ sourceCode: CITY, amountFen: 1.5, receiptNo: 'X-2' })).status).toBe(400);
    expect((await receipt({ sourceCode: CITY, amountFen: 0, receiptNo: 'X-3' })).status).toBe(400);
    expect((await receipt({ sourceCode: CITY, amountFen: 100, receiptNo: 'X-4', workerId: 'p1' })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a duplicate receipt number (409) and takes it again once the first is reversed', async () => {
    const first = await receipt({ sourceCode: CITY, amountFen: 300_000, receiptNo: 'DUP-1' });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await receipt({ sourceCode: CITY, amountFen: 300_000, receiptNo: 'DUP-1' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', field: 'receiptNo' });
    expect(again.body.error.message).toContain('冲销');
    expect(await snapshot()).toEqual(before);
    const reversed = await finance('POST', `/ledger/entries/${first.body.id}/reverse`, { reason: '金额登记错误' });
    expect(reversed.status).toBe(201);
    const retaken = await receipt({ sourceCode: CITY, amountFen: 330_000, receiptNo: 'DUP-1' });
    expect(retaken.status).toBe(201);
    expect((await receipt({ sourceCode: CITY, amountFen: 330_000, receiptNo: 'DUP-1' })).status).toBe(409);
  });

  it('refuses an allocation larger than the sub-account holds, writing nothing', async () => {
    const have = await held(special(DISTRICT));
    expect(have).toBeGreaterThan(0);
    const before = await snapshot();
    const res = await finance('POST', '/ledger/allocations', { sourceCode: DISTRICT, coopId: coop1Id, amountFen: have + 1, documentRef: 'BF-TOO-MUCH', date: '2026-03-10' });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('amountFen');
    expect(res.body.error.message).toContain(`分户余额 ${formatYuan(have)}`);
    expect(await snapshot()).toEqual(before);
    expect((await finance('POST', '/ledger/allocations', { sourceCode: DISTRICT, coopId: 'no-such-coop', amountFen: 1, documentRef: 'BF-X', date: '2026-03-10' })).body.error.field).toBe('coopId');
  });

  it('allocates to a coop keeping the source: the coop holds the money per source (R20)', async () => {
    const others = await Promise.all([CITY, DISABILITY, SUBSIDY].map((s) => held(coopAccount(coop1Id, s))));
    const coopBefore = await held(coopAccount(coop1Id, DISTRICT));
    const specialBefore = await held(special(DISTRICT));
    const res = await finance('POST', '/ledger/allocations', { sourceCode: DISTRICT, coopId: coop1Id, amountFen: 600_000, documentRef: 'BF-T1', date: '2026-03-10' });
    expect(res.status).toBe(201);
    const [posted] = await entriesFor('BF-T1');
    expect(posted!.kind).toBe('allocation');
    expect(posted!.lines.map((l) => [l.accountCode, l.debitFen, l.creditFen])).toEqual([
      [coopAccount(coop1Id, DISTRICT), 600_000, 0],
      [special(DISTRICT), 0, 600_000],
    ]);
    expect(await held(coopAccount(coop1Id, DISTRICT))).toBe(coopBefore + 600_000);
    expect(await held(special(DISTRICT))).toBe(specialBefore - 600_000);
    expect(await Promise.all([CITY, DISABILITY, SUBSIDY].map((s) => held(coopAccount(coop1Id, s))))).toEqual(others);
  });

  it('lets only one of two concurrent allocations spend the same money, and only one of two receipts with one number', async () => {
    await receipt({ sourceCode: DISABILITY, amountFen: 200_000, receiptNo: 'CB-RACE' });
    const all = await held(special(DISABILITY));
    const both = await Promise.all([1, 2].map((i) => finance('POST', '/ledger/allocations', { sourceCode: DISABILITY, coopId: coop2Id, amountFen: all, documentRef: `BF-RACE-${i}`, date: '2026-03-10' })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await held(special(DISABILITY))).toBe(0);
    // Two receipts with one number at once: one is recorded, the other is a duplicate.
    const twins = await Promise.all([1, 2].map(() => receipt({ sourceCode: CITY, amountFen: 100, receiptNo: 'TWIN-1' })));
    expect(twins.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses an unbalanced entry, naming the rule, and writes nothing (checkEntry, postEntry)', async () => {
    const a = { accountId: 'a', debitFen: 100, creditFen: 0 };
    const b = { accountId: 'b', debitFen: 0, creditFen: 100 };
    expect(checkEntry([a, b])).toEqual([]);
    expect(checkEntry([a])).toEqual([{ kind: 'too_few_lines' }]);
    expect(checkEntry([a, { ...b, creditFen: 99 }])).toEqual([{ kind: 'unbalanced', debitFen: 100, creditFen: 99 }]);
    expect(checkEntry([a, b, { accountId: 'c', debitFen: 0, creditFen: 0 }])).toEqual([{ kind: 'both_sides', line: 2 }]);
    expect(checkEntry([a, b, { accountId: 'c', debitFen: 5, creditFen: 5 }])).toEqual([{ kind: 'both_sides', line: 2 }]);
    expect(checkEntry([{ ...a, debitFen: 1.5 }, { ...b, creditFen: 1.5 }]).map((p) => p.kind)).toEqual(['bad_amount', 'bad_amount']);
    expect(checkEntry([{ ...a, debitFen: -100 }, { ...b, creditFen: -100 }]).map((p) => p.kind)).toEqual(['bad_amount', 'bad_amount']);

    const before = await snapshot();
    const attempt = (lines: { debitFen: number; creditFen: number }[]) =>
      service(async (ctx) => {
        const special = await accountId(ctx, t.townId, { type: 'special', source: CITY });
        const fund = await accountId(ctx, t.townId, { type: 'fund', source: CITY });
        return postEntry(ctx, t.townId, { kind: 'receipt', documentKind: 'receipt', documentRef: 'UNBALANCED', memo: '', date: '2026-03-10', lines: lines.map((l, i) => ({ accountId: i === 0 ? special : fund, ...l })) });
      });
    const unbalanced = await attempt([{ debitFen: 10_000, creditFen: 0 }, { debitFen: 0, creditFen: 9_999 }]).catch((e: unknown) => e);
    expect(unbalanced).toBeInstanceOf(AppError);
    expect((unbalanced as AppError).code).toBe('rule_violation');
    expect((unbalanced as AppError).text.zh).toContain('借贷平衡');
    expect((unbalanced as AppError).text.zh).toContain('100.00 元与贷方合计 99.99 元');
    expect(((await attempt([{ debitFen: 10_000, creditFen: 0 }]).catch((e: unknown) => e)) as AppError).text.zh).toContain('至少要有一借一贷');
    expect(((await attempt([{ debitFen: 10_000, creditFen: 10_000 }, { debitFen: 0, creditFen: 0 }]).catch((e: unknown) => e)) as AppError).text.zh).toContain('只填借方或贷方');
    expect(await snapshot()).toEqual(before);
    expect(await entriesFor('UNBALANCED')).toEqual([]);
  });

  it('closes a past month: a posting dated in it is refused, nothing written (#8 part 2)', async () => {
    expect((await coop1('POST', '/ledger/periods', { period: '2026-02' })).status).toBe(403);
    expect((await finance('POST', '/ledger/periods', { period: '2026-03' })).body.error.message).toContain('尚未结束');
    const closed = await finance('POST', '/ledger/periods', { period: '2026-02' });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ period: '2026-02', closedBy: expect.stringContaining('财政所会计') });
    expect((await finance('POST', '/ledger/periods', { period: '2026-02' })).status).toBe(409);
    const before = await snapshot();
    const late = await receipt({ sourceCode: CITY, amountFen: 100_000, receiptNo: 'LATE-1', date: '2026-02-20' });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe('date');
    expect(late.body.error.message).toContain('2026-02 已结账');
    const [allocation] = await entriesFor('BF-T1');
    expect((await finance('POST', `/ledger/entries/${allocation!.id}/reverse`, { reason: '补记', date: '2026-02-28' })).body.error.message).toContain('已结账');
    expect((await finance('POST', '/ledger/allocations', { sourceCode: DISTRICT, coopId: coop1Id, amountFen: 1, documentRef: 'BF-LATE', date: '2026-02-01' })).status).toBe(422);
    // Closing February closed January with it; and nothing is posted ahead of today (2026-03-15).
    expect((await receipt({ sourceCode: CITY, amountFen: 100_000, receiptNo: 'LATE-2', date: '2026-01-31' })).body.error.message).toContain('已结账至 2026-02');
    expect((await finance('POST', '/ledger/periods', { period: '2026-01' })).status).toBe(409);
    expect((await receipt({ sourceCode: CITY, amountFen: 100_000, receiptNo: 'SOON-1', date: '2026-03-16' })).body.error.message).toContain('晚于今天');
    expect(await snapshot()).toEqual(before);
    expect((await finance('GET', '/ledger/summary?year=2026')).body.closedPeriods).toEqual(['2026-02']);
    // The month after is open.
    expect((await receipt({ sourceCode: CITY, amountFen: 100_000, receiptNo: 'LATE-1', date: '2026-03-01' })).status).toBe(201);
  });

  it('reverses an entry by swapping its sides, once; a reversal is not reversed; an overdrawing reversal is refused', async () => {
    const [original] = await entriesFor('BF-T1');
    const coopBefore = await held(coopAccount(coop1Id, DISTRICT));
    const res = await finance('POST', `/ledger/entries/${original!.id}/reverse`, { reason: '拨付单号有误' });
    expect(res.status).toBe(201);
    const reversal = await entry(res.body.id);
    expect(reversal).toMatchObject({ kind: 'reversal', reversesEntryId: original!.id, documentRef: String(original!.seq), amountFen: original!.amountFen });
    expect(reversal.lines.map((l) => [l.accountCode, l.debitFen, l.creditFen])).toEqual(original!.lines.map((l) => [l.accountCode, l.creditFen, l.debitFen]));
    expect(await held(coopAccount(coop1Id, DISTRICT))).toBe(coopBefore - 600_000);
    expect((await entry(original!.id)).reversedByEntryId).toBe(reversal.id);
    const before = await snapshot();
    const twice = await finance('POST', `/ledger/entries/${original!.id}/reverse`, { reason: '再冲' });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toContain(`已于第 ${reversal.seq} 号凭证冲销`);
    expect((await finance('POST', `/ledger/entries/${reversal.id}/reverse`, { reason: '恢复' })).body.error.message).toContain('冲销凭证不能再冲销');
    // The demo's city money was received and allocated in full: reversing the receipt would overdraw the special account.
    const [demoReceipt] = await entriesFor('2026-SJ-01');
    const overdraw = await finance('POST', `/ledger/entries/${demoReceipt!.id}/reverse`, { reason: '错账' });
    expect(overdraw.status).toBe(422);
    expect(overdraw.body.error.message).toContain('余额将为负数');
    expect((await finance('POST', '/ledger/entries/no-such-entry/reverse', { reason: 'x' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps earmarks: the district disability fund pays only 助残协管, drawn before unrestricted money (R20, R22)', async () => {
    expect((await finance('GET', '/ledger/earmarks')).body).toEqual([expect.objectContaining({ sourceCode: DISABILITY, teamName: '助残协管', expenseClass: 'personnel' })]);
    const subsidyRule = await finance('POST', '/ledger/earmarks', { sourceCode: SUBSIDY, teamId: null, expenseClass: 'personnel' });
    expect(subsidyRule.status).toBe(422);
    expect(subsidyRule.body.error.message).toContain('R22');
    // A coop2 run (fabricated in January: 助残协管 and 助老协管), approved and released through the service.
    const zhucan = teams.get('助残协管')!;
    const zhulao = teams.get('助老协管')!;
    const run = { id: 'run-earmark', coop_id: coop2Id, month: '2026-01', kind: 'monthly' };
    const disabilityBefore = await held(coopAccount(coop2Id, DISABILITY));
    expect(disabilityBefore).toBeGreaterThan(150_000);
    await service(async (ctx) => {
      const policy = await ctx.db.selectFrom('pay_policies').select('id').where('town_id', '=', t.townId).executeTakeFirstOrThrow();
      await ctx.db.insertInto('pay_runs').values({ town_id: t.townId, ...run, state: 'approved', version: 1, policy_id: policy.id, worker_count: 3, gross_fen: 0, deduction_fen: 0, net_fen: 450_000, in_kind_fen: 0, created_by: 'test', created_at: '2026-02-01T10:00:00+08:00', computed_at: '2026-02-01T10:00:00+08:00' }).execute();
      const slip = (person: string, team: string, net: number) => ({ town_id: t.townId, run_id: run.id, person_id: person, person_name: person, team_id: team, department_id: 'd', supervising_department_id: 'd', days_in_post: 31, base_fen: net, high_temperature_fen: 0, gross_fen: net, deduction_fen: 0, net_fen: net, in_kind_fen: 0, lines_json: '[]' });
      await ctx.db.insertInto('pay_slips').values([slip('earmark-a', zhucan, 100_000), slip('earmark-b', zhucan, 50_000), slip('earmark-c', zhulao, 300_000)]).execute();
      await postRunExpense(ctx, t.townId, run);
      await ctx.db.updateTable('pay_runs').set({ state: 'released' }).where('town_id', '=', t.townId).where('id', '=', run.id).execute();
      await postRunPayment(ctx, t.townId, run);
    });
    const [expense, payment] = (await entriesFor('run-earmark')).sort((a, b) => a.seq - b.seq);
    expect(expense).toMatchObject({ kind: 'payroll_expense', amountFen: 450_000 });
    expect(payment).toMatchObject({ kind: 'payroll_payment', amountFen: 450_000 });
    const drawn = payment!.lines.filter((l) => l.creditFen > 0).map((l) => [l.teamId, l.accountCode, l.creditFen]);
    expect(drawn).toHaveLength(2);
    expect(drawn).toEqual(expect.arrayContaining([
      [zhucan, coopAccount(coop2Id, DISABILITY), 150_000],
      [zhulao, coopAccount(coop2Id, CITY), 300_000],
    ]));
    expect(await held(coopAccount(coop2Id, DISABILITY))).toBe(disabilityBefore - 150_000);
  });

  it('posts an approved run as expense and payable equal to its net, and nothing is paid before release', async () => {
    const created = await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: coop1Id, month: '2026-02' });
    expect(created.status).toBe(201);
    runId = created.body.id;
    let version = created.body.version as number;
    for (const user of UNIT_USERS) {
      const res = await (await t.as(user))('POST', `/payroll/runs/${runId}/confirm`, { version });
      expect(res.status, user).toBe(200);
      version = res.body.version;
    }
    for (const user of ['shebaosuo', 'zongzhiban']) {
      const res = await (user === 'zongzhiban' ? zongzhiban : await t.as(user))('POST', `/payroll/runs/${runId}/review`, { version });
      expect(res.status, user).toBe(200);
      version = res.body.version;
    }
    const approved = await leader('POST', `/payroll/runs/${runId}/approve`, { version });
    expect(approved.body.state).toBe('approved');
    runNet = approved.body.netFen;
    expect(runNet).toBeGreaterThan(0);
    const posted = await entriesFor(runId);
    expect(posted.map((e) => e.kind)).toEqual(['payroll_expense']);
    const [expense] = posted;
    expect(expense!.amountFen).toBe(runNet);
    const debits = expense!.lines.filter((l) => l.debitFen > 0);
    expect(debits.every((l) => l.accountCode === 'expense:personnel' && l.teamId !== null)).toBe(true);
    expect(debits.reduce((s, l) => s + l.debitFen, 0)).toBe(runNet);
    expect(expense!.lines.filter((l) => l.creditFen > 0)).toEqual([expect.objectContaining({ accountCode: `payable:${coop1Id}`, creditFen: runNet })]);
    // Per team, the expense is the team's net pay.
    const slips = await t.database.db.selectFrom('pay_slips').select(['team_id', (eb) => eb.fn.sum<number>('net_fen').as('net')]).where('town_id', '=', t.townId).where('run_id', '=', runId).groupBy('team_id').execute();
    expect(Object.fromEntries(debits.map((l) => [l.teamId, l.debitFen]))).toEqual(Object.fromEntries(slips.filter((s) => Number(s.net) !== 0).map((s) => [s.team_id, Number(s.net)])));
    const reverse = await finance('POST', `/ledger/entries/${expense!.id}/reverse`, { reason: '试冲' });
    expect(reverse.status).toBe(422);
    expect(reverse.body.error.message).toContain('薪酬发放');
  });

  it('refuses the release when the coop lacks money, in Chinese, leaving the run approved and nothing paid', async () => {
    // Drain coop1: take back the demo's allocations of city, district and town money.
    for (const ref of ['2026-BF-SJ-01-1', '2026-BF-QJ-01-1', '2026-BF-ZB-01-1']) {
      const [allocation] = await entriesFor(ref);
      expect((await finance('POST', `/ledger/entries/${allocation!.id}/reverse`, { reason: '测试：收回拨款' })).status).toBe(201);
    }
    // Some disability money at coop1: earmarked for 助残协管 (coop2's team), so coop1's run may not use it.
    await receipt({ sourceCode: DISABILITY, amountFen: 500_000, receiptNo: 'CB-T2' });
    expect((await finance('POST', '/ledger/allocations', { sourceCode: DISABILITY, coopId: coop1Id, amountFen: 500_000, documentRef: 'BF-CB-T2', date: '2026-03-10' })).status).toBe(201);
    const before = await snapshot();
    const run = (await coop1('GET', `/payroll/runs/${runId}`)).body;
    const refused = await coop1('POST', `/payroll/runs/${runId}/release`, { version: run.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/服务社账户余额不足.*镇财政补贴.*R22/);
    expect(await snapshot()).toEqual(before);
    expect((await coop1('GET', `/payroll/runs/${runId}`)).body.state).toBe('approved');
    expect((await entriesFor(runId)).map((e) => e.kind)).toEqual(['payroll_expense']);
  });

  it('pays a released run from the coop’s accounts by source, the town subsidy covering the rest (R22)', async () => {
    const city = Math.floor(runNet / 3);
    expect((await finance('POST', '/ledger/allocations', { sourceCode: CITY, coopId: coop1Id, amountFen: city, documentRef: 'BF-CITY-T3', date: '2026-03-12' })).status).toBe(201);
    expect((await finance('POST', '/ledger/allocations', { sourceCode: SUBSIDY, coopId: coop1Id, amountFen: runNet, documentRef: 'BF-ZB-T3', date: '2026-03-12' })).status).toBe(201);
    const heldBefore = Object.fromEntries(await Promise.all([CITY, DISTRICT, DISABILITY, SUBSIDY].map(async (s) => [s, await held(coopAccount(coop1Id, s))] as const)));
    expect(heldBefore[CITY]! + heldBefore[DISTRICT]!).toBeLessThan(runNet);
    const run = (await coop1('GET', `/payroll/runs/${runId}`)).body;
    const released = await coop1('POST', `/payroll/runs/${runId}/release`, { version: run.version });
    expect(released.status).toBe(200);
    expect(released.body.state).toBe('released');
    const payment = (await entriesFor(runId)).find((e) => e.kind === 'payroll_payment')!;
    expect(payment.amountFen).toBe(runNet);
    expect(payment.lines.filter((l) => l.debitFen > 0)).toEqual([expect.objectContaining({ accountCode: `payable:${coop1Id}`, debitFen: runNet })]);
    const bySource = new Map<string, number>();
    for (const l of payment.lines.filter((x) => x.creditFen > 0)) bySource.set(l.accountCode, (bySource.get(l.accountCode) ?? 0) + l.creditFen);
    expect(Object.fromEntries(bySource)).toEqual({
      [coopAccount(coop1Id, CITY)]: heldBefore[CITY],
      ...(heldBefore[DISTRICT]! > 0 ? { [coopAccount(coop1Id, DISTRICT)]: heldBefore[DISTRICT] } : {}),
      [coopAccount(coop1Id, SUBSIDY)]: runNet - heldBefore[CITY]! - heldBefore[DISTRICT]!,
    });
    expect(await held(coopAccount(coop1Id, DISABILITY))).toBe(500_000);
    expect(await held(`payable:${coop1Id}`)).toBe(0);
    for (const s of [CITY, DISTRICT, DISABILITY, SUBSIDY]) expect(await held(coopAccount(coop1Id, s))).toBeGreaterThanOrEqual(0);
    expect((await finance('POST', `/ledger/entries/${payment.id}/reverse`, { reason: '试冲' })).body.error.message).toContain('不能直接冲销');
    const budget = (await finance('GET', '/budget/2026')).body;
    expect(budget.townPaidFen).toBe(runNet - heldBefore[CITY]! - heldBefore[DISTRICT]!);
  });

  it('traces a worker’s pay back to its sources, adding up to the slip’s net', async () => {
    const slips = (await coop1('GET', `/payroll/runs/${runId}/slips?pageSize=200`)).body.items as { personId: string; netFen: number }[];
    for (const slip of [slips[0]!, slips[slips.length - 1]!, slips.reduce((a, b) => (a.netFen > b.netFen ? a : b))]) {
      const res = await finance('GET', `/ledger/trace/${slip.personId}`);
      expect(res.status).toBe(200);
      const traced = res.body.slips.find((s: { runId: string }) => s.runId === runId);
      expect(traced).toMatchObject({ month: '2026-02', netFen: slip.netFen, paid: true });
      expect(traced.sources.reduce((s: number, x: { amountFen: number }) => s + x.amountFen, 0)).toBe(slip.netFen);
      for (const s of traced.sources) {
        expect([CITY, DISTRICT, SUBSIDY]).toContain(s.sourceCode);
        expect(s.amountFen).toBeGreaterThanOrEqual(0);
      }
    }
    expect((await finance('GET', '/ledger/trace/no-such-person')).status).toBe(404);
    // #13 item 11: another coop's admin gets "not found", never the name and net pay; the own coop's admin the trace.
    const coop2 = await t.as('coop2');
    const other = await coop2('GET', `/ledger/trace/${slips[0]!.personId}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(String(slips[0]!.netFen));
    const own = await coop1('GET', `/ledger/trace/${slips[0]!.personId}`);
    expect(own.body.slips.find((s: { runId: string }) => s.runId === runId)).toMatchObject({ netFen: slips[0]!.netFen });
  });

  it('reconciles each run with its postings and its bank file', async () => {
    const rows = (await finance('GET', '/ledger/reconciliation?year=2026')).body as { runId: string; runNetFen: number; bankFileFen: number; expensePostedFen: number; paymentPostedFen: number; matches: boolean; state: string }[];
    expect(rows.find((r) => r.runId === runId)).toEqual(expect.objectContaining({ state: 'released', runNetFen: runNet, bankFileFen: runNet, expensePostedFen: runNet, paymentPostedFen: runNet, matches: true }));
    expect(rows.find((r) => r.runId === 'run-earmark')).toEqual(expect.objectContaining({ runNetFen: 450_000, bankFileFen: 450_000, expensePostedFen: 450_000, paymentPostedFen: 450_000, matches: true }));
    expect(rows.every((r) => r.matches)).toBe(true);
    // The bank file the coop downloads pays the same total.
    const csv = await coop1('GET', `/payroll/runs/${runId}/bank-file.csv`);
    expect(String(csv.body)).toContain((runNet / 100).toFixed(2));
  });

  it('budgets the year: personnel from headcount × policy, approved applications, expected receipts and the shortfall (R18, R22)', async () => {
    const budget = (await finance('GET', '/budget/2026')).body;
    // Personnel: today's posts per team × the policy in force on 1 January.
    const policy = (await finance('GET', '/payroll/policies/current?on=2026-01-01')).body.policy as PayPolicy;
    const posts = await t.database.db
      .selectFrom('posts as p')
      .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
      .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.category_id'))
      .select(['p.team_id', 'c.code', 'p.special_post'])
      .where('p.town_id', '=', t.townId)
      .where('p.is_current', '=', 1)
      .where('p.status', '!=', 'exited')
      .execute();
    const planned = new Map<string, number>();
    for (const teamId of new Set(posts.map((p) => p.team_id))) {
      const mine = posts.filter((p) => p.team_id === teamId);
      const specialPosts: Partial<Record<SpecialPost, number>> = {};
      for (const p of mine) if (p.special_post) specialPosts[p.special_post as SpecialPost] = (specialPosts[p.special_post as SpecialPost] ?? 0) + 1;
      planned.set(teamId, plannedPersonnelCost(policy, { teamId, categoryCode: mine[0]!.code as CategoryCode, headcount: mine.length, specialPosts }));
    }
    expect(Object.fromEntries(budget.personnel.map((p: { teamId: string; plannedFen: number }) => [p.teamId, p.plannedFen]))).toEqual(Object.fromEntries(planned));
    expect(budget.personnel.reduce((s: number, p: { headcount: number }) => s + p.headcount, 0)).toBe(posts.length);
    const zonghe = teams.get('综合协管')!;
    const perHead = plannedPersonnelCost(policy, { teamId: zonghe, categoryCode: 'social_coordination', headcount: 1, specialPosts: {} });
    // 12 × (1300 + 450) + festivals 200×3 + 500 + heat min(4 × 250, 1000) + 15% × 12 × 1300.
    expect(perHead).toBe(12 * 175_000 + 110_000 + 100_000 + Math.round(12 * 130_000 * 0.15));
    // What the coop paid in February is the actual of its teams.
    expect(budget.personnel.reduce((s: number, p: { actualFen: number; coopId: string }) => s + (p.coopId === coop1Id ? p.actualFen : 0), 0)).toBe(runNet);

    // R18: coop1 plans training, the supervising department applies for uniforms; the leadership office decides.
    const training = await coop1('POST', '/budget-applications', { year: 2026, kind: 'training', coopId: coop1Id, amountFen: 2_000_000, description: '协管员业务培训' });
    expect(training.status).toBe(201);
    expect(training.body).toMatchObject({ state: 'submitted', departmentId: null, coopName: '松江区小昆山社会协管服务社' });
    const uniforms = await zongzhiban('POST', '/budget-applications', { year: 2026, kind: 'uniform', coopId: coop1Id, teamId: zonghe, amountFen: 3_000_000, description: '综合协管夏季制服' });
    expect(uniforms.status).toBe(201);
    expect(uniforms.body.departmentId).not.toBeNull();
    const rejected = await zongzhiban('POST', '/budget-applications', { year: 2026, kind: 'uniform', coopId: coop1Id, teamId: zonghe, amountFen: 9_000_000, description: '冬季制服' });
    expect((await coop1('POST', '/budget-applications', { year: 2026, kind: 'training', coopId: coop2Id, amountFen: 1, description: '别社' })).status).toBe(422);
    expect((await coop1('POST', '/budget-applications', { year: 2026, kind: 'training', coopId: coop1Id, teamId: teams.get('助残协管'), amountFen: 1, description: '别社的队' })).body.error.field).toBe('teamId');
    expect((await coop1('POST', `/budget-applications/${training.body.id}/decision`, { approve: true })).status).toBe(403);
    expect((await finance('POST', `/budget-applications/${training.body.id}/decision`, { approve: true })).status).toBe(403);
    expect((await office('POST', `/budget-applications/${rejected.body.id}/decision`, { approve: false })).body.error.field).toBe('reason');
    expect((await office('POST', `/budget-applications/${rejected.body.id}/decision`, { approve: false, reason: '超标准' })).body.state).toBe('rejected');
    for (const id of [training.body.id, uniforms.body.id]) expect((await office('POST', `/budget-applications/${id}/decision`, { approve: true })).body).toMatchObject({ state: 'approved', decidedBy: expect.stringContaining('领导小组办公室') });
    expect((await office('POST', `/budget-applications/${training.body.id}/decision`, { approve: true })).status).toBe(422);

    const expectShortfall = async () => {
      const b = (await finance('GET', '/budget/2026')).body;
      expect(b.special.map((s: { applicationId: string; plannedFen: number }) => [s.applicationId, s.plannedFen]).sort()).toEqual([
        [training.body.id, 2_000_000],
        [uniforms.body.id, 3_000_000],
      ].sort());
      const personnel = b.personnel.reduce((s: number, p: { plannedFen: number }) => s + p.plannedFen, 0);
      expect(b.plannedSpendingFen).toBe(personnel + 5_000_000);
      const expected = b.receipts.filter((r: { sourceCode: string }) => r.sourceCode !== SUBSIDY).reduce((s: number, r: { expectedFen: number }) => s + r.expectedFen, 0);
      expect(b.expectedReceiptsFen).toBe(expected);
      expect(b.shortfallFen).toBe(Math.max(0, b.plannedSpendingFen - expected));
      return b;
    };
    const first = await expectShortfall();
    // Receipts: the demo expects what was granted (arrived on 5 January), so the town has a shortfall; actuals are the year's receipts net of reversals.
    expect(first.shortfallFen).toBeGreaterThan(0);
    expect(first.receipts.find((r: { sourceCode: string }) => r.sourceCode === DISTRICT)).toMatchObject({ expectedFen: 500_000_000, actualFen: 500_000_000 + 1_000_000 });
    expect(first.receipts.find((r: { sourceCode: string }) => r.sourceCode === CITY).actualFen).toBe(600_000_000 + 330_000 + 100_000 + 100);
    // More expected city money shrinks the shortfall to zero; the town subsidy's own expectation never counts.
    expect((await finance('PUT', '/budget/2026/receipts', { sourceCode: SUBSIDY, amountFen: 99_999_999_999, basis: '镇财政' })).status).toBe(200);
    expect((await expectShortfall()).shortfallFen).toBe(first.shortfallFen);
    const big = await finance('PUT', '/budget/2026/receipts', { sourceCode: CITY, amountFen: first.plannedSpendingFen, basis: '市里承诺' });
    expect(big.body.shortfallFen).toBe(0);
    const small = await finance('PUT', '/budget/2026/receipts', { sourceCode: CITY, amountFen: 0, basis: '市里未拨' });
    expect(small.body.shortfallFen).toBe(first.plannedSpendingFen - (first.expectedReceiptsFen - first.receipts.find((r: { sourceCode: string }) => r.sourceCode === CITY).expectedFen));
    expect((await expectShortfall()).shortfallFen).toBe(small.body.shortfallFen);
    expect((await coop1('PUT', '/budget/2026/receipts', { sourceCode: CITY, amountFen: 1, basis: '' })).status).toBe(403);

    // An approved application is paid once from the coop's account; after a reversal it may be paid again.
    await receipt({ sourceCode: SUBSIDY, amountFen: 2_000_000, receiptNo: 'ZB-TRAIN' });
    expect((await finance('POST', '/ledger/allocations', { sourceCode: SUBSIDY, coopId: coop1Id, amountFen: 2_000_000, documentRef: 'BF-TRAIN', date: '2026-03-12' })).status).toBe(201);
    expect((await finance('POST', '/ledger/special-expenses', { applicationId: rejected.body.id, sourceCode: SUBSIDY, date: '2026-03-12' })).body.error.message).toContain('R18');
    const paid = await finance('POST', '/ledger/special-expenses', { applicationId: training.body.id, sourceCode: SUBSIDY, date: '2026-03-12' });
    expect(paid.status).toBe(201);
    expect((await finance('POST', '/ledger/special-expenses', { applicationId: training.body.id, sourceCode: SUBSIDY, date: '2026-03-12' })).status).toBe(409);
    // coop1 holds 5,000 yuan of disability money: not enough for 30,000 yuan of uniforms.
    expect((await finance('POST', '/ledger/special-expenses', { applicationId: uniforms.body.id, sourceCode: DISABILITY, date: '2026-03-12' })).body.error.message).toContain('不足以支出');
    expect((await finance('GET', '/budget/2026')).body.special.find((s: { applicationId: string }) => s.applicationId === training.body.id).actualFen).toBe(2_000_000);
    expect((await finance('POST', `/ledger/entries/${paid.body.id}/reverse`, { reason: '培训取消' })).status).toBe(201);
    expect((await finance('GET', '/budget/2026')).body.special.find((s: { applicationId: string }) => s.applicationId === training.body.id).actualFen).toBe(0);
    expect((await finance('POST', '/ledger/special-expenses', { applicationId: training.body.id, sourceCode: SUBSIDY, date: '2026-03-13' })).status).toBe(201);
  });

  it('exports every report as xlsx', async () => {
    const { cookie } = await signIn(t.app, t.townCode, 'finance');
    for (const path of ['ledger/balances.xlsx', 'ledger/entries.xlsx', 'budget/budget.xlsx', 'ledger/reconciliation.xlsx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/towns/${t.townId}/${path}?year=2026`, headers: { cookie } });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(String(res.headers['content-disposition'])).toContain('.xlsx');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await t.app.inject({ method: 'GET', url: `/api/towns/${t.townId}/${path}?year=2026` })).statusCode).toBe(401);
    }
    const exported = (await t.database.db.selectFrom('audit_log').select('action').where('town_id', '=', t.townId).where('action', 'like', '%.export').execute()).map((r) => r.action);
    for (const a of ['ledger_balances_xlsx.export', 'ledger_entries_xlsx.export', 'budget_budget_xlsx.export', 'ledger_reconciliation_xlsx.export']) expect(exported).toContain(a);
  });

  it('audits every posting and every other change', async () => {
    const entries = await t.database.db.selectFrom('ledger_entries').select(['id', 'kind']).where('town_id', '=', t.townId).execute();
    const audited = await t.database.db.selectFrom('audit_log').select(['object_id', 'action']).where('town_id', '=', t.townId).where('object_type', '=', 'ledger_entry').execute();
    expect(audited.map((a) => `${a.object_id}:${a.action}`).sort()).toEqual(entries.map((e) => `${e.id}:ledger.${e.kind}`).sort());
    const actions = new Set((await t.database.db.selectFrom('audit_log').select('action').where('town_id', '=', t.townId).execute()).map((r) => r.action));
    for (const a of ['ledger.receipt', 'ledger.allocation', 'ledger.reversal', 'ledger.payroll_expense', 'ledger.payroll_payment', 'ledger.special_expense', 'ledger.period.close', 'ledger.earmark.create', 'budget.receipt.set', 'budget.application.create', 'budget.application.approved', 'budget.application.rejected']) {
      expect(actions, a).toContain(a);
    }
  });

  it('keeps posting to finance: a coop, the leader and a department cannot post (403)', async () => {
    const before = await snapshot();
    const [anyEntry] = await entriesFor('BF-T1');
    for (const api of [coop1, leader, zongzhiban]) {
      expect((await api('POST', '/ledger/receipts', { sourceCode: CITY, amountFen: 1, receiptNo: 'SCOPE', date: '2026-03-10' })).status).toBe(403);
      expect((await api('POST', '/ledger/allocations', { sourceCode: CITY, coopId: coop1Id, amountFen: 1, documentRef: 'SCOPE', date: '2026-03-10' })).status).toBe(403);
      expect((await api('POST', `/ledger/entries/${anyEntry!.id}/reverse`, { reason: 'x' })).status).toBe(403);
    }
    expect((await coop1('POST', '/ledger/earmarks', { sourceCode: CITY, teamId: null, expenseClass: 'personnel' })).status).toBe(403);
    const after = await snapshot();
    // Refusals at the gate are audited (R27); nothing else is written.
    expect({ ...after, audit: before.audit }).toEqual(before);
    expect((await coop1('GET', '/ledger/summary?year=2026')).status).toBe(200);
  });

  it('leaves every stored balance equal to the rebuild and every run equal to its postings', async () => {
    const result = await checkLedger(t.database.db, t.runtime.keyring, t.townId);
    expect(result.difference).toBeNull();
    expect(result.runs).toBe(2);
    const totals = await t.database.db.selectFrom('ledger_lines').select([(eb) => eb.fn.sum<number>('debit_fen').as('d'), (eb) => eb.fn.sum<number>('credit_fen').as('c')]).where('town_id', '=', t.townId).executeTakeFirstOrThrow();
    expect(Number(totals.d)).toBe(Number(totals.c));
    const summary = (await finance('GET', '/ledger/summary?year=2026')).body;
    for (const a of summary.accounts) if (a.type === 'special' || a.type === 'coop') expect(a.balanceFen, a.name).toBeGreaterThanOrEqual(0);
  });
});
