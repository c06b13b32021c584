import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, demoTown, type TestTown } from '../../testing/harness.js';

describe('team management assignments are effective-dated (R4, R5)', () => {
  let t: TestTown;
  let teamId: string;
  const dept = new Map<string, string>();
  beforeAll(async () => {
    t = await demoTown();
    const teams = await t.api('GET', '/teams?q=河道保洁');
    teamId = teams.body.items[0].id;
    const depts = await t.api('GET', '/departments?pageSize=100');
    for (const d of depts.body.items) dept.set(d.name, d.id);
  });
  afterAll(() => t.close());

  it('a new assignment from a date ends the old one the day before and keeps history', async () => {
    const before = await auditCount(t.database, t.townId);
    const res = await t.api('POST', `/teams/${teamId}/assignments`, {
      validFrom: '2025-03-01',
      supervisingDepartmentId: dept.get('社会保障事务所'),
      managingUnits: [
        { departmentId: dept.get('水务站'), duties: '河道保洁' },
        { departmentId: dept.get('农业服务中心'), duties: '泵站值守' },
      ],
      communityScoreShare: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.history).toHaveLength(2);
    expect(res.body.history[1].validTo).toBe('2025-02-28');
    expect(res.body.assignment.communitySharePercent).toBe(30);
    expect(await auditCount(t.database, t.townId)).toBe(before + 1);

    const feb = await t.api('GET', `/teams/${teamId}?on=2025-02-15`);
    expect(feb.body.assignment.supervisingDepartmentName).toBe('农业服务中心');
    const mar = await t.api('GET', `/teams/${teamId}?on=2025-03-01`);
    expect(mar.body.assignment.supervisingDepartmentName).toBe('社会保障事务所');
    expect(mar.body.assignment.managingUnits.map((u: { duties: string }) => u.duties)).toEqual(['河道保洁', '泵站值守']);

    // "Who managed this team in March 2024" is answered by the list as well.
    const byDept = await t.api('GET', `/teams?on=2024-03-15&departmentId=${dept.get('水务站')}`);
    expect(byDept.body.items.map((x: { name: string }) => x.name)).toEqual(['河道保洁']);
    const supervised = await t.api('GET', `/teams?on=2025-03-15&departmentId=${dept.get('农业服务中心')}`);
    expect(supervised.body.items.map((x: { name: string }) => x.name).sort()).toEqual(['林业养护', '河道保洁'].sort());
  });

  it('refuses an assignment that would rewrite history, naming R5', async () => {
    const before = await auditCount(t.database, t.townId);
    const res = await t.api('POST', `/teams/${teamId}/assignments`, {
      validFrom: '2020-01-01',
      supervisingDepartmentId: dept.get('农业服务中心'),
      managingUnits: [{ departmentId: dept.get('水务站') }],
      communityScoreShare: false,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'rule_violation', field: 'validFrom' });
    expect(res.body.error.message).toContain('R5');
    expect(await auditCount(t.database, t.townId)).toBe(before);
  });

  it('refuses a department of another town', async () => {
    const other = await demoTown();
    try {
      const foreign = (await other.api('GET', '/departments?q=水务站')).body.items[0].id;
      const res = await t.api('POST', `/teams/${teamId}/assignments`, {
        validFrom: '2026-01-01',
        supervisingDepartmentId: foreign,
        managingUnits: [{ departmentId: dept.get('水务站') }],
        communityScoreShare: false,
      });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid_reference', field: 'supervisingDepartmentId' });
      // and the other town's team is not reachable from this town's address
      const foreignTeam = (await other.api('GET', '/teams?q=河道保洁')).body.items[0].id;
      expect((await t.api('GET', `/teams/${foreignTeam}`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('refuses duplicate managing units and a department not in force on the date', async () => {
    const dup = await t.api('POST', `/teams/${teamId}/assignments`, {
      validFrom: '2026-02-01',
      supervisingDepartmentId: dept.get('农业服务中心'),
      managingUnits: [{ departmentId: dept.get('水务站') }, { departmentId: dept.get('水务站') }],
      communityScoreShare: false,
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.field).toBe('managingUnits');
    const early = await t.api('POST', `/teams/${teamId}/assignments`, {
      validFrom: '2011-06-01',
      supervisingDepartmentId: dept.get('农业服务中心'),
      managingUnits: [{ departmentId: dept.get('水务站') }],
      communityScoreShare: false,
    });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('存续期');
  });

  it('creates a team (交通协管, R4 footnote) with the category default coop and its first assignment', async () => {
    const categories = await t.api('GET', '/categories');
    const social = categories.body.items.find((c: { code: string }) => c.code === 'social_coordination');
    const res = await t.api('POST', '/teams', {
      name: '交通协管',
      categoryId: social.id,
      duties: '协助维护道路交通秩序',
      validFrom: '2026-01-01',
      assignment: {
        supervisingDepartmentId: dept.get('社会治安综合治理办公室'),
        managingUnits: [{ departmentId: dept.get('交警支队'), duties: '道路交通秩序' }],
        communityScoreShare: true,
        communitySharePercent: 20,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.coopName).toBe('松江区小昆山社会协管服务社');
    expect(res.body.assignment).toMatchObject({ validFrom: '2026-01-01', communitySharePercent: 20 });
    const again = await t.api('POST', '/teams', {
      name: '交通协管',
      categoryId: social.id,
      validFrom: '2026-01-01',
      assignment: { supervisingDepartmentId: dept.get('交警支队'), managingUnits: [{ departmentId: dept.get('交警支队') }], communityScoreShare: false },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', field: 'name' });
  });

  it('edits a team and refuses an end date before its start', async () => {
    const ok = await t.api('PATCH', `/teams/${teamId}`, { duties: '河道保洁、泵站值守和维护（2026 修订）' });
    expect(ok.status).toBe(200);
    expect(ok.body.duties).toContain('2026 修订');
    const bad = await t.api('PATCH', `/teams/${teamId}`, { validTo: '2000-01-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('validTo');
  });

  it('exports the teams as xlsx with the R4 columns', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await t.api('GET', '/teams/export.xlsx?on=2013-01-01');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('主管部门');
    expect(sheet.rowCount).toBe(16);
  });
});
