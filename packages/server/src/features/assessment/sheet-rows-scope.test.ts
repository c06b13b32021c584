import ExcelJS from 'exceljs';
import type { Entry, SheetSummary } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../http/context.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { addDemoUser } from '../demo/demo-users.js';
import { SYSTEM } from '../policy.js';

// #13 item 10: a grid manager (community grant) sees a sheet because one of its workers is on it,
// and reads only its own community's rows of it — in the JSON, in both xlsx exports, in the answer to
// its own save, and in the month's summary. Other grants read whole sheets as before.

describe('a community grant reads only its own rows of a sheet', () => {
  let t: TestTown;
  let cun1: Api, paichusuo: Api;
  let village = '';
  let sheet: { id: string; entries: Entry[] };

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    [cun1, paichusuo] = await Promise.all([t.as('cun1'), t.as('paichusuo')]);
    village = (await t.api('GET', '/communities?pageSize=50')).body.items.find((c: { name: string }) => c.name === '示范一村').id;
    // A locked February sheet of the demo's with workers of 示范一村 and of other villages.
    const sheets = (await paichusuo('GET', '/assessment/sheets?month=2026-02')).body as SheetSummary[];
    for (const s of sheets) {
      const full = (await paichusuo('GET', `/assessment/sheets/${s.id}`)).body as { id: string; entries: Entry[] };
      if (full.entries.some((e) => e.communityId === village) && full.entries.some((e) => e.communityId !== village)) sheet = full;
    }
    expect(sheet).toBeDefined();
  });
  afterAll(() => t.close());

  const ownRows = () => sheet.entries.filter((e) => e.communityId === village);

  it('answers the sheet with the village’s rows only, counted as such', async () => {
    const res = await cun1('GET', `/assessment/sheets/${sheet.id}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: Entry) => e.personId).sort()).toEqual(ownRows().map((e) => e.personId).sort());
    expect(res.body.workers).toBe(ownRows().length);
    const others = sheet.entries.filter((e) => e.communityId !== village);
    expect(JSON.stringify(res.body)).not.toContain(others[0]!.name);
    // The list of sheets counts the same rows.
    const listed = ((await cun1('GET', '/assessment/sheets?month=2026-02')).body as SheetSummary[]).find((s) => s.id === sheet.id)!;
    expect(listed).toMatchObject({ workers: ownRows().length, complete: ownRows().length });
    const whole = ((await paichusuo('GET', '/assessment/sheets?month=2026-02')).body as SheetSummary[]).find((s) => s.id === sheet.id)!;
    expect(whole.workers).toBe(sheet.entries.length);
  });

  for (const file of ['sheet.xlsx', 'community-sheet.xlsx']) {
    it(`exports ${file} with the village’s rows only`, async () => {
      const download = await cun1('GET', `/assessment/sheets/${sheet.id}/${file}`);
      if (download.status === 422) return; // a team whose communities hold no share has no community part
      expect(download.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(download.body as ArrayBuffer);
      const rows = workbook.worksheets[0]!.getSheetValues().filter((r) => Array.isArray(r) && r.length > 0).length - 1;
      expect(rows).toBe(ownRows().length);
      const names = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
      for (const other of sheet.entries.filter((e) => e.communityId !== village)) expect(names).not.toContain(other.personId);
    });
  }

  it('counts only the village’s rows in the month’s summary', async () => {
    const hr = await t.as('hr');
    const teamId = (sheet as unknown as SheetSummary).teamId;
    const team = (rows: { teamId: string; workers: number }[]) => rows.find((r) => r.teamId === teamId)!;
    // The team's month over every unit's sheet, as the town sees it, and the village's part of it.
    let villageRows = 0;
    for (const s of ((await hr('GET', `/assessment/sheets?month=2026-02&teamId=${teamId}`)).body as SheetSummary[])) {
      villageRows += ((await hr('GET', `/assessment/sheets/${s.id}`)).body.entries as Entry[]).filter((e) => e.communityId === village).length;
    }
    const mine = team((await cun1('GET', '/assessment/summary?month=2026-02')).body);
    const whole = team((await hr('GET', '/assessment/summary?month=2026-02')).body);
    expect(mine.workers).toBe(villageRows);
    expect(whole.workers).toBeGreaterThan(villageRows);
  });

  it('still shows the whole sheet to a grant that sees it as a whole, even beside a community grant', async () => {
    const full = await paichusuo('GET', `/assessment/sheets/${sheet.id}`);
    expect(full.body.entries).toHaveLength(sheet.entries.length);
    const departmentId = (sheet as unknown as SheetSummary).departmentId;
    await inTransaction(t.database, t.runtime, { actor: SYSTEM, requestId: 'test', ip: '' }, (ctx) =>
      addDemoUser(ctx, t.townId, 'both', [
        { role: 'community_manager', scopeKind: 'community', scopeId: village },
        { role: 'daily_manager', scopeKind: 'department', scopeId: departmentId },
      ]),
    );
    const both = await t.as('both');
    expect((await both('GET', `/assessment/sheets/${sheet.id}`)).body.entries).toHaveLength(sheet.entries.length);
  });
});
