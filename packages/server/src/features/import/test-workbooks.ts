import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '@gongyi/domain';
import { COMMUNITIES, DATES, DEPARTMENTS, TEAMS } from '../demo/xiaokunshan.js';
import type { ImportLookups } from './lookups.js';

// Workbooks and hostile files for the import tests, built in code so every quirk is deliberate.

const PEOPLE = { zhang: '1975-03-08', li: '1968-11-20', qian: '1980-01-31', zhou: '1971-07-07', wu: '1966-02-14', zheng: '1972-12-01', chen: '1979-05-05', wang: '1969-05-05' };
export type FixtureIds = Record<keyof typeof PEOPLE, string>;

/**
 * The fixture's ID numbers. Pure tests use the fixed set; database tests pass a fresh region
 * (an ID holds one active post in the whole deployment, and the PostgreSQL test database
 * outlives a run). Demo workers' regions start with 3, so a region starting with 4 never meets them.
 */
export function fixtureIds(region = '310117', sequence = 10): FixtureIds {
  const entries = Object.entries(PEOPLE).map(([who, born], i) => [who, makeIdNumber(region, born, sequence + i)]);
  return Object.fromEntries(entries) as FixtureIds;
}

export const freshRegion = () => `4${String(randomInt(10000, 100000))}`;
export const ID = fixtureIds();

/** The ID with its check character replaced by a wrong one. */
export function withBadCheckDigit(id: string): string {
  const wrong = '0123456789X'.split('').find((c) => c !== id[17])!;
  return id.slice(0, 17) + wrong;
}

const toFullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export type Cell = string | number | Date | null;

export const MESSY_HEADER = ['序号', '*姓　名', '身份证号码', '联系\n电话', '所属队伍', '村（居）', '入职日期：', '银行卡号', '文化程度', '编外'];

/**
 * A roster as a town office keeps it: a merged title row, a header with full-width spaces, line
 * breaks and markers, and rows with each thing Excel and clerks do to values. Row 5's ID was typed
 * as a number (one ending in X cannot be, hence the 0).
 */
export const messyRows = (ID: FixtureIds): Cell[][] => [
  [1, '张三', ID.zhang, '13812345678', '河道保洁', '示范一村', new Date(Date.UTC(2013, 2, 1)), '6222021234567890123', '初中', '否'],
  [2, '李  四', toFullWidth(ID.li), '１３９ １２３４ ５６７８', '河道保洁队', '示范二村', 41640, null, '高中', '是'],
  [3, '王五', Number(ID.wang.replace(/X$/, '0')), '13700000001', '林业养护', null, '2012.11.1', null, null, null],
  [4, '赵六', '3.10117E+17', '13700000002', '社区巡逻', null, '2012年11月1日', null, null, null],
  [],
  [5, '钱七', ID.qian, null, '社区保安', '示范三居委会', '2012/11/1', null, '大专', null],
  [6, '孙八', ID.zhang, '13700000003', '河道保洁', null, '2013-05-01', null, null, null],
  [7, '周九', ID.zhou, null, '环卫队', null, '2013-01-01', null, null, null],
  [8, '吴十', withBadCheckDigit(ID.wu), null, '社保协管', null, '2013-01-01', null, null, null],
  [9, '郑十一', ID.zheng, '12345', '就业援助', null, '2013.13.1', null, '小学毕业', '不知道'],
  [10, '陈十二', ID.chen, null, '综合协管', null, '2012-10-01', null, null, null],
];

export async function workbookOf(header: Cell[], rows: Cell[][], title?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, header.length);
  }
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const messyWorkbook = (ids = ID) => workbookOf(MESSY_HEADER, messyRows(ids), '小昆山镇公益性岗位人员花名册');

/** Rows with nothing wrong: the import creates each of them. */
export const cleanRows = (ID: FixtureIds): Cell[][] => [
  [1, '张三', ID.zhang, '13812345678', '河道保洁', '示范一村', new Date(Date.UTC(2013, 2, 1)), '6222021234567890123', '初中', '否'],
  [2, '李四', ID.li, '13912345678', '河道保洁队', '示范二村', 41640, null, '高中', '是'],
  [3, '钱七', ID.qian, null, '社区保安', '示范三居委会', '2012/11/1', null, '大专', null],
  [4, '周九', ID.zhou, '021-57831234', '林业养护', null, '2012年11月1日', null, null, null],
];
export const cleanWorkbook = (ids: FixtureIds) => workbookOf(MESSY_HEADER, cleanRows(ids), '小昆山镇公益性岗位人员花名册');

let gbCodes: Map<string, Buffer> | undefined;

/** Text as WPS saves a CSV: GB18030 (Node decodes it but has no encoder, so the table is built by decoding). */
export function encodeGb18030(text: string): Buffer {
  if (!gbCodes) {
    gbCodes = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const bytes = Buffer.from([a, b]);
        const c = decoder.decode(bytes);
        if (b !== 0x7f && c.length === 1 && c !== '\uFFFD' && !gbCodes.has(c)) gbCodes.set(c, bytes);
      }
    }
  }
  const table = gbCodes;
  return Buffer.concat(Array.from(text, (c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c) : (table.get(c) ?? Buffer.from('?')))));
}

/** A zip holding the given files uncompressed (stored), with true sizes. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [fileName, content] of Object.entries(files)) {
    const name = Buffer.from(fileName);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip whose one entry declares ~4 GB uncompressed: the central directory alone gives it away. */
export function zipBomb(): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.from([0x03, 0x00]); // an empty deflate stream
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(0xfffffff0, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(0xfffffff0, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** The first bytes of an encrypted .xlsx (or an .xls): a Compound File Binary header. */
export function encryptedWorkbook(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  return header;
}

/** Builds a multipart/form-data body for app.inject, with the file name in UTF-8 as browsers send it. */
export function multipart(file: { name: string; data: Buffer }, fields: Record<string, string> = {}, fileField = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----gongyi${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${fileField}"; filename="${file.name.replace(/"/g, '%22')}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The demo town's organisation (features/demo) as lookups, with readable ids. */
export function demoLookups(): ImportLookups {
  const dated = { validFrom: DATES.existing, validTo: null };
  return {
    departments: DEPARTMENTS.map((d) => ({ id: `dept:${d.name}`, name: d.name, shortName: d.shortName ?? d.name, ...dated })),
    communities: COMMUNITIES.map((c) => ({ id: `community:${c.name}`, name: c.name, ...dated })),
    teams: TEAMS.map((t) => ({
      id: `team:${t.name}`,
      name: t.name,
      validFrom: DATES.integration,
      validTo: null,
      assignments: [{ validFrom: DATES.integration, validTo: null, managingDepartmentIds: t.units.map((u) => `dept:${u.department}`) }],
    })),
  };
}
