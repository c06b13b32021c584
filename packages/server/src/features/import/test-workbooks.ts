import ExcelJS from 'exceljs';
import { makeIdNumber } from '@gongyi/domain';
import { COMMUNITIES, DATES, DEPARTMENTS, TEAMS } from '../demo/xiaokunshan.js';
import type { ImportLookups } from './lookups.js';

// Workbooks and hostile files for the import tests, built in code so every quirk is deliberate.

export const ID = {
  zhang: makeIdNumber('310117', '1975-03-08', 11),
  li: makeIdNumber('310117', '1968-11-20', 22),
  qian: makeIdNumber('310117', '1980-01-31', 35),
  zhou: makeIdNumber('310117', '1971-07-07', 41),
  wu: makeIdNumber('310117', '1966-02-14', 53),
  zheng: makeIdNumber('310117', '1972-12-01', 64),
  chen: makeIdNumber('310117', '1979-05-05', 75),
  wang: makeIdNumber('310117', '1969-05-05', 87),
};

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
 * breaks and markers, and rows with each thing Excel and clerks do to values.
 */
export const MESSY_ROWS: Cell[][] = [
  [1, '张三', ID.zhang, '13812345678', '河道保洁', '示范一村', new Date(Date.UTC(2013, 2, 1)), '6222021234567890123', '初中', '否'],
  [2, '李  四', toFullWidth(ID.li), '１３９ １２３４ ５６７８', '河道保洁队', '示范二村', 41640, null, '高中', '是'],
  [3, '王五', Number(ID.wang), '13700000001', '林业养护', null, '2012.11.1', null, null, null],
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

export const messyWorkbook = () => workbookOf(MESSY_HEADER, MESSY_ROWS, '小昆山镇公益性岗位人员花名册');

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

/** Builds a multipart/form-data body for app.inject. */
export function multipart(file: { name: string; data: Buffer }, fields: Record<string, string> = {}): { payload: Buffer; contentType: string } {
  const boundary = `----gongyi${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
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
