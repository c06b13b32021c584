import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { decodeText } from './csv.js';
import { checkUpload } from './file-guard.js';
import { readSheet } from './read-sheet.js';
import { IMPORT_LIMITS } from './refusals.js';
import { encodeGb18030, encryptedWorkbook, messyWorkbook, storedZip, zipBomb } from './test-workbooks.js';
import { readZipDirectory } from './zip-directory.js';

// Bad input (#4): every refusal happens before parsing, with a message that says what to do.

function refusal(run: () => unknown): { status: number; zh: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, zh: err.text.zh };
    throw err;
  }
  throw new Error('expected a refusal');
}

async function read(data: Buffer, fileName: string, limits = IMPORT_LIMITS) {
  return readSheet(data, checkUpload(data, fileName, limits), fileName, limits);
}

describe('checkUpload', () => {
  it('accepts a real workbook, judging by bytes rather than name', async () => {
    const data = await messyWorkbook();
    expect(checkUpload(data, '花名册.xlsx', IMPORT_LIMITS)).toBe('xlsx');
    expect(checkUpload(data, '花名册.csv', IMPORT_LIMITS)).toBe('xlsx');
    const entries = readZipDirectory(data)!;
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(entries.filter((e) => !e.name.endsWith('/')).every((e) => e.uncompressedSize > e.compressedSize)).toBe(true);
  });

  it('refuses a zip bomb from its central directory, before inflating anything', () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(200);
    expect(readZipDirectory(bomb)).toMatchObject([{ name: 'xl/worksheets/sheet1.xml', compressedSize: 2, uncompressedSize: 0xfffffff0 }]);
    expect(refusal(() => checkUpload(bomb, '花名册.xlsx', IMPORT_LIMITS))).toEqual({
      status: 413,
      zh: '文件解压后超过 200 MB，不像是正常的花名册，已拒绝。请检查文件，或拆分后分批导入。',
    });
  });

  it('refuses an encrypted workbook or an old .xls (CFB magic)', () => {
    expect(refusal(() => checkUpload(encryptedWorkbook(), '花名册.xlsx', IMPORT_LIMITS))).toEqual({
      status: 415,
      zh: '文件已加密或为旧版 .xls，请取消密码并另存为 .xlsx 后再导入。',
    });
    expect(refusal(() => checkUpload(encryptedWorkbook(), '花名册.xls', IMPORT_LIMITS)).status).toBe(415);
  });

  it('refuses a text file renamed .xlsx, a zip that is not a workbook, and a damaged zip', () => {
    const renamed = Buffer.from('姓名,身份证号码\n张三,310117197503080119\n');
    expect(refusal(() => checkUpload(renamed, '花名册.xlsx', IMPORT_LIMITS))).toEqual({
      status: 415,
      zh: '文件不是有效的 .xlsx 工作簿（可能是其他文件改了扩展名）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。',
    });
    expect(refusal(() => checkUpload(storedZip({ 'word/document.xml': '<w/>' }), '花名册.xlsx', IMPORT_LIMITS)).zh).toContain('不是有效的 .xlsx 工作簿');
    const truncated = storedZip({ 'xl/worksheets/sheet1.xml': '<x/>' }).subarray(0, 40);
    expect(refusal(() => checkUpload(truncated, '花名册.xlsx', IMPORT_LIMITS)).zh).toBe('文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。');
  });

  it('refuses an empty file, a file over the size limit, a binary .csv and other types', () => {
    expect(refusal(() => checkUpload(Buffer.alloc(0), 'a.xlsx', IMPORT_LIMITS)).zh).toBe('文件是空的（0 字节）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。');
    const oneMb = { ...IMPORT_LIMITS, maxBytes: 1024 * 1024 };
    expect(checkUpload(Buffer.alloc(oneMb.maxBytes, 0x41), 'a.csv', oneMb)).toBe('csv');
    expect(refusal(() => checkUpload(Buffer.alloc(oneMb.maxBytes + 1, 0x41), 'a.csv', oneMb))).toEqual({
      status: 413,
      zh: '文件超过 1 MB，无法导入。请删除无关的工作表和图片，或拆分为多个文件分批导入。',
    });
    expect(refusal(() => checkUpload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'a.csv', IMPORT_LIMITS)).zh).toContain('不是文本格式的 .csv');
    expect(refusal(() => checkUpload(Buffer.from('%PDF-1.7'), 'a.pdf', IMPORT_LIMITS)).zh).toBe('只能导入 .xlsx 或 .csv 文件。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。');
  });
});

