import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { inTransaction } from '../../http/context.js';
import { addDemoUser } from '../demo/demo-users.js';
import { SYSTEM } from '../policy.js';

// #7 over HTTP on the real database (SQLite, and PostgreSQL with DATABASE_URL): policy versions
// checked against the notice (R14, R17, R19), a coop's month run from locked assessments with every
// line explained, the three sign-offs of R21 in order with one person per step and one winner of
// concurrent approvals, edits voiding later sign-offs, the bank file only after approval, and
// corrections of an approved run carried into a later month. The clock is 2026-03-15; the demo
// locked February's sheets.

interface Line {
  kind: string;
  amountFen: number;
  cash: boolean;
  rule: string;
  explanation: string;
}
interface Slip {
  personId: string;
  name: string;
  departmentId: string;
  daysInPost: number;
  netFen: number;
  grossFen: number;
  deductionFen: number;
  lines: Line[];
}

const UNIT_USERS = ['paichusuo', 'jiaojing', 'anjiansuo', 'renshe', 'chengguan', 'jianshe'];
const sumOf = (lines: Line[], kind: string) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);

describe('payroll (#7)', () => {
  let t: TestTown;
  let coop1: Api, coop2: Api, finance: Api, leader: Api, shebaosuo: Api, paichusuo: Api;
  let coop1Id = '';
  let runId = '';
  let version = 0;
  let slips: Slip[] = [];

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    [coop1, coop2, finance, leader, shebaosuo, paichusuo] = (await Promise.all(['coop1', 'coop2', 'finance', 'leader', 'shebaosuo', 'paichusuo'].map((u) => t.as(u)))) as [Api, Api, Api, Api, Api, Api];
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    coop1Id = coops.find((c) => c.name.includes('社会协管'))!.id;
  });
  afterAll(() => t.close());

  const allSlips = async (api: Api, id: string): Promise<Slip[]> => {
    const out: Slip[] = [];
    for (let page = 1; ; page++) {
      const res = await api('GET', `/payroll/runs/${id}/slips?pageSize=200&page=${page}`);
      out.push(...res.body.items);
      if (out.length >= res.body.total) return out;
    }
  };

  it('refuses a policy version that breaks the notice, naming the field (R14, R17, R19)', async () => {
    const current = (await finance('GET', '/payroll/policies/current')).body;
    expect(current.policy.floorFen).toBe(157000);
    const tryPolicy = (patch: object) => finance('POST', '/payroll/policies', { validFrom: '2026-04-01', policy: { ...current.policy, ...patch } });
    const floor = await tryPolicy({ floorFen: 0 });
    expect(floor.status).toBe(422);
    expect(floor.body.error).toMatchObject({ field: 'policy.floorFen' });
    expect(floor.body.error.message).toContain('1570.00');
    const range = await tryPolicy({ annualBonusBp: { ...current.policy.annualBonusBp, public_service: { excellent: 3000, pass: 1000, basic_pass: 200 } } });
    expect(range.body.error).toMatchObject({ field: 'policy.annualBonusBp.public_service.excellent' });
    expect(range.body.error.message).toContain('2%–28%');
    const negative = await tryPolicy({ specialAllowanceFen: { ...current.policy.specialAllowanceFen, sanitation: -100 } });
    expect(negative.body.error).toMatchObject({ field: 'policy.specialAllowanceFen.sanitation' });
    const heat = await tryPolicy({ highTemperature: { ...current.policy.highTemperature, yearCapFen: 120000 } });
    expect(heat.body.error.message).toContain('1000.00');
    expect((await coop1('POST', '/payroll/policies', { validFrom: '2026-04-01', policy: current.policy })).status).toBe(403);
    const ok = await tryPolicy({ floorFen: 180000 });
    expect(ok.status).toBe(201);
    const versions = (await finance('GET', '/payroll/policies')).body;
    expect(versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo])).toEqual([
      ['2026-04-01', null],
      ['2012-01-01', '2026-03-31'],
    ]);
  });

  it('will not run a month whose assessment sheets are not locked, naming the units (R25)', async () => {
    const res = await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: coop1Id, month: '2026-03' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/考核表未锁定.*派出所/);
    expect((await coop2('POST', '/payroll/runs', { kind: 'monthly', coopId: coop1Id, month: '2026-02' })).status).toBe(422);
    const bonus = await coop1('POST', '/payroll/runs', { kind: 'annual_bonus', coopId: coop1Id, month: '2026-02' });
    expect(bonus.body.error.message).toContain('12 月发放');
  });

  it("runs February for a coop: every worker in post, each line explained, totals adding up (R13–R17)", async () => {
    const res = await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: coop1Id, month: '2026-02' });
    expect(res.status).toBe(201);
    runId = res.body.id;
    version = res.body.version;
    expect(res.body.state).toBe('draft');
    slips = await allSlips(coop1, runId);
    const { rows } = await sql<{ n: number }>`
      select count(distinct e.person_id) as n from assessment_entries e
      join assessment_sheets s on s.town_id = e.town_id and s.id = e.sheet_id
      join teams t on t.town_id = s.town_id and t.id = s.team_id
      where s.town_id = ${t.townId} and s.month = '2026-02' and t.coop_id = ${coop1Id}`.execute(t.database.db);
    expect(slips.length).toBe(Number(rows[0]!.n));
    expect(res.body.workerCount).toBe(slips.length);
    expect(res.body.netFen).toBe(slips.reduce((s, x) => s + x.netFen, 0));
    const totals = new Map((await sql<{ person_id: string; total_tenths: number; grade: string }>`
      select e.person_id, e.total_tenths, e.grade from assessment_entries e join assessment_sheets s on s.town_id = e.town_id and s.id = e.sheet_id
      where s.town_id = ${t.townId} and s.month = '2026-02'`.execute(t.database.db)).rows.map((r) => [r.person_id, r]));
    for (const s of slips) {
      expect(s.netFen).toBe(s.lines.filter((l) => l.cash).reduce((sum, l) => sum + l.amountFen, 0));
      for (const l of s.lines) expect(Number.isInteger(l.amountFen) && l.explanation.length > 0).toBe(true);
      const a = totals.get(s.personId)!;
      const standard = s.lines.some((l) => l.kind === 'base' && l.explanation.includes('服务队标准'));
      if (s.daysInPost === 28) {
        // R14: base + performance bonus (+ top-up) at least the floor; R17: Spring Festival (2026-02-17) in February.
        expect(sumOf(s.lines, 'base') + sumOf(s.lines, 'performance') + sumOf(s.lines, 'floor_top_up')).toBeGreaterThanOrEqual(157000);
        expect(s.lines.find((l) => l.kind === 'welfare')).toMatchObject({ amountFen: 50000, rule: 'R17' });
        if (standard && a.grade !== 'fail') expect(sumOf(s.lines, 'performance')).toBe(Math.floor((45000 * a.total_tenths * 2 + 1000) / 2000));
      }
      if (a.grade === 'fail') expect(sumOf(s.lines, 'performance')).toBe(0);
      if (a.grade === 'fail' && standard) {
        expect(s.lines.find((l) => l.kind === 'floor_top_up')?.rule).toBe('R14');
      }
    }
    expect(slips.some((s) => totals.get(s.personId)!.grade === 'fail')).toBe(true);
    const performance = slips.flatMap((s) => s.lines).find((l) => l.kind === 'performance' && l.amountFen > 0 && l.explanation.startsWith('绩效奖 = 450.00'))!;
    expect(performance).toBeDefined();
    expect(performance.explanation).toMatch(/^绩效奖 = 450\.00 × \d+\.\d \/ 100$/);
    expect(slips.flatMap((s) => s.lines).some((l) => l.kind === 'base' && l.rule === 'R12' && l.explanation.includes('老办法原待遇'))).toBe(true);
    expect((await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId: coop1Id, month: '2026-02' })).body.error.message).toContain('重新计算');
  });

  it('prices a draft policy over the whole town before it is adopted (政策测算)', async () => {
    const current = (await finance('GET', '/payroll/policies/current?on=2026-02-01')).body.policy;
    const res = await finance('POST', '/payroll/simulate', { month: '2026-02', policy: { ...current, floorFen: 200000 } });
    expect(res.status).toBe(200);
    expect(res.body.current.grossFen).toBeGreaterThan(0);
    // R14: a higher floor costs exactly the extra top-up.
    expect(res.body.draft.floorTopUpFen).toBeGreaterThan(res.body.current.floorTopUpFen);
    expect(res.body.draft.grossFen - res.body.current.grossFen).toBe(res.body.draft.floorTopUpFen - res.body.current.floorTopUpFen);
    expect(res.body.teams.reduce((n: number, x: { workerCount: number }) => n + x.workerCount, 0)).toBe(res.body.workerCount);
    expect(res.body.unassessed).toBe(0);
    expect((await finance('POST', '/payroll/simulate', { month: '2026-02', policy: { ...current, floorFen: 0 } })).body.error.field).toBe('policy.floorFen');
    expect((await coop1('POST', '/payroll/simulate', { month: '2026-02', policy: current })).status).toBe(403);
    expect(await t.database.db.selectFrom('pay_slips').select('run_id').where('run_id', '=', 'simulation').execute()).toEqual([]);
  });

  it('keeps the run to its scope: another coop does not see it, a unit sees only its own workers', async () => {
    expect((await coop2('GET', `/payroll/runs/${runId}`)).status).toBe(404);
    const own = await allSlips(paichusuo, runId);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(slips.length);
    expect(new Set(own.map((s) => s.departmentId)).size).toBe(1);
  });

  it('signs in order: each unit confirms, an edit voids its confirmation, a stale version loses (R21)', async () => {
    const early = await leader('POST', `/payroll/runs/${runId}/approve`, { version });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('单位确认 → 主管部门审核 → 分管领导审批');
    const first = await paichusuo('POST', `/payroll/runs/${runId}/confirm`, { version });
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('draft');
    expect(first.body.pending.map((p: { departmentName: string }) => p.departmentName)).not.toContain('派出所');
    expect((await paichusuo('POST', `/payroll/runs/${runId}/confirm`, { version: first.body.version })).status).toBe(422);
    const stale = await t.as('jiaojing').then((api) => api('POST', `/payroll/runs/${runId}/confirm`, { version }));
    expect(stale.status).toBe(409);

    const police = slips.find((s) => s.departmentId === first.body.signoffs[0].departmentId)!;
    const edited = await coop1('POST', `/payroll/runs/${runId}/manual-lines`, { personId: police.personId, amountFen: 10000, reason: '补发1月加班', version: first.body.version });
    expect(edited.status).toBe(200);
    expect(edited.body.signoffs[0].voidedAt).not.toBeNull();
    expect(edited.body.pending.map((p: { departmentName: string }) => p.departmentName)).toContain('派出所');
    expect(edited.body.netFen).toBe(first.body.netFen + 10000);

    version = edited.body.version;
    for (const user of UNIT_USERS) {
      const res = await (await t.as(user))('POST', `/payroll/runs/${runId}/confirm`, { version });
      expect(res.status, user).toBe(200);
      version = res.body.version;
    }
    const confirmed = await coop1('GET', `/payroll/runs/${runId}`);
    expect(confirmed.body.state).toBe('unit_confirmed');
    expect(confirmed.body.pending.map((p: { step: string }) => p.step)).toEqual(['department_review', 'department_review']);
  });

  it("carries 社区公共服务社's month through the three sign-offs with the demo's own accounts (README)", async () => {
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    const created = await coop2('POST', '/payroll/runs', { kind: 'monthly', coopId: coops.find((c) => c.name.includes('社区公共服务'))!.id, month: '2026-02' });
    expect(created.status).toBe(201);
    let v = created.body.version;
    const sign = async (user: string, step: 'confirm' | 'review' | 'approve') => {
      const res = await (await t.as(user))('POST', `/payroll/runs/${created.body.id}/${step}`, { version: v });
      expect(res.status, `${user} ${step}: ${JSON.stringify(res.body.error)}`).toBe(200);
      v = res.body.version;
      return res.body;
    };
    for (const user of ['shebao-rc', 'wuye', 'huanwei', 'shiyeban', 'nongfu', 'shuiwuzhan']) await sign(user, 'confirm');
    expect((await coop2('GET', `/payroll/runs/${created.body.id}`)).body.state).toBe('unit_confirmed');
    for (const user of ['shebaosuo', 'fuwuzhongxin', 'shiyeban-zg', 'nongfu-zg']) await sign(user, 'review');
    expect((await sign('leader', 'approve')).state).toBe('approved');
  });

  it('lets one person sign only one step, and only one of two concurrent approvals win (R21)', async () => {
    const departments = (await t.api('GET', '/departments?pageSize=100')).body.items as { id: string; name: string }[];
    const zong = departments.find((d) => d.name === '社会治安综合治理办公室')!.id;
    await inTransaction(t.database, t.runtime, { actor: SYSTEM, requestId: 'test', ip: '' }, async (ctx) => {
      await addDemoUser(ctx, t.townId, 'dual', [{ role: 'supervising_dept', scopeKind: 'department', scopeId: zong }, { role: 'leader', scopeKind: 'town', scopeId: null }]);
      await addDemoUser(ctx, t.townId, 'leader2', [{ role: 'leader', scopeKind: 'town', scopeId: null }]);
    });
    const dual = await t.as('dual');
    const first = await shebaosuo('POST', `/payroll/runs/${runId}/review`, { version });
    expect(first.body.state).toBe('unit_confirmed');
    const reviewed = await dual('POST', `/payroll/runs/${runId}/review`, { version: first.body.version });
    expect(reviewed.body.state).toBe('department_reviewed');
    const twice = await dual('POST', `/payroll/runs/${runId}/approve`, { version: reviewed.body.version });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toContain('同一人不能签署同一发放的两个环节');
    version = reviewed.body.version;

    const leader2 = await t.as('leader2');
    const both = await Promise.all([leader('POST', `/payroll/runs/${runId}/approve`, { version }), leader2('POST', `/payroll/runs/${runId}/approve`, { version })]);
    const statuses = both.map((r) => r.status).sort();
    expect(statuses[0], JSON.stringify(both.map((r) => r.body.error))).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const approvals = await t.database.db.selectFrom('pay_signoffs').select('id').where('run_id', '=', runId).where('step', '=', 'leader_approve').execute();
    expect(approvals).toHaveLength(1);
    version = both.find((r) => r.status === 200)!.body.version;
  });

  it('pays only an approved run, and an approved run never changes: a correction goes to a later month', async () => {
    expect((await coop1('POST', `/payroll/runs/${runId}/recalculate`, { version })).status).toBe(422);
    expect((await coop1('POST', `/payroll/runs/${runId}/manual-lines`, { personId: slips[0]!.personId, amountFen: 100, reason: 'x', version })).status).toBe(422);
    const csv = await coop1('GET', `/payroll/runs/${runId}/bank-file.csv`);
    expect(csv.status).toBe(200);
    const run = (await coop1('GET', `/payroll/runs/${runId}`)).body;
    expect(String(csv.body)).toContain((run.netFen / 100).toFixed(2));
    expect((await finance('GET', `/payroll/runs/${runId}/bank-file.csv`)).status).toBe(403);
    const released = await coop1('POST', `/payroll/runs/${runId}/release`, { version });
    expect(released.body.state).toBe('released');
    const correction = await coop1('POST', `/payroll/runs/${runId}/adjustments`, { personId: slips[1]!.personId, amountFen: -5000, reason: '2月多发交通补贴' });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({ amountFen: -5000, appliedRunId: null, runMonth: '2026-02' });
    const stored = await t.database.db.selectFrom('pay_slips').select('net_fen').where('run_id', '=', runId).where('person_id', '=', slips[1]!.personId).executeTakeFirstOrThrow();
    expect(Number(stored.net_fen)).toBe(slips[1]!.netFen);
  });

  it('prints payslips and the register, and audits every step', async () => {
    const pdf = await coop1('GET', `/payroll/runs/${runId}/payslips.pdf?personId=${slips[0]!.personId}`);
    expect(pdf.status).toBe(200);
    const register = await finance('GET', `/payroll/runs/${runId}/register.xlsx`);
    expect(register.status).toBe(200);
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', runId).execute()).map((r) => r.action);
    for (const a of ['payroll.run.create', 'payroll.run.unit_confirm', 'payroll.run.manual_line', 'payroll.run.department_review', 'payroll.run.leader_approve', 'payroll.bank_file.export', 'payroll.run.release', 'payroll.adjustment.create', 'payroll.payslip.print']) expect(actions).toContain(a);
  });
  it('pays the annual bonus in the policy\'s bonus month: the year\'s base wage × the grade\'s percent, none without a passing result (R19)', async () => {
    const passer = slips.find((s) => s.lines.some((l) => l.kind === 'base' && l.explanation.includes('服务队标准')))!;
    await t.database.db
      .insertInto('annual_results')
      .values({ town_id: t.townId, person_id: passer.personId, year: 2026, outcome: 'pass', note: '', recorded_by: 'test', recorded_at: '2026-03-15T10:00:00+08:00', months: 1, mean_tenths: 860, computed_outcome: 'pass', decision_step: 0 })
      .execute();
    // #7 part 5: the bonus month is the policy's (December by default); this town pays it in March.
    const policy = (await finance('GET', '/payroll/policies/current?on=2026-03-01')).body.policy;
    expect((await finance('POST', '/payroll/policies', { validFrom: '2026-03-01', policy: { ...policy, annualBonusMonth: 3 }, note: '年终奖改在3月发' })).status).toBe(201);
    const res = await coop1('POST', '/payroll/runs', { kind: 'annual_bonus', coopId: coop1Id, month: '2026-03' });
    expect(res.status).toBe(201);
    const bonus = await allSlips(coop1, res.body.id);
    const mine = bonus.find((s) => s.personId === passer.personId)!;
    const base = sumOf(passer.lines, 'base');
    // Social coordination, 合格: 15% in the demo policy (inside R19's 2–25%).
    expect(mine.lines).toEqual([expect.objectContaining({ kind: 'annual_bonus', amountFen: Math.floor((base * 1500 * 2 + 10000) / 20000), rule: 'R19' })]);
    expect(mine.lines[0]!.explanation).toContain('× 15%（合格）（计 1 个月）');
    const other = bonus.find((s) => s.personId !== passer.personId)!;
    expect(other.netFen).toBe(0);
    expect(other.lines[0]!.explanation).toContain('年度考核结果未定');
  });
});
