import ExcelJS from 'exceljs';
import type { Entry } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../import/test-workbooks.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';

// #6 over HTTP on the real database: templates approved before use (R25), a month's sheet from
// opening to lock with pasted rows and per-cell refusals, the community share, corrections after
// lock, the overdue board, and the annual assessment feeding renewal (R8).


describe('attendance and assessment (#6)', () => {
  let t: TestTown;
  let paichusuo: Api, zongzhiban: Api, cun1: Api, leader: Api, hr: Api;
  const ids = new Map<string, string>();
  let sheetId = '';
  let entries: Entry[] = [];

  beforeAll(async () => {
    t = await demoTown();
    [paichusuo, zongzhiban, cun1, leader, hr] = await Promise.all([t.as('paichusuo'), t.as('zongzhiban'), t.as('cun1'), t.as('leader'), t.as('hr')]);
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
    for (const c of (await t.api('GET', '/communities?pageSize=50')).body.items) ids.set(c.name, c.id);
  });
  afterAll(() => t.close());

  it('uses only templates worth 100 points that the leadership group approved (R25)', async () => {
    const patrol = ids.get('社区巡逻')!;
    const bad = await zongzhiban('POST', '/assessment/templates', { teamId: patrol, validFromMonth: '2026-04', indicators: [{ id: 'duty', name: '岗位职责', part: 'business', scorer: 'unit', pointsTenths: 600 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('应为 100 分');
    const notMine = await zongzhiban('POST', '/assessment/templates', { teamId: ids.get('河道保洁'), validFromMonth: '2026-04', indicators: [{ id: 'duty', name: '岗位职责', part: 'business', scorer: 'unit', pointsTenths: 1000 }] });
    expect(notMine.status).toBe(422); // 河道保洁 is supervised by 农业服务中心
    const draft = await zongzhiban('POST', '/assessment/templates', { teamId: patrol, validFromMonth: '2026-04', indicators: [{ id: 'duty', name: '岗位职责', part: 'business', scorer: 'unit', pointsTenths: 1000 }] });
    expect(draft.body).toMatchObject({ state: 'draft', absencePointsPerDayTenths: 50 });
    expect((await zongzhiban('POST', `/assessment/templates/${draft.body.id}/approve`)).status).toBe(403);
    expect((await leader('POST', `/assessment/templates/${draft.body.id}/approve`)).body.state).toBe('approved');
  });

  it('opens a unit’s sheet with its workers in post that month and the days due from the statutory calendar', async () => {
    const res = await paichusuo('POST', '/assessment/sheets', { departmentId: ids.get('派出所'), teamId: ids.get('社区巡逻'), month: '2026-02' });
    expect(res.status).toBe(201);
    sheetId = res.body.id;
    entries = res.body.entries;
    expect(res.body).toMatchObject({ state: 'draft', dueDate: '2026-03-10', communitySharePercent: 30, departmentName: '派出所' });
    expect(entries.length).toBeGreaterThan(10);
    // February 2026: 20 weekdays, six of them in the Spring Festival holiday, two make-up Saturdays
    expect(entries.every((e) => e.daysDue === 16)).toBe(true);
    expect((await paichusuo('POST', '/assessment/sheets', { departmentId: ids.get('派出所'), teamId: ids.get('社区巡逻'), month: '2026-02' })).status).toBe(409);
    expect((await paichusuo('POST', '/assessment/sheets', { departmentId: ids.get('水务站'), teamId: ids.get('河道保洁'), month: '2026-02' })).status).toBe(422);
    expect((await paichusuo('POST', '/assessment/sheets', { departmentId: ids.get('派出所'), teamId: ids.get('社区巡逻'), month: '2026-05' })).status).toBe(422);
  });

  it('keeps every good cell of a pasted month and refuses each bad one with a Chinese message', async () => {
    const rows = entries.map((e) => ({ personId: e.personId, daysWorked: 15, absenceDays: 1, scores: { duty: 36, quality: 27.5, discipline: 9 } }));
    rows[0] = { ...rows[0]!, scores: { duty: 45, quality: 27.5, discipline: 9 } };
    rows[1] = { ...rows[1]!, daysWorked: 17 };
    rows[2] = { ...rows[2]!, absenceDays: -1 };
    const res = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, { rows: [...rows, { personId: 'nobody', daysWorked: 1 }] });
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(entries.length);
    expect(res.body.problems).toEqual([
      { personId: entries[0]!.personId, name: entries[0]!.name, field: 'scores.duty', message: '“岗位职责完成情况”满分 40 分，不能填 45 分。' },
      { personId: entries[1]!.personId, name: entries[1]!.name, field: 'daysWorked', message: '出勤天数 17 超过本月应出勤 16 天。' },
      { personId: entries[2]!.personId, name: entries[2]!.name, field: 'absenceDays', message: '旷工天数不能为负数。' },
      { personId: 'nobody', name: '', field: 'personId', message: '该人员本月不在本表中（不在岗或不属本单位），此行未保存。' },
    ]);
    const first = res.body.sheet.entries.find((e: Entry) => e.personId === entries[0]!.personId);
    expect(first).toMatchObject({ daysWorked: 15, scores: { quality: 27.5, discipline: 9 } }); // the rest of the row is kept
    // the unit may not score the community's indicator where the team holds a share
    const community = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, { rows: [{ personId: entries[3]!.personId, scores: { residents: 18 } }] });
    expect(community.body.problems[0].message).toContain('由村居委会评分');
  });

  it('round-trips the month through an xlsx filled in Excel: good cells saved, bad ones explained', async () => {
    const download = await paichusuo('GET', `/assessment/sheets/${sheetId}/sheet.xlsx`);
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.body as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    expect(headers).toContain('岗位职责完成情况（满分40）');
    expect(headers).not.toContain('村居及群众评价（满分20）'); // the community scores its own share
    const col = (h: string) => headers.indexOf(h);
    const target = entries[5]!;
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(col('系统编号（勿改）')).value === target.personId)!;
    row.getCell(col('病假')).value = 1;
    row.getCell(col('出勤天数')).value = 14;
    row.getCell(col('工作质量与效率（满分30）')).value = '优';
    const { payload, contentType } = multipart({ name: '考勤.xlsx', data: Buffer.from(await workbook.xlsx.writeBuffer()) });
    const res = await paichusuo('POST', `/assessment/sheets/${sheetId}/upload`, payload, { 'content-type': contentType });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([{ personId: target.personId, name: target.name, field: 'scores.quality', message: '“工作质量与效率”应填数字。' }]);
    expect(res.body.sheet.entries.find((e: Entry) => e.personId === target.personId)).toMatchObject({ daysWorked: 14, leave: { sick: 1 }, scores: { duty: 36, quality: 27.5 } });
  });

  it('round-trips the community’s part through its own xlsx: its own workers and its own indicators only (R25)', async () => {
    expect((await paichusuo('GET', `/assessment/sheets/${sheetId}/community-sheet.xlsx`)).status).toBe(403);
    const download = await cun1('GET', `/assessment/sheets/${sheetId}/community-sheet.xlsx`);
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.body as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    expect(headers.filter(Boolean)).toEqual(['姓名', '村居', '村居及群众评价（满分20）', '系统编号（勿改）']);
    const mine = entries.filter((e) => e.communityId === ids.get('示范一村'));
    const rows = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2));
    expect(rows.map((r) => r.getCell(headers.indexOf('系统编号（勿改）')).value).sort()).toEqual(mine.map((e) => e.personId).sort());
    rows[0]!.getCell(headers.indexOf('村居及群众评价（满分20）')).value = 19;
    rows[1]!.getCell(headers.indexOf('村居及群众评价（满分20）')).value = 25;
    const [first, second] = rows.map((r) => mine.find((e) => e.personId === r.getCell(headers.indexOf('系统编号（勿改）')).value)!);
    const { payload, contentType } = multipart({ name: '村居评分.xlsx', data: Buffer.from(await workbook.xlsx.writeBuffer()) });
    const res = await cun1('POST', `/assessment/sheets/${sheetId}/community-upload`, payload, { 'content-type': contentType });
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(1); // the row whose only cell was refused is not counted as saved
    expect(res.body.problems).toEqual([{ personId: second!.personId, name: second!.name, field: 'scores.residents', message: expect.stringContaining('20') }]);
    const after = (id: string) => res.body.sheet.entries.find((e: Entry) => e.personId === id).scores;
    expect(after(first!.personId).residents).toBe(19);
    expect(after(second!.personId).residents).toBeUndefined();
  });

  it('needs the community part before submission; each community scores only its own workers (R25)', async () => {
    const early = await paichusuo('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'submit' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('村居评分完成后再报送');
    const mine = entries.filter((e) => e.communityId === ids.get('示范一村'));
    const other = entries.find((e) => e.communityId !== ids.get('示范一村'))!;
    const res = await cun1('PUT', `/assessment/sheets/${sheetId}/community-entries`, { rows: [...mine.map((e) => ({ personId: e.personId, scores: { residents: 18 } })), { personId: other.personId, scores: { residents: 18 } }] });
    expect(res.body.saved).toBe(mine.length);
    expect(res.body.problems).toEqual([{ personId: other.personId, name: other.name, field: 'personId', message: '该人员不在您所在村居，不能评分。' }]);
    expect((await cun1('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'enter_community' })).body.error.message).toContain('村居评分未填');
    // give the demo grid manager every community of the sheet, then finish the community part
    const security = await t.as('security');
    const user = (await security('GET', '/users?pageSize=100')).body.items.find((u: { username: string }) => u.username === 'cun1');
    for (const communityId of new Set(entries.map((e) => e.communityId).filter((c) => c && c !== ids.get('示范一村')))) {
      expect((await security('POST', `/users/${user.id}/grants`, { role: 'community_manager', scopeKind: 'community', scopeId: communityId })).status).toBe(201);
    }
    await cun1('PUT', `/assessment/sheets/${sheetId}/community-entries`, { rows: entries.map((e) => ({ personId: e.personId, scores: { residents: 18 } })) });
    expect((await cun1('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'enter_community' })).body.state).toBe('community_entered');
  });

  it('submits only a complete sheet, then the supervising department reviews and locks it; edits after lock are refused', async () => {
    const incomplete = await paichusuo('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'submit' });
    expect(incomplete.body.error.message).toContain('未填完');
    const fix = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, {
      rows: [
        { personId: entries[0]!.personId, scores: { duty: 40 } },
        { personId: entries[1]!.personId, daysWorked: 15 },
        { personId: entries[2]!.personId, daysWorked: 15, absenceDays: 1 },
      ],
    });
    expect(fix.body.problems).toEqual([]);
    const row = fix.body.sheet.entries.find((e: Entry) => e.personId === entries[3]!.personId);
    // unit 36+27.5+9 = 72.5 of 80 → 63.4 of 70; community 18 of 20 → 27 of 30; one absent day −5
    expect(row).toMatchObject({ unitTenths: 634, communityTenths: 270, totalTenths: 854, grade: 'pass' });
    expect((await paichusuo('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'submit' })).body.state).toBe('submitted');
    const late = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, { rows: [{ personId: entries[0]!.personId, daysWorked: 14 }] });
    expect(late.status).toBe(422);
    expect((await paichusuo('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'lock' })).status).toBe(403);
    expect((await zongzhiban('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'lock' })).status).toBe(422); // review first
    expect((await zongzhiban('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'review' })).body.state).toBe('reviewed');
    expect((await zongzhiban('POST', `/assessment/sheets/${sheetId}/transition`, { event: 'lock' })).body.state).toBe('locked');
    const summary = (await hr('GET', '/assessment/summary?month=2026-02')).body as { teamName: string; workers: number; scored: number; locked: number; grades: Record<string, number> }[];
    const patrol = summary.find((r) => r.teamName === '社区巡逻')!;
    expect(patrol).toMatchObject({ workers: entries.length, scored: entries.length, locked: 1 });
    expect(Object.values(patrol.grades).reduce((a, b) => a + b, 0)).toBe(entries.length);
    const locked = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, { rows: [{ personId: entries[0]!.personId, daysWorked: 14 }] });
    expect(locked.status).toBe(422);
    expect(locked.body.error.message).toContain('更正');
  });

  it('changes a locked month only by a correction with its reason and approver', async () => {
    const target = entries[3]!;
    const res = await zongzhiban('POST', `/assessment/sheets/${sheetId}/corrections`, { row: { personId: target.personId, absenceDays: 0 }, reason: '旷工系误记，已核实为公假' });
    expect(res.status).toBe(200);
    expect(res.body.entries.find((e: Entry) => e.personId === target.personId).totalTenths).toBe(904);
    const kept = await t.database.db.selectFrom('assessment_corrections').selectAll().where('town_id', '=', t.townId).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ person_id: target.personId, reason: '旷工系误记，已核实为公假', approved_by: '综治办（zongzhiban）' });
    expect(JSON.parse(kept.before_json).total_tenths).toBe(854);
    // The sheet shows it, and who took each step before.
    const shown = (await hr('GET', `/assessment/sheets/${sheetId}`)).body;
    expect(shown.corrections).toEqual([
      { personId: target.personId, name: target.name, totalTenthsBefore: 854, totalTenthsAfter: 904, gradeBefore: 'pass', gradeAfter: 'excellent', reason: '旷工系误记，已核实为公假', approvedBy: '综治办（zongzhiban）', createdAt: expect.any(String) },
    ]);
    expect(shown).toMatchObject({ createdBy: expect.stringContaining('paichusuo'), communityEnteredAt: expect.any(String), reviewedBy: expect.stringContaining('zongzhiban'), reviewedAt: expect.any(String) });
    const bad = await zongzhiban('POST', `/assessment/sheets/${sheetId}/corrections`, { row: { personId: target.personId, scores: { duty: 99 } }, reason: '误' });
    expect(bad.status).toBe(422);
  });

  it('shows the units that have not submitted, overdue after the 10th', async () => {
    const board = (await hr('GET', '/assessment/overdue?month=2026-02')).body as { departmentName: string; teamName: string; overdue: boolean; sheetId: string | null }[];
    expect(board.length).toBeGreaterThan(5);
    expect(board.every((r) => r.overdue && r.sheetId === null)).toBe(true);
    expect(board.some((r) => r.departmentName === '派出所' && r.teamName === '社区巡逻')).toBe(false);
    // the supervising department sees the units that owe its teams' sheets, and no others
    const supervised = (await zongzhiban('GET', '/assessment/overdue?month=2026-02')).body as { teamName: string }[];
    expect(new Set(supervised.map((r) => r.teamName))).toEqual(new Set(['综合协管', '社区保安', '社区巡逻'])); // 社区巡逻's other unit still owes its sheet
    // the administrator reads the calendar it keeps
    const admin = await t.api('GET', '/calendar/2026');
    expect(admin.body).toMatchObject({ year: 2026, source: 'package' });
    expect(admin.body.holidays.map((h: { date: string }) => h.date)).toContain('2026-02-17');
  });

  it('makes the annual result from the locked months; the leadership group may move it one step with a reason; renewal reads it (R8)', async () => {
    const office = await t.as('office');
    expect((await office('POST', '/assessment/annual/compute', { year: 2026 })).body.computed).toBe(entries.length);
    const rows = (await hr('GET', '/assessment/annual?year=2026')).body as { personId: string; meanTenths: number; outcome: string; months: number }[];
    const target = rows.find((r) => r.personId === entries[3]!.personId)!;
    expect(target).toMatchObject({ months: 1, meanTenths: 904, outcome: 'excellent' });
    const noReason = await office('POST', `/assessment/annual/${entries[2]!.personId}/decision`, { year: 2026, step: -1 });
    expect(noReason.status).toBe(422);
    const moved = await office('POST', `/assessment/annual/${entries[2]!.personId}/decision`, { year: 2026, step: -1, reason: '全年多次投诉', districtRating: '良好' });
    expect(moved.body).toMatchObject({ computed: 'pass', outcome: 'basic_pass', pass: false, districtRating: '良好' });
    const agreement = (await hr('GET', `/agreements?personId=${entries[2]!.personId}`)).body.items[0];
    expect(agreement.renewal).toMatchObject({ year: 2026, outcome: 'basic_pass', eligible: false });
  });
});