describe('readSheet', () => {
  it('reads the first sheet, skipping blank rows but keeping sheet row numbers', async () => {
    const sheet = await read(await messyWorkbook(), '花名册.xlsx');
    expect(sheet.name).toBe('花名册');
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13]);
    expect(sheet.rows[0]!.cells).toEqual(['小昆山镇公益性岗位人员花名册']);
    expect(sheet.rows[2]!.cells[6]).toEqual(new Date('2013-03-01T00:00:00Z'));
    expect(sheet.rows[3]!.cells[6]).toBe(41640);
  });

  it('reads CSV in GB18030 (as WPS saves it), UTF-8 with a BOM, and Excel’s UTF-16 tab-separated text', async () => {
    const text = '姓名,身份证号码,所属队伍\r\n"王,芳",310117197503080119,河道保洁\r\n';
    const gb = encodeGb18030(text);
    expect(gb.includes(Buffer.from('姓名'))).toBe(false);
    for (const [data, name] of [
      [gb, 'gb.csv'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'bom.csv'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t').replace('"王\t芳"', '"王,芳"'), 'utf16le')]), 'unicode.txt'],
    ] as const) {
      const sheet = await read(data, name);
      expect(sheet.rows, name).toEqual([
        { row: 1, cells: ['姓名', '身份证号码', '所属队伍'] },
        { row: 2, cells: ['王,芳', '310117197503080119', '河道保洁'] },
      ]);
    }
    expect(decodeText(encodeGb18030('村（居）'))).toBe('村（居）');
  });

  it('keeps quoted line breaks and doubled quotes inside one CSV field', async () => {
    const sheet = await read(Buffer.from('姓名,住址\n张三,"松江区""小昆山""\n1 号"\n\n李四,\n'), 'a.csv');
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['姓名', '住址'] },
      { row: 2, cells: ['张三', '松江区"小昆山"\n1 号'] },
      { row: 4, cells: ['李四', ''] },
    ]);
  });

  it('reads the same workbook many times at once (exceljs writes workbook.xml last; its stream reader lost it under load)', async () => {
    const data = await messyWorkbook();
    for (let round = 0; round < 100; round++) {
      const sheets = await Promise.all(Array.from({ length: 8 }, () => read(data, '花名册.xlsx')));
      expect(new Set(sheets.map((s) => `${s.name}:${s.rows.length}`))).toEqual(new Set(['花名册:12']));
    }
  });

  it('keeps Chinese text whole where the inflated sheet is cut into chunks mid-character', async () => {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = writer.addWorksheet('人员');
    const names = Array.from({ length: 3000 }, (_, i) => `${'欧阳诸葛司马'.slice(i % 5, (i % 5) + 2)}${i}号`);
    for (const name of names) sheet.addRow([name, '小昆山镇社区公共服务社']).commit();
    await writer.commit();
    const read_ = await read(Buffer.concat(parts), 'a.xlsx');
    expect(read_.rows.map((r) => r.cells[0])).toEqual(names);
    expect(read_.rows.every((r) => r.cells[1] === '小昆山镇社区公共服务社')).toBe(true);
  });

  it('refuses as damaged a sheet that inflates past the size its zip directory declared', async () => {
    const data = await messyWorkbook();
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const central = data.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), data.lastIndexOf(name) - 46);
    expect(data.toString('utf8', central + 46, central + 46 + name.length)).toBe(name.toString());
    data.writeUInt32LE(100, central + 24); // declares 100 bytes; the sheet inflates to several KB
    await expect(read(data, '花名册.xlsx')).rejects.toMatchObject({ status: 415, text: { zh: expect.stringContaining('文件已损坏') } });
  });

  it('refuses an empty first sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    workbook.addWorksheet('人员').addRow(['姓名', '身份证号码']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(read(data, 'a.xlsx')).rejects.toMatchObject({ status: 422, text: { zh: '第一个工作表“Sheet1”是空的。请把花名册放在第一个工作表后再导入。' } });
    await expect(read(Buffer.from('\r\n,,\r\n'), 'a.csv')).rejects.toMatchObject({ status: 422 });
  });

  it('stops reading once the sheet is certainly over the row limit', async () => {
    const limits = { ...IMPORT_LIMITS, maxRows: 5, headerScanRows: 3 };
    const lines = ['姓名,身份证号码', ...Array.from({ length: 50 }, (_, i) => `人${i},1`)];
    const sheet = await read(Buffer.from(lines.join('\n')), 'a.csv', limits);
    expect(sheet.overLimit).toBe(true);
    expect(sheet.rows).toHaveLength(9);
  });
});
