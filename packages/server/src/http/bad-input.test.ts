import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRY_FEN, ruleValue } from '@gongyi/domain';
import { SESSION_COOKIE } from '../features/auth/sessions.js';
import { demoTown, type Api, type TestTown } from '../testing/harness.js';

// #13 "Bad input" (items 14–16): each refusal is a 4xx in Chinese naming the field, never a 500,
// on SQLite and PostgreSQL alike (before these fixes PostgreSQL answered a NUL or a version of
// 2^31 with a 500, and both databases a date before the first rule value).

describe('bad input is refused with the field named', () => {
  let t: TestTown;
  let other: TestTown;
  let finance: Api;
  let coop1: Api;
  let office: Api;
  let teams: Map<string, string>;

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    other = await demoTown();
    [finance, coop1, office] = (await Promise.all(['finance', 'coop1', 'leader'].map((u) => t.as(u)))) as [Api, Api, Api];
    teams = new Map(((await t.api('GET', '/teams?pageSize=50')).body.items as { id: string; name: string }[]).map((x) => [x.name, x.id]));
  });
  afterAll(async () => {
    await t?.close();
    await other?.close();
  });

  const refused = (res: { status: number; body: { error: { field?: string; message: string } } }, status: number, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  };

  it('item 14: a date before the first rule value is a 422 naming it; a year outside 1900–2100 is refused everywhere', async () => {
    const early = await finance('GET', '/payroll/policies/current?on=2011-06-01');
    refused(early, 422, 'on');
    expect(early.body.error.message).toContain('2012-01-01');
    refused(await finance('GET', '/payroll/policies/current?on=0000-01-01'), 400, 'on');
    const policy = (await finance('GET', '/payroll/policies/current?on=2026-02-01')).body.policy;
    refused(await finance('POST', '/payroll/policies', { validFrom: '0000-01-01', policy }), 400, 'validFrom');
    refused(await finance('POST', '/payroll/simulate', { month: '2101-01', policy }), 400, 'month');
    const zongzhiban = await t.as('zongzhiban');
    const indicators = [{ id: 'duty', name: '岗位职责', part: 'business', scorer: 'unit', pointsTenths: 1000 }];
    const template = await zongzhiban('POST', '/assessment/templates', { teamId: teams.get('社区巡逻'), validFromMonth: '0000-01', indicators });
    refused(template, 400, 'validFromMonth');
    expect(template.body.error.message).toContain('1900');
    refused(await finance('GET', '/ledger/entries?period=9999-12'), 400, 'period');
  });

  it('item 14: a reversal dated before its entry is refused', async () => {
    const receipt = await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: 1000, receiptNo: 'BI-REV-1', date: '2026-03-10' });
    expect(receipt.status).toBe(201);
    refused(await finance('POST', `/ledger/entries/${receipt.body.id}/reverse`, { reason: '录错', date: '2026-03-09' }), 422, 'date');
    expect((await finance('POST', `/ledger/entries/${receipt.body.id}/reverse`, { reason: '录错', date: '2026-03-10' })).status).toBe(201);
  });

  it('item 14: a team with workers in post cannot end, a department in use cannot start after its uses', async () => {
    const teamId = teams.get('社区巡逻')!;
    const ending = await t.api('PATCH', `/teams/${teamId}`, { validTo: '2026-03-31' });
    refused(ending, 422, 'validTo');
    expect(ending.body.error.message).toContain('在岗');
    refused(await t.api('PATCH', `/teams/${teamId}`, { validFrom: '2026-03-01' }), 422, 'validFrom');
    const departments = (await t.api('GET', '/departments?pageSize=50')).body.items as { id: string; name: string }[];
    const police = departments.find((d) => d.name === '派出所')!;
    refused(await t.api('PATCH', `/departments/${police.id}`, { validFrom: '2026-03-01' }), 422, 'validFrom');
    refused(await t.api('PATCH', `/departments/${police.id}`, { validTo: '2026-03-31' }), 422, 'validTo');
    // A department nobody uses still moves freely.
    const unused = await t.api('POST', '/departments', { name: '临时专班', shortName: '专班', kind: 'town_office', validFrom: '2026-01-01', validTo: null });
    expect((await t.api('PATCH', `/departments/${unused.body.id}`, { validFrom: '2026-02-01', validTo: '2026-12-31' })).status).toBe(200);
  });

  it('item 15: amounts are bounded by MAX_ENTRY_FEN and a manual line by the dated rule', async () => {
    const huge = await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: Number.MAX_SAFE_INTEGER, receiptNo: 'BI-HUGE', date: '2026-03-10' });
    refused(huge, 400, 'amountFen');
    expect(huge.body.error.message).toContain('上限');
    refused(await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: MAX_ENTRY_FEN + 1, receiptNo: 'BI-HUGE', date: '2026-03-10' }), 400, 'amountFen');
    refused(await finance('PUT', '/budget/2026/receipts', { sourceCode: 'city_unemployment_fund', amountFen: 1e15, basis: 'x' }), 400, 'amountFen');
    const summary = await finance('GET', '/ledger/summary?year=2026');
    expect(summary.status).toBe(200);

    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    const run = await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: coops.find((c) => c.name.includes('社会协管'))!.id, month: '2026-02' });
    expect(run.status).toBe(201);
    const personId = (await coop1('GET', `/payroll/runs/${run.body.id}/slips?pageSize=1`)).body.items[0].personId;
    const line = (amountFen: number, version: number) => coop1('POST', `/payroll/runs/${run.body.id}/manual-lines`, { personId, amountFen, reason: '补发', version });
    refused(await line(1e15, run.body.version), 400, 'amountFen');
    refused(await line(-1e15, run.body.version), 400, 'amountFen');
    const max = ruleValue('pay.lineMaxFen', '2026-02-01');
    const tooMuch = await line(max + 1, run.body.version);
    refused(tooMuch, 422, 'amountFen');
    expect(tooMuch.body.error.message).toContain('上限');
    // item 16: a version past PostgreSQL's integer is refused by the schema, not by the database.
    refused(await line(100, 2 ** 31), 400, 'version');
    refused(await (await t.as('paichusuo'))('POST', `/payroll/runs/${run.body.id}/confirm`, { version: 2 ** 53 }), 400, 'version');
    expect((await line(max, run.body.version)).status).toBe(200);
  });

  it('item 15: a sum past Number.MAX_SAFE_INTEGER (data written before the bound) is a clear 422, not a 500 or a wrong figure', async () => {
    const [account] = await t.database.db.selectFrom('ledger_accounts').select('id').where('town_id', '=', t.townId).where('type', '=', 'fund').execute();
    const rows = ['1990-01', '1990-02'].map((period) => ({ town_id: t.townId, account_id: account!.id, period, debit_fen: 0, credit_fen: Number.MAX_SAFE_INTEGER }));
    await t.database.db.insertInto('ledger_balances').values(rows).execute();
    try {
      const summary = await finance('GET', '/ledger/summary?year=2026');
      expect(summary.status).toBe(422);
      expect(summary.body.error.message).toContain('超出系统可精确计算的范围');
    } finally {
      await t.database.db.deleteFrom('ledger_balances').where('town_id', '=', t.townId).where('period', 'in', ['1990-01', '1990-02']).execute();
    }
  });

  it('item 16: NUL and bidi overrides are refused in bodies, queries and path ids; zero-width characters are removed', async () => {
    const login = await t.anonymous('POST', '/api/auth/login', { townCode: `${t.townCode}\u0000`, username: 'admin', password: 'x' });
    refused(login, 400, 'townCode');
    refused(await t.api('GET', '/teams?q=%00'), 400, 'q');
    const forgedCookie = await t.anonymous('GET', '/teams', undefined, { cookie: `${SESSION_COOKIE}=a%00b` });
    expect(forgedCookie.status).toBe(401);
    refused(await t.api('GET', '/teams/%00'), 400, 'id');
    refused(await finance('GET', '/ledger/trace/a%00b'), 400, 'id');
    refused(await t.api('POST', '/departments', { name: '\u202E办公室', shortName: 'x', kind: 'town_office', validFrom: '2026-01-01', validTo: null }), 400, 'name');
    refused(await t.api('POST', '/departments', { name: '办公\u2066室', shortName: 'x', kind: 'town_office', validFrom: '2026-01-01', validTo: null }), 400, 'name');
    const memo = await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: 100, receiptNo: 'BI-NUL', date: '2026-03-10', memo: 'a\u0000b' });
    refused(memo, 400, 'memo');
    const zw = await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: 100, receiptNo: '\uFEFFBI-\u200BZW', date: '2026-03-10' });
    expect(zw.status, JSON.stringify(zw.body)).toBe(201);
    expect((await finance('GET', '/ledger/entries?q=BI-ZW')).body.items.map((e: { documentRef: string }) => e.documentRef)).toEqual(['BI-ZW']);
    // The same number typed cleanly is the same receipt: refused as a duplicate.
    const again = await finance('POST', '/ledger/receipts', { sourceCode: 'city_unemployment_fund', amountFen: 100, receiptNo: 'BI-ZW', date: '2026-03-10' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
  });

  it("item 16: the annual computation refuses another town's team", async () => {
    const foreign = ((await other.api('GET', '/teams?pageSize=1')).body.items as { id: string }[])[0]!.id;
    const res = await office('POST', '/assessment/annual/compute', { year: 2026, teamId: foreign });
    refused(res, 422, 'teamId');
    expect(res.body.error.message).toContain('服务队');
    expect((await office('POST', '/assessment/annual/compute', { year: 2026, teamId: teams.get('社区巡逻') })).status).toBe(200);
  });
});
