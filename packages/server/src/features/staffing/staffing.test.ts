import { makeIdNumber } from '@gongyi/domain';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { demoIdentity } from '../demo/demo-workers.js';

// #5 over HTTP on the real database: quota board (R9), one out one in with racing approvals (R10),
// the hiring chain through the agreement (R6), exits, renewal gated by the annual result (R8), the PDF.

interface Line {
  id: string;
  name: string;
  quota: number | null;
  filled: number;
  reserved: number;
  vacancies: number | null;
  over: boolean;
}

describe('headcount, hiring and agreements (#5)', () => {
  let t: TestTown;
  let hr: Api, coop1: Api, zongzhiban: Api;
  const ids = new Map<string, string>();
  let idFor: (born: string, seq: number) => string;

  beforeAll(async () => {
    t = await demoTown();
    [hr, coop1, zongzhiban] = await Promise.all([t.as('hr'), t.as('coop1'), t.as('zongzhiban')]);
    const { region } = demoIdentity(t.townCode);
    idFor = (born, seq) => makeIdNumber(region, born, 850 + (seq % 140));
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
  });
  afterAll(() => t.close());

  const board = async () => (await hr('GET', '/quota/board')).body as { total: Line; categories: Line[]; teams: Line[] };
  const team = async (name: string) => (await board()).teams.find((l) => l.name === name)!;
  const hire = (idNumber: string, teamName = '社区巡逻', overrides: Record<string, unknown> = {}) => ({
    person: { name: '新招人员', idNumber, phone: '13900004444' },
    post: { teamId: ids.get(teamName), managingDepartmentId: ids.get('派出所'), duty: '社区巡逻', startDate: '2026-04-01', insurance: 'urban_employee', ...overrides },
    reason: '补充空岗',
  });

  it('shows quota, filled, held and vacant places per team, category and town (R9, R10)', async () => {
    const b = await board();
    expect(b.total.quota).toBe(659);
    expect(b.total.over).toBe(false);
    expect(b.categories.reduce((s, c) => s + (c.quota ?? 0), 0)).toBe(659);
    for (const line of [b.total, ...b.categories, ...b.teams]) {
      expect(line.vacancies).toBe(line.quota! - line.filled - line.reserved);
      expect(line.vacancies).toBeGreaterThanOrEqual(0);
    }
    // the demo's approved hire holds a place in 社区环境保洁
    expect(b.teams.find((l) => l.name === '社区环境保洁')!.reserved).toBe(1);
  });

  it('refuses a plan whose teams add up past their category (R9) or below the places held (R10)', async () => {
    const [plan] = (await hr('GET', '/quota/plans')).body;
    const patrol = ids.get('社区巡逻')!;
    const tooMany = await hr('POST', '/quota/plans', { ...stripPlan(plan), validFrom: '2026-02-01', teams: plan.teams.map((l: { teamId: string; quota: number }) => (l.teamId === patrol ? { ...l, quota: l.quota + 500 } : l)) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toContain('R9');
    const tooFew = await hr('POST', '/quota/plans', { ...stripPlan(plan), validFrom: '2026-02-01', teams: plan.teams.map((l: { teamId: string; quota: number }) => (l.teamId === patrol ? { ...l, quota: 1 } : l)) });
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.error.message).toContain('R10');
    expect((await coop1('POST', '/quota/plans', { ...stripPlan(plan), validFrom: '2026-02-01' })).status).toBe(403);
  });

  it('runs a hire through request, approval, agreement, witness and filing; the worker is then on post (R6, R10)', async () => {
    const before = await team('社区巡逻');
    const id = idFor('1988-05-06', 1);
    const req = await zongzhiban('POST', '/hiring', hire(id));
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ state: 'requested', teamName: '社区巡逻' });
    expect((await zongzhiban('POST', `/hiring/${req.body.id}/decision`, { decision: 'approve' })).status).toBe(403);
    const approved = await hr('POST', `/hiring/${req.body.id}/decision`, { decision: 'approve' });
    expect(approved.body.state).toBe('approved');
    expect((await team('社区巡逻')).reserved).toBe(before.reserved + 1);

    const draft = await coop1('POST', '/agreements', { hiringRequestId: req.body.id });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', termStart: '2026-04-01', termEnd: '2027-03-31', coopName: '松江区小昆山社会协管服务社', supervisingDepartmentName: '社会治安综合治理办公室' });
    const early = await coop1('POST', `/agreements/${draft.body.id}/actions`, { event: 'file', date: '2026-03-15', filingNumber: 'X-1' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('R6');
    await coop1('POST', `/agreements/${draft.body.id}/actions`, { event: 'sign', date: '2026-03-15' });
    // R6: only the team's supervising department witnesses
    const wrong = await hr('POST', `/agreements/${draft.body.id}/witness`, { date: '2026-03-15', departmentId: ids.get('社会保障事务所') });
    expect(wrong.status).toBe(403);
    const wrongDept = await t.api('GET', '/departments?pageSize=100');
    expect(wrongDept.status).toBe(200);
    const witnessed = await zongzhiban('POST', `/agreements/${draft.body.id}/witness`, { date: '2026-03-15', departmentId: ids.get('社会治安综合治理办公室') });
    expect(witnessed.body.state).toBe('witnessed');
    const filed = await coop1('POST', `/agreements/${draft.body.id}/actions`, { event: 'file', date: '2026-03-15', filingNumber: '昆公益备〔2026〕901号' });
    expect(filed.body).toMatchObject({ state: 'filed', filingNumber: '昆公益备〔2026〕901号' });

    const after = await team('社区巡逻');
    expect(after.filled).toBe(before.filled + 1);
    expect(after.reserved).toBe(before.reserved);
    const roster = (await hr('GET', `/workers?idNumber=${id}`)).body.items;
    expect(roster).toHaveLength(1);
    expect(roster[0].post).toMatchObject({ status: 'active', teamName: '社区巡逻', startDate: '2026-04-01' });
    const completed = (await hr('GET', '/hiring?state=completed')).body.items;
    expect(completed.map((r: { id: string }) => r.id)).toContain(req.body.id);

    const pdf = await coop1('GET', `/agreements/${draft.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.body as Buffer) }).getText()).text.replace(/\s+/g, '');
    expect(text).toContain('新招人员');
    expect(text).toContain('2026年4月1日');
    expect(text).toContain('2027年3月31日');
    expect(text).toContain('社会治安综合治理办公室');
    expect(text).toContain(id); // coop1 may reveal, so the ID prints in full…
    const printed = await t.database.db.selectFrom('audit_log').select('after_json').where('town_id', '=', t.townId).where('action', '=', 'agreement.print').executeTakeFirstOrThrow();
    expect(JSON.parse(printed.after_json!)).toMatchObject({ idInClear: true }); // …and the print is audited
  });

  it('refuses a hire with no vacancy, a start before the request, and a witness that does not supervise the team', async () => {
    await setVacancies('特种设备协管', 0, '2026-03-02');
    expect((await team('特种设备协管')).vacancies).toBe(0);
    const none = await hr('POST', '/hiring', hire(idFor('1990-01-01', 2), '特种设备协管', { managingDepartmentId: ids.get('安全生产监督管理所') }));
    expect(none.status).toBe(403); // town HR approves, it does not request
    const noVacancy = await zongzhiban('POST', '/hiring', hire(idFor('1990-01-01', 2), '特种设备协管', { managingDepartmentId: ids.get('安全生产监督管理所') }));
    expect(noVacancy.status).toBe(422);
    expect(noVacancy.body.error).toMatchObject({ field: 'post.teamId', message: expect.stringContaining('R10') });
    const early = await zongzhiban('POST', '/hiring', hire(idFor('1990-01-01', 3), '社区巡逻', { startDate: '2026-03-01' }));
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ field: 'post.startDate' });
    expect(early.body.error.message).toContain('早于申请日期');
  });

  it('lets exactly one of two racing approvals take the last vacancy (R10)', async () => {
    // Room for both requests whatever the demo left in this team (its exits depend on the town's names).
    await setVacancies('社区巡逻', 2, '2026-03-04');
    const a = await zongzhiban('POST', '/hiring', hire(idFor('1991-01-01', 4)));
    const b = await zongzhiban('POST', '/hiring', hire(idFor('1991-01-01', 5)));
    expect([a.status, b.status], JSON.stringify([a.body.error, b.body.error])).toEqual([201, 201]);
    await setVacancies('社区巡逻', 1, '2026-03-05');
    const results = await Promise.all([hr('POST', `/hiring/${a.body.id}/decision`, { decision: 'approve' }), hr('POST', `/hiring/${b.body.id}/decision`, { decision: 'approve' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body.error.message).toContain('R10');
    const line = await team('社区巡逻');
    expect(line.vacancies).toBe(0);
    expect(line.over).toBe(false);
  });

  it('records an exit: pay ends from its date, the agreement ends, a vacancy opens; a dismissal must cite its basis', async () => {
    // An off-roster (编外) worker holds no place under the quota: the demo town has some, and which one sorts first depends on the town.
    const active = (await hr('GET', `/workers?teamId=${ids.get('林业养护')}&status=active&pageSize=50`)).body.items as { personId: string; flags: string[] }[];
    const worker = active.find((w) => !w.flags.includes('off_roster'))!;
    const before = await team('林业养护');
    const bare = await coop1('POST', `/workers/${worker.personId}/exit`, { reason: 'dismissal', exitDate: '2026-03-10' });
    expect(bare.status).toBe(404); // 林业养护 belongs to the other coop: out of coop1's scope
    const coop2 = await t.as('coop2');
    const noBasis = await coop2('POST', `/workers/${worker.personId}/exit`, { reason: 'dismissal', exitDate: '2026-03-10' });
    expect(noBasis.status).toBe(422);
    expect(noBasis.body.error.field).toBe('dismissal.citation');
    const done = await coop2('POST', `/workers/${worker.personId}/exit`, { reason: 'dismissal', exitDate: '2026-03-10', dismissal: { basis: 'team_rule', citation: '第八条' } });
    expect(done.status).toBe(200);
    expect(done.body.post).toMatchObject({ status: 'exited', exitReason: 'dismissal', validFrom: '2026-03-10' });
    expect(done.body.history[1].validTo).toBe('2026-03-09');
    expect((await team('林业养护')).vacancies).toBe(before.vacancies! + 1);
    const agreements = (await hr('GET', `/agreements?personId=${worker.personId}`)).body.items;
    expect(agreements[0]).toMatchObject({ state: 'terminated', terminatedOn: '2026-03-09' });
    const exits = (await hr('GET', '/exits?reason=dismissal')).body.items;
    expect(exits.map((e: { personId: string }) => e.personId)).toContain(worker.personId);
  });

  it('keeps the place of an exit dated ahead until its date (R10: one out, then one in)', async () => {
    const active = (await hr('GET', `/workers?teamId=${ids.get('林业养护')}&status=active&pageSize=50`)).body.items as { personId: string; flags: string[] }[];
    const worker = active.find((w) => !w.flags.includes('off_roster'))!;
    const before = await team('林业养护');
    const coop2 = await t.as('coop2');
    expect((await coop2('POST', `/workers/${worker.personId}/exit`, { reason: 'resignation', exitDate: '2026-04-01' })).status).toBe(200);
    expect((await team('林业养护')).vacancies).toBe(before.vacancies); // still in post until 2026-03-31
    t.runtime.clock.set('2026-04-01T10:00:00+08:00');
    try {
      // A session of that day (the suite's own would have gone idle over two weeks).
      const later = (await (await t.as('leader'))('GET', '/quota/board')).body as { teams: { name: string; vacancies: number }[] };
      expect(later.teams.find((l) => l.name === '林业养护')!.vacancies).toBe(before.vacancies! + 1);
    } finally {
      t.runtime.clock.set('2026-03-15T10:00:00+08:00');
    }
  });

  it('renews only workers who passed the annual assessment and lists the rest with the reason (R8)', async () => {
    {
      const coop2 = await t.as('coop2');
      const river = ids.get('河道保洁')!;
      const dry = await coop2('POST', '/agreements/renewals', { teamId: river, withinDays: 300, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.renewed.length).toBeGreaterThan(30);
      expect(dry.body.heldBack.some((h: { reason: string }) => h.reason.includes('不合格') && h.reason.includes('R8'))).toBe(true);
      expect(await t.database.db.selectFrom('agreements').select('id').where('town_id', '=', t.townId).where('state', '=', 'renewed').execute()).toHaveLength(0);
      const patrol = await coop2('POST', '/agreements/renewals', { teamId: ids.get('社区巡逻'), withinDays: 300 });
      expect(patrol.body.renewed).toHaveLength(0); // another coop's team: out of scope
      const coop1b = await t.as('coop1');
      const notAssessed = await coop1b('POST', '/agreements/renewals', { teamId: ids.get('社区巡逻'), withinDays: 300, dryRun: true });
      expect(notAssessed.body.renewed).toHaveLength(0);
      expect(notAssessed.body.heldBack[0].reason).toContain('尚无2026年度考核结果');
      const real = await coop2('POST', '/agreements/renewals', { teamId: river, withinDays: 300 });
      expect(real.body.renewed).toHaveLength(dry.body.renewed.length);
      const next = (await coop2('GET', `/agreements?teamId=${river}&state=draft&pageSize=200`)).body.items;
      expect(next.length).toBe(dry.body.renewed.length);
      expect(next[0]).toMatchObject({ termStart: '2027-01-01', termEnd: '2027-12-31' });
      const expiring = (await coop2('GET', `/agreements?expiringWithin=300&teamId=${river}`)).body.total;
      expect(expiring).toBe(dry.body.heldBack.length);
    }
  });

  it('lists workers reaching statutory retirement age within 90 days', async () => {
    const list = (await hr('GET', '/retirements?withinDays=90')).body as { retirementDate: string; sex: string; birthDate: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.retirementDate <= '2026-06-13')).toBe(true);
  });

  /** A new plan version (from `validFrom`) leaving exactly `vacancies` in `teamName`. */
  async function setVacancies(teamName: string, vacancies: number, validFrom: string) {
    const [plan] = (await hr('GET', '/quota/plans')).body;
    const line = await team(teamName);
    const teamId = ids.get(teamName);
    const res = await hr('POST', '/quota/plans', { ...stripPlan(plan), validFrom, teams: plan.teams.map((l: { teamId: string; quota: number }) => (l.teamId === teamId ? { ...l, quota: line.filled + line.reserved + vacancies } : l)) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});

function stripPlan(plan: { total: number; basis: string; categories: unknown[]; teams: unknown[] }) {
  return { total: plan.total, basis: plan.basis, categories: plan.categories, teams: plan.teams };
}
