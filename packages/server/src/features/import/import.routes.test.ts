import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widenQuota } from '../../testing/quota.js';
import { auditCount, demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { cleanRows, encryptedWorkbook, fixtureIds, freshRegion, MESSY_HEADER, messyWorkbook, multipart, workbookOf, zipBomb, type FixtureIds } from './test-workbooks.js';

// The import end to end: preview, report, commit in one transaction, re-import, refusals (#4 part 6).

describe('worker import API', () => {
  let t: TestTown;
  let hr: Api;
  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    // Each commit adds people straight onto the roster; give the teams room under the quota (R10).
    await widenQuota(hr, { 河道保洁: 20, 林业养护: 10, 社区保安: 10 });
  });
  afterAll(() => t.close());

  const send = (step: string, data: Buffer, fields: Record<string, string> = {}, name = '花名册.xlsx', as = hr) => {
    const { payload, contentType } = multipart({ name, data }, fields);
    return as('POST', `/workers/import/${step}`, payload, { 'content-type': contentType });
  };
  const ids = () => fixtureIds(freshRegion(), randomInt(100, 900));
  const clean = (id: FixtureIds) => workbookOf(MESSY_HEADER, cleanRows(id), '小昆山镇公益性岗位人员花名册');
  const registered = async (idNumber: string) => (await hr('GET', `/workers?idNumber=${idNumber}`)).body.total as number;

  it('previews the messy workbook row by row, masking personal numbers, and the commit refuses it writing nothing', async () => {
    const id = ids();
    const data = await messyWorkbook(id);
    const preview = await send('preview', data);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ fileName: '花名册.xlsx', sheetName: '花名册', headerRow: 2, missingFields: [] });
    expect(preview.body.counts).toEqual({ total: 10, create: 3, unchanged: 0, differs: 0, error: 7 });
    expect(preview.body.rows.map((r: { row: number; status: string }) => `${r.row}:${r.status}`)).toEqual([
      '3:create', '4:create', '5:error', '6:error', '8:create', '9:error', '10:error', '11:error', '12:error', '13:error',
    ]);
    const duplicate = preview.body.rows.find((r: { row: number }) => r.row === 9);
    expect(duplicate).toEqual({
      row: 9,
      status: 'error',
      name: '孙八',
      messages: [{ column: '身份证号码', value: `${id.zhang.slice(0, 3)}***********${id.zhang.slice(-4)}`, message: '与第 3 行身份证号重复。同一人只能导入一次，请删除其中一行。' }],
    });

    const before = await auditCount(t.database, t.townId);
    const commit = await send('commit', data);
    expect(commit.status).toBe(422);
    expect(commit.body.error.message).toBe('有 7 行存在错误，本次没有导入任何数据。请下载错误报告，按“问题说明”改正后重新导入。');
    expect(await registered(id.zhang)).toBe(0);
    expect(await auditCount(t.database, t.townId)).toBe(before);
  });

  it('commits a clean file in one transaction with one audit record; the same file again creates nothing', async () => {
    const id = ids();
    const data = await clean(id);
    expect((await send('preview', data)).body.counts).toEqual({ total: 4, create: 4, unchanged: 0, differs: 0, error: 0 });
    const before = await auditCount(t.database, t.townId);
    const commit = await send('commit', data);
    expect(commit.status).toBe(200);
    expect(commit.body).toEqual({ fileName: '花名册.xlsx', total: 4, created: 4, unchanged: 0, skipped: 0 });
    expect(await auditCount(t.database, t.townId)).toBe(before + 1);
    for (const who of ['zhang', 'li', 'qian', 'zhou'] as const) expect(await registered(id[who])).toBe(1);
    const zhang = (await hr('GET', `/workers?idNumber=${id.zhang}`)).body.items[0];
    expect(zhang).toMatchObject({ name: '张三', post: { teamName: '河道保洁', managingDepartmentName: '水务站', communityName: '示范一村', startDate: '2013-03-01' } });

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('town_id', '=', t.townId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'worker.import', object_type: 'import', result: 'ok' });
    const after = JSON.parse(audit.after_json!);
    expect(after).toEqual({ fileName: '花名册.xlsx', sheetName: '花名册', total: 4, created: 4, unchanged: 0, skipped: 0, sha256: audit.object_id });
    expect(audit.object_id).toMatch(/^[0-9a-f]{64}$/);

    const again = await send('preview', data);
    expect(again.body.counts).toEqual({ total: 4, create: 0, unchanged: 4, differs: 0, error: 0 });
    expect(again.body.rows[0].messages).toEqual([{ column: '', value: '', message: '系统中已有此人，信息一致，不会重复导入。' }]);
    expect((await send('commit', data)).body).toEqual({ fileName: '花名册.xlsx', total: 4, created: 0, unchanged: 4, skipped: 0 });
    expect(await registered(id.zhang)).toBe(1);
  });

  it('reports rows that differ from the registry and skips them', async () => {
    const id = ids();
    await send('commit', await clean(id));
    const changed = cleanRows(id);
    changed[0]![3] = '13800000000';
    changed[0]![4] = '林业养护';
    const data = await workbookOf(MESSY_HEADER, changed);
    const preview = await send('preview', data);
    expect(preview.body.counts).toEqual({ total: 4, create: 0, unchanged: 3, differs: 1, error: 0 });
    expect(preview.body.rows[0]).toEqual({
      row: 2,
      status: 'differs',
      name: '张三',
      // 日常管理单位 follows the team in the registry, but the sheet has no such column: not named.
      messages: [{ column: '', value: '', message: '系统中已有此人，以下信息与表中不一致：联系电话、所属队伍。本行不导入；如需修改，请到该人员页面办理。' }],
    });
    expect((await send('commit', data)).body).toMatchObject({ created: 0, unchanged: 3, skipped: 1 });
  });

  it('compares an existing person only on the columns the sheet has: a shorter roster finds them unchanged', async () => {
    const id = ids();
    const fuller = [...MESSY_HEADER, '参保类型', '用工方式', '岗位'];
    await send('commit', await workbookOf(fuller, cleanRows(id).map((r) => [...r, '城镇职工社会保险', '完成规定工作量', '巡查'])));
    // The same people from a sheet without those three columns: their defaults are not differences.
    const preview = await send('preview', await clean(id));
    expect(preview.body.counts).toEqual({ total: 4, create: 0, unchanged: 4, differs: 0, error: 0 });
    expect((await send('commit', await clean(id))).body).toMatchObject({ created: 0, unchanged: 4, skipped: 0 });
    // With the column, a different value still differs.
    const other = await send('preview', await workbookOf(fuller, cleanRows(id).map((r) => [...r, '社区综合保险', '完成规定工作量', '巡查'])));
    expect(other.body.counts).toMatchObject({ unchanged: 0, differs: 4 });
    expect(other.body.rows[0].messages[0].message).toContain('以下信息与表中不一致：参保类型。');
  });

  it('names the rows whose ID already holds an active post in another town', async () => {
    const id = ids();
    const first = await send('commit', await clean(id));
    expect(first.body, JSON.stringify(first.body)).toMatchObject({ created: 4 });
    const other = await demoTown();
    try {
      const hr2 = await other.as('hr');
      const data = await clean(id);
      const preview = await send('preview', data, {}, '花名册.xlsx', hr2);
      expect(preview.body.counts).toEqual({ total: 4, create: 0, unchanged: 0, differs: 0, error: 4 });
      expect(preview.body.rows[0].messages).toEqual([
        { column: '身份证号码', value: `${id.zhang.slice(0, 3)}***********${id.zhang.slice(-4)}`, message: '该身份证号已在小昆山镇在岗（一人只能有一个在岗岗位）。请先在原单位办理离岗，或删除这一行。' },
      ]);
      expect((await send('commit', data, {}, '花名册.xlsx', hr2)).body.error.message).toBe('有 4 行存在错误，本次没有导入任何数据。请下载错误报告，按“问题说明”改正后重新导入。');
    } finally {
      await other.close();
    }
  });

  it('downloads the sheet back with 状态 and 问题说明 beside every row, errors in red', async () => {
    const res = await send('report', await messyWorkbook(ids()));
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('小昆山镇公益性岗位人员花名册');
    expect([sheet.getCell('K2').value, sheet.getCell('L2').value]).toEqual(['状态', '问题说明']);
    expect([sheet.getCell('K3').value, sheet.getCell('L3').value]).toEqual(['新增', null]);
    expect(sheet.getCell('K5').value).toBe('错误');
    expect(sheet.getCell('L5').value).toBe('【身份证号码】身份证号被 Excel 当作数字保存，只保留了前 15 位，末尾变成了 000。请将该列设置为文本格式后重新录入。');
    expect(sheet.getCell('L12').value).toContain('【联系 电话】联系电话不是有效的号码');
    expect(sheet.getCell('B5').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('B3').fill).toBeUndefined();
    expect(sheet.getRow(7).cellCount).toBe(0);
  });

  it('applies the mapping sent with the request and the one the town saved', async () => {
    const id = ids();
    const data = await workbookOf(['姓名', '证件号', '单位', '日期'], [['张三', id.zhang, '林业养护', '2013-01-01']]);
    const unmapped = await send('preview', data, { mapping: JSON.stringify({ 2: 'idNumber' }) });
    expect(unmapped.body.missingFields).toEqual(['所属队伍', '入职日期']);
    expect(unmapped.body.counts.error).toBe(1);
    const mapped = await send('preview', data, { mapping: JSON.stringify({ '02': 'idNumber', 3: 'team', 4: 'startDate' }) }, 'C:\\Users\\科员\\人员表.xlsx');
    expect(mapped.body.fileName).toBe('人员表.xlsx');
    expect(mapped.body.columns.map((c: { field: string | null }) => c.field)).toEqual(['name', 'idNumber', 'team', 'startDate']);
    expect(mapped.body.counts.create).toBe(1);

    expect((await hr('GET', '/workers/import/mapping')).body).toEqual({ columns: {} });
    const saved = await hr('PUT', '/workers/import/mapping', { columns: { '证件号 ': 'idNumber', 单位: 'team', '日期：': 'startDate', 序号: null } });
    expect(saved.body).toEqual({ columns: { 证件号: 'idNumber', 单位: 'team', 日期: 'startDate', 序号: null } });
    expect((await hr('GET', '/workers/import/mapping')).body).toEqual(saved.body);
    expect((await send('preview', data)).body.counts.create).toBe(1);
    expect((await hr('PUT', '/workers/import/mapping', { columns: { 单位: 'salary' } })).status).toBe(400);
  });

  it('refuses bad files and bad requests with a clear message, writing nothing', async () => {
    const before = await auditCount(t.database, t.townId);
    const cases: [Promise<{ status: number; body: { error: { message: string } } }>, number, string][] = [
      [send('commit', Buffer.from('姓名,身份证号码\n张三,1\n')), 415, '文件不是有效的 .xlsx 工作簿（可能是其他文件改了扩展名）'],
      [send('commit', encryptedWorkbook()), 415, '文件已加密或为旧版 .xls，请取消密码并另存为 .xlsx'],
      [send('commit', zipBomb()), 413, '文件解压后超过 200 MB'],
      [send('preview', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), {}, 'big.csv'), 413, '文件超过 20 MB，无法导入。'],
      [send('preview', await messyWorkbook(), { mapping: '{2:' }), 400, '列对应关系不是有效的 JSON'],
      [send('preview', await messyWorkbook(), { mapping: '{"2":"salary"}' }), 400, '列对应关系格式不对'],
      [hr('POST', '/workers/import/commit', { file: 'x' }), 415, '请以文件上传的方式（multipart/form-data）提交导入文件。'],
    ];
    for (const [response, status, text] of cases) {
      const res = await response;
      expect(res.status, text).toBe(status);
      expect(res.body.error.message).toContain(text);
    }
    const { payload, contentType } = multipart({ name: 'x.xlsx', data: await messyWorkbook() }, {}, 'attachment');
    const noFile = await hr('POST', '/workers/import/preview', payload, { 'content-type': contentType });
    expect(noFile.body.error.message).toBe('没有收到文件。请选择要导入的 .xlsx 或 .csv 文件后再提交。');
    expect(await auditCount(t.database, t.townId)).toBe(before);
  });

  it('is open only to grants that allow worker.import', async () => {
    const data = await messyWorkbook();
    for (const user of ['leader', 'admin']) expect((await send('preview', data, {}, 'a.xlsx', await t.as(user))).status, user).toBe(403);
    const routes = t.app.routeTable.filter((r) => r.url.includes('/workers/import'));
    expect(routes.map((r) => `${r.method} ${r.access}`).sort()).toEqual([
      'GET worker.import', 'POST worker.import', 'POST worker.import', 'POST worker.import', 'PUT worker.import',
    ]);
  });
});
