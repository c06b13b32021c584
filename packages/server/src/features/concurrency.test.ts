import { makeIdNumber } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../testing/harness.js';
import { widenQuota } from '../testing/quota.js';
import { demoIdentity } from './demo/demo-workers.js';

// #13 item 2: every transition of every state machine, fired 20 times at once (and conflicting
// transitions of one row at once), through the app. Exactly one request wins; the others get a
// clear Chinese 409/422 (404 where the winner removed the row), never a 5xx; the stored state is
// what one request would leave. On PostgreSQL (a pool of 10 connections) the requests' transactions
// really interleave: before the row locks (db/query-helpers.ts lockRow) ten exits of one worker
// succeeded. SQLite serialises writers, so there the test holds trivially.

type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const TIMES = 20;
const HAN = /[\u4e00-\u9fff]/;

/** Starts every call before awaiting any (app.inject runs them concurrently in this process). */
function race(...calls: (() => Promise<Res>)[]): Promise<Res[]> {
  return Promise.all(calls.map((c) => c()));
}
const times = (n: number, call: () => Promise<Res>) => Array.from({ length: n }, () => call);

/** Exactly one success; every other answer a refusal in Chinese, none a server error. */
function expectOneWinner(results: Res[], refusals: number[] = [409, 422]): Res {
  const summary = JSON.stringify(results.map((r) => [r.status, r.body?.error?.message]));
  expect(results.filter((r) => r.status >= 500), summary).toEqual([]);
  const won = results.filter((r) => r.status === 200 || r.status === 201);
  expect(won, summary).toHaveLength(1);
  for (const r of results.filter((x) => x !== won[0])) {
    expect(refusals, summary).toContain(r.status);
    expect(r.body.error.message).toMatch(HAN);
  }
  return won[0]!;
}

