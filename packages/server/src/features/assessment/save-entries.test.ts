import type { Entry } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';

// The save path of a monthly sheet (#6, part 7's write path): the answer is built from the rows as
// written, not read back, and a save writes only the rows it names and only what a scorer may
// change. Each save's answer is compared with the sheet read afresh.


describe('saving a sheet’s rows (#6)', () => {
  let t: TestTown;
  let paichusuo: Api, cun1: Api;
  let sheetId = '';
  let entries: Entry[] = [];
  let village = '';

  const stored = () =>
    t.database.db
      .selectFrom('assessment_entries')
      .select(['person_id', 'days_worked_halves', 'absence_halves', 'leave_json', 'scores_json', 'total_tenths', 'grade', 'updated_by', 'updated_at'])
      .where('town_id', '=', t.townId)
      .where('sheet_id', '=', sheetId)
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.person_id, r])));
  const fresh = async () => (await paichusuo('GET', `/assessment/sheets/${sheetId}`)).body;

  beforeAll(async () => {
    t = await demoTown();
    [paichusuo, cun1] = await Promise.all([t.as('paichusuo'), t.as('cun1')]);
    const named = async (path: string, name: string) => ((await t.api('GET', `${path}?pageSize=100`)).body.items as { id: string; name: string }[]).find((x) => x.name === name)!.id;
    village = await named('/communities', '示范一村');
    const res = await paichusuo('POST', '/assessment/sheets', { departmentId: await named('/departments', '派出所'), teamId: await named('/teams', '社区巡逻'), month: '2026-03' });
    expect(res.status).toBe(201);
    sheetId = res.body.id;
    entries = res.body.entries;
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.some((e) => e.communityId === village)).toBe(true);
  });
  afterAll(() => t.close());

  it('answers with the sheet as a fresh read shows it, and writes only the rows named', async () => {
    const [a, b, c] = entries;
    const res = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, {
      rows: [
        { personId: a!.personId, daysWorked: a!.daysDue - 1, leave: { sick: 1 }, scores: { duty: 36, quality: 27.5, discipline: 9 } },
        { personId: b!.personId, daysWorked: b!.daysDue + 1, scores: { duty: 41, quality: 20 } },
        { personId: c!.personId, scores: { duty: 30 } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(3);
    expect(res.body.problems.map((p: { field: string }) => p.field)).toEqual(['scores.duty', 'daysWorked']);
    expect(res.body.sheet).toEqual(await fresh());
    expect(res.body.sheet).toMatchObject({ workers: entries.length, complete: 0 });
    const rows = await stored();
    expect(rows.get(a!.personId)).toMatchObject({ days_worked_halves: (a!.daysDue - 1) * 2, leave_json: '{"sick":1}', scores_json: '{"duty":360,"quality":275,"discipline":90}', updated_by: '派出所（paichusuo）' });
    // b's good cell kept, its bad ones refused; the rest of the sheet untouched
    expect(rows.get(b!.personId)).toMatchObject({ days_worked_halves: null, scores_json: '{"quality":200}' });
    expect(rows.get(c!.personId)!.updated_at).not.toBeNull();
    expect(entries.slice(3).every((e) => rows.get(e.personId)!.updated_at === null)).toBe(true);
  });

  it('takes a row named twice in one paste as the later cells on top of the earlier ones', async () => {
    const e = entries[3]!;
    const res = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, {
      rows: [
        { personId: e.personId, daysWorked: e.daysDue, scores: { duty: 30, quality: 25 } },
        { personId: e.personId, absenceDays: 0, scores: { discipline: 8, duty: 31 } },
      ],
    });
    expect(res.body).toMatchObject({ saved: 1, problems: [] });
    expect(res.body.sheet).toEqual(await fresh());
    expect((await stored()).get(e.personId)).toMatchObject({ days_worked_halves: e.daysDue * 2, scores_json: '{"duty":310,"quality":250,"discipline":80}', total_tenths: null });
  });

  it('fills every row, then the community scores its own workers: totals and grades follow, attendance stays as the unit left it', async () => {
    const unit = await paichusuo('PUT', `/assessment/sheets/${sheetId}/entries`, {
      rows: entries.map((e, k) => ({ personId: e.personId, daysWorked: e.daysDue - 1 - (k % 2), absenceDays: k % 2, scores: { duty: 30 + (k % 10), quality: 25, discipline: 9 } })),
    });
    expect(unit.body).toMatchObject({ saved: entries.length, problems: [] });
    expect(unit.body.sheet).toEqual(await fresh());
    const before = await stored();
    const mine = entries.filter((e) => e.communityId === village);
    const others = entries.filter((e) => e.communityId !== village);
    const res = await cun1('PUT', `/assessment/sheets/${sheetId}/community-entries`, { rows: [...mine.map((e) => ({ personId: e.personId, scores: { residents: 18 } })), { personId: mine[0]!.personId, daysWorked: 1 }] });
    expect(res.body.saved).toBe(mine.length);
    expect(res.body.problems).toEqual([{ personId: mine[0]!.personId, name: mine[0]!.name, field: 'daysWorked', message: '考勤由日常管理单位填写。' }]);
    // the answer is the community's own rows, as the unit reads them (#13 item 10: never other villages' rows)
    expect(res.body.sheet.entries).toEqual((await fresh()).entries.filter((e: { communityId: string | null }) => e.communityId === village));
    const after = await stored();
    for (const e of mine) {
      const was = before.get(e.personId)!;
      const now = after.get(e.personId)!;
      expect(now).toMatchObject({ days_worked_halves: was.days_worked_halves, absence_halves: was.absence_halves, leave_json: was.leave_json, updated_by: '示范一村网格员（cun1）' });
      expect(JSON.parse(now.scores_json)).toMatchObject({ residents: 180 });
      expect(now.total_tenths).not.toBeNull();
      expect(now.grade).not.toBeNull();
    }
    for (const e of others) expect(after.get(e.personId)).toEqual(before.get(e.personId));
    expect(res.body.sheet.complete).toBe(mine.length);
  });
});