describe('concurrent transitions: exactly one wins (#13 item 2)', () => {
  let t: TestTown;
  let hr: Api, coop1: Api, coop2: Api, zongzhiban: Api, leader: Api, finance: Api;
  const ids = new Map<string, string>();
  let seq = 0;
  let idNumber: () => string;

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    [hr, coop1, coop2, zongzhiban, leader, finance] = (await Promise.all(['hr', 'coop1', 'coop2', 'zongzhiban', 'leader', 'finance'].map((u) => t.as(u)))) as Api[] as [Api, Api, Api, Api, Api, Api];
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
    for (const c of (await t.api('GET', '/coops?pageSize=50')).body.items) ids.set(c.name, c.id);
    const { region } = demoIdentity(t.townCode);
    idNumber = () => makeIdNumber(region, '1989-07-08', 500 + seq++);
    await widenQuota(hr, { 社区巡逻: 40, 社区保安: 5 });
  });
  afterAll(() => t.close());

  const rows = (table: 'posts' | 'agreements' | 'ledger_entries', column: string, value: string) =>
    t.database.db.selectFrom(table).selectAll().where('town_id', '=', t.townId).where(column as never, '=', value as never).execute() as Promise<Record<string, unknown>[]>;

  const requestState = async (id: string) =>
    (await t.database.db.selectFrom('hiring_requests').select('state').where('town_id', '=', t.townId).where('id', '=', id).executeTakeFirstOrThrow()).state;

  async function activeWorker(teamName: string): Promise<string> {
    const items = (await hr('GET', `/workers?teamId=${ids.get(teamName)}&status=active&pageSize=100`)).body.items as { personId: string; flags: string[] }[];
    const free = items.filter((w) => !w.flags.includes('off_roster'));
    return free[seq++ % free.length]!.personId;
  }

  async function hireRequest(): Promise<string> {
    const res = await zongzhiban('POST', '/hiring', {
      person: { name: '并发测试', idNumber: idNumber(), phone: '13900005555' },
      post: { teamId: ids.get('社区巡逻'), managingDepartmentId: ids.get('派出所'), duty: '社区巡逻', startDate: '2026-04-01', insurance: 'urban_employee' },
      reason: '补充空岗',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  async function approvedAgreement(): Promise<{ id: string; personId: string }> {
    const request = await hireRequest();
    expect((await hr('POST', `/hiring/${request}/decision`, { decision: 'approve' })).status).toBe(200);
    const draft = await coop1('POST', '/agreements', { hiringRequestId: request });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    return { id: draft.body.id, personId: draft.body.personId };
  }

  it('records one exit of a worker exited 20 times at once: one current post, one exit', async () => {
    const person = await activeWorker('林业养护');
    expectOneWinner(await race(...times(TIMES, () => coop2('POST', `/workers/${person}/exit`, { reason: 'resignation', exitDate: '2026-03-20' }))));
    const posts = await rows('posts', 'person_id', person);
    expect(posts.filter((p) => p.is_current === 1)).toHaveLength(1);
    expect(posts.filter((p) => p.status === 'exited')).toHaveLength(1);
    expect((await rows('agreements', 'person_id', person)).filter((a) => a.state === 'terminated')).toHaveLength(1);
  });

  it('records one suspension of a worker suspended 20 times at once', async () => {
    const person = await activeWorker('林业养护');
    expectOneWinner(await race(...times(TIMES, () => coop2('POST', `/workers/${person}/posts`, { validFrom: '2026-03-20', status: 'suspended', note: '病休' }))));
    const posts = await rows('posts', 'person_id', person);
    expect(posts.filter((p) => p.is_current === 1)).toHaveLength(1);
    expect(posts.filter((p) => p.status === 'suspended')).toHaveLength(1);
  });

  it('an exit and a suspension of one worker at once: one wins, one current post', async () => {
    const person = await activeWorker('林业养护');
    expectOneWinner(await race(() => coop2('POST', `/workers/${person}/exit`, { reason: 'resignation', exitDate: '2026-03-20' }), () => coop2('POST', `/workers/${person}/posts`, { validFrom: '2026-03-20', status: 'suspended', note: '病休' })));
    expect((await rows('posts', 'person_id', person)).filter((p) => p.is_current === 1)).toHaveLength(1);
  });

  it('decides a hiring request once: 20 approvals; approve + reject; approve + cancel', async () => {
    const a = await hireRequest();
    expectOneWinner(await race(...times(TIMES, () => hr('POST', `/hiring/${a}/decision`, { decision: 'approve' }))));
    const b = await hireRequest();
    const won = expectOneWinner(
      await race(...times(TIMES / 2, () => hr('POST', `/hiring/${b}/decision`, { decision: 'approve' })), ...times(TIMES / 2, () => hr('POST', `/hiring/${b}/decision`, { decision: 'reject', reason: '另有安排' }))),
    );
    expect(await requestState(b)).toBe(won.body.state);
    const c = await hireRequest();
    const both = await race(() => hr('POST', `/hiring/${c}/decision`, { decision: 'approve' }), () => zongzhiban('POST', `/hiring/${c}/cancel`, { reason: '不再需要' }));
    // Both orders are legal (an approved request may still be withdrawn): cancel-then-approve is refused, approve-then-cancel is two successes ending cancelled.
    expect(both.filter((r) => r.status >= 500)).toEqual([]);
    const state = await requestState(c);
    if (both.every((r) => r.status === 200)) expect(state).toBe('cancelled');
    else expectOneWinner(both);
    const d = await hireRequest();
    expectOneWinner(await race(...times(TIMES, () => zongzhiban('POST', `/hiring/${d}/cancel`, { reason: '不再需要' }))));
  });

  it('requests and approves a transfer once: 20 requests make one, 20 approvals move the post once', async () => {
    const person = await activeWorker('社区巡逻');
    const transfer = { personId: person, post: { teamId: ids.get('社区保安'), managingDepartmentId: ids.get('派出所'), duty: '社区保安', startDate: '2026-04-01', insurance: 'urban_employee' }, reason: '调队' };
    const req = expectOneWinner(await race(...times(TIMES, () => zongzhiban('POST', '/hiring/transfers', transfer))));
    expectOneWinner(await race(...times(TIMES, () => hr('POST', `/hiring/${req.body.id}/decision`, { decision: 'approve' }))));
    const posts = await rows('posts', 'person_id', person);
    expect(posts.filter((p) => p.is_current === 1)).toHaveLength(1);
    expect((await rows('agreements', 'person_id', person)).filter((a) => a.state === 'draft')).toHaveLength(1);
  });

  it('decides a quota proposal once: 20 rejections; approve + reject', async () => {
    const propose = async () => {
      const res = await zongzhiban('POST', '/quota/proposals', { departmentId: ids.get('社会治安综合治理办公室'), teamId: ids.get('社区巡逻'), areaKm2: 12.5, peopleServed: 30000, complexity: 'medium', requested: 80, reason: '辖区扩大' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const a = await propose();
    expectOneWinner(await race(...times(TIMES, () => hr('POST', `/quota/proposals/${a}/decision`, { decision: 'reject', reason: '暂不调整', validFrom: '2026-03-16' }))));
    const b = await propose();
    expectOneWinner(await race(...times(TIMES / 2, () => hr('POST', `/quota/proposals/${b}/decision`, { decision: 'approve', validFrom: '2026-03-16' })), ...times(TIMES / 2, () => hr('POST', `/quota/proposals/${b}/decision`, { decision: 'reject', reason: '暂不调整', validFrom: '2026-03-16' }))));
  });

  it('takes each agreement step once: sign, witness, file 20 times at once; filing puts one post', async () => {
    const { id, personId } = await approvedAgreement();
    expectOneWinner(await race(...times(TIMES, () => coop1('POST', `/agreements/${id}/actions`, { event: 'sign', date: '2026-03-15' }))));
    expectOneWinner(await race(...times(TIMES, () => zongzhiban('POST', `/agreements/${id}/witness`, { date: '2026-03-15', departmentId: ids.get('社会治安综合治理办公室') }))));
    const filed = await race(...times(TIMES, () => coop1('POST', `/agreements/${id}/actions`, { event: 'file', date: '2026-03-15', filingNumber: '并发备〔2026〕1号' })));
    expectOneWinner(filed);
    const posts = await rows('posts', 'person_id', personId);
    expect(posts).toHaveLength(1);
    const second = await approvedAgreement();
    expectOneWinner(await race(...times(TIMES, () => coop1('POST', '/agreements/batch', { agreementIds: [second.id], action: { event: 'sign', date: '2026-03-15' } }))));
  });

  it('renews each agreement once when renewals of one team run at once (R8)', async () => {
    const river = ids.get('河道保洁')!;
    const results = await race(...times(5, () => coop2('POST', '/agreements/renewals', { teamId: river, withinDays: 300 })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => r.body.renewed.length > 0)).toHaveLength(1);
    const successors = await t.database.db.selectFrom('agreements').select('previous_agreement_id').where('town_id', '=', t.townId).where('previous_agreement_id', 'is not', null).execute();
    expect(new Set(successors.map((r) => r.previous_agreement_id)).size).toBe(successors.length);
  });

  it('takes each step of an assessment sheet once: submit, review 20 times at once; lock + return', async () => {
    const [nongfu, nongfuZg] = await Promise.all([t.as('nongfu'), t.as('nongfu-zg')]);
    const created = await nongfu('POST', '/assessment/sheets', { departmentId: ids.get('农业服务中心'), teamId: ids.get('林业养护'), month: '2026-03' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sheet = created.body as { id: string; entries: { personId: string; daysDue: number }[]; template: { indicators: { id: string; scorer: string; pointsTenths: number }[] } };
    const scores = Object.fromEntries(sheet.template.indicators.map((i) => [i.id, Math.floor(i.pointsTenths / 10) - 1]));
    const filled = await nongfu('PUT', `/assessment/sheets/${sheet.id}/entries`, { rows: sheet.entries.map((e) => ({ personId: e.personId, daysWorked: e.daysDue, absenceDays: 0, scores })) });
    expect(filled.body.problems, JSON.stringify(filled.body.problems?.slice(0, 2))).toEqual([]);
    const step = (api: Api, event: string, reason?: string) => () => api('POST', `/assessment/sheets/${sheet.id}/transition`, { event, ...(reason ? { reason } : {}) });
    // A save racing the submission either lands before it or is refused after it.
    const submitted = await race(...times(TIMES, step(nongfu, 'submit')), () => nongfu('PUT', `/assessment/sheets/${sheet.id}/entries`, { rows: [{ personId: sheet.entries[0]!.personId, absenceDays: 0 }] }));
    expectOneWinner(submitted.slice(0, TIMES));
    expect(submitted[TIMES]!.status).toBeLessThan(500);
    expectOneWinner(await race(...times(TIMES, step(nongfuZg, 'review'))));
    expectOneWinner(await race(...times(TIMES / 2, step(nongfuZg, 'lock')), ...times(TIMES / 2, step(nongfuZg, 'return', '请核对出勤'))));
  });

  it('removes a grant once', async () => {
    const security = await t.as('security');
    const users = (await security('GET', '/users?pageSize=100')).body.items as { id: string; username: string; grants: { id: string }[] }[];
    const jiancha = users.find((u) => u.username === 'jiancha')!;
    expectOneWinner(await race(...times(TIMES, () => security('DELETE', `/users/${jiancha.id}/grants/${jiancha.grants[0]!.id}`))), [404, 409, 422]);
  });

  it('approves an assessment template once', async () => {
    const draft = await zongzhiban('POST', '/assessment/templates', { teamId: ids.get('社区巡逻'), validFromMonth: '2026-05', indicators: [{ id: 'duty', name: '岗位职责', part: 'business', scorer: 'unit', pointsTenths: 1000 }] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expectOneWinner(await race(...times(TIMES, () => leader('POST', `/assessment/templates/${draft.body.id}/approve`))));
  });

  it('decides a budget application once: approve + reject', async () => {
    const app = await coop1('POST', '/budget-applications', { year: 2026, kind: 'uniform', coopId: ids.get('松江区小昆山社会协管服务社'), amountFen: 100_000, description: '夏季制服' });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    expectOneWinner(await race(...times(TIMES / 2, () => leader('POST', `/budget-applications/${app.body.id}/decision`, { approve: true })), ...times(TIMES / 2, () => leader('POST', `/budget-applications/${app.body.id}/decision`, { approve: false, reason: '预算不足' }))));
  });

  it('reverses a ledger entry once', async () => {
    const receipt = await finance('POST', '/ledger/receipts', { date: '2026-03-10', sourceCode: 'district_employment_fund', amountFen: 500_000, receiptNo: 'BK-RACE-1', memo: '并发测试' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expectOneWinner(await race(...times(TIMES, () => finance('POST', `/ledger/entries/${receipt.body.id}/reverse`, { reason: '登记错误' }))));
    expect(await rows('ledger_entries', 'reverses_entry_id', receipt.body.id)).toHaveLength(1);
  });

  it('signs a pay-run step once (version check and row lock) and refuses a second run of a coop’s month', async () => {
    const created = await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: ids.get('松江区小昆山社会协管服务社'), month: '2026-02' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.id as string;
    let version = created.body.version as number;
    // A second run of the same coop and month, five times at once: each refused (one run per coop, kind and month).
    const twice = await race(...times(5, () => coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: ids.get('松江区小昆山社会协管服务社'), month: '2026-02' })));
    expect(twice.map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
    const paichusuo = await t.as('paichusuo');
    const confirm = await race(...times(TIMES, () => paichusuo('POST', `/payroll/runs/${runId}/confirm`, { version })));
    version = expectOneWinner(confirm).body.version;
    // Recalculations with one version: one recomputes, the rest find the version moved on.
    expectOneWinner(await race(...times(5, () => coop1('POST', `/payroll/runs/${runId}/recalculate`, { version }))));
  });
});
