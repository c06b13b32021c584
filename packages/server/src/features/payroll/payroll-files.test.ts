import type { PayLine, Slip } from '@gongyi/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../http/xlsx.js';
import { bankFileColumns, bankFileCsv, bankFileRows, registerColumns } from './payroll-files.js';

// The payroll register and the bank file as pure builders (#7 parts 4 and 7): a column per line
// kind summed, the bank file's totals row checked, CSV that Excel and WPS open safely.

const line = (kind: PayLine['kind'], amountFen: number, cash = true): PayLine => ({ kind, amountFen, cash, rule: 'R13', explanation: '' });
const slip: Slip = {
  runId: 'r1',
  month: '2026-09',
  kind: 'monthly',
  personId: 'p1',
  name: '张晓梅',
  teamId: 't1',
  teamName: '社区保安队',
  departmentId: 'd1',
  departmentName: '派出所',
  daysInPost: 21,
  lines: [line('base', 84_000), line('performance', 23_520), line('floor_top_up', 2_380), line('adjustment', 1_000), line('adjustment', -300), line('in_kind', 10_000, false), line('deduction', -25_000)],
  grossFen: 110_600,
  deductionFen: 25_000,
  netFen: 85_600,
  inKindFen: 10_000,
};

describe('payroll register columns', () => {
  const columns = registerColumns();
  const row = Object.fromEntries(columns.map((c) => [c.header, c.value(slip)]));

  it('holds the worker, a column per cash line kind (summed, in yuan), then gross, deduction, net and in-kind', () => {
    expect(columns.slice(0, 4).map((c) => c.header)).toEqual(['姓名', '服务队', '日常管理单位', '在岗天数']);
    expect(columns.slice(-4).map((c) => c.header)).toEqual(['应发合计', '个人社保', '实发金额', '实物（不计现金）']);
    expect(row).toMatchObject({ 姓名: '张晓梅', 服务队: '社区保安队', 日常管理单位: '派出所', 在岗天数: 21 });
    expect(row).toMatchObject({ 基本工资: 840, 绩效奖: 235.2, 保底补足: 23.8, 更正调整: 7, 高温费: 0 });
    expect(row).toMatchObject({ 应发合计: 1106, 个人社保: 250, 实发金额: 856, '实物（不计现金）': 100 });
    expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
  });

  it('writes a workbook the xlsx helper reads back', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook('工资发放表', columns, [slip])) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const net = columns.findIndex((c) => c.header === '实发金额') + 1;
    expect(sheet.getRow(1).getCell(net).value).toBe('实发金额');
    expect(sheet.getRow(2).getCell(net).value).toBe(856);
  });
});

describe('bank file', () => {
  const rows = [
    { name: '张晓梅', bankName: '上海农商银行', account: '6224123412341234123', netFen: 85_600 },
    { name: '李建国', bankName: '中国工商银行', account: '6222000011112222', netFen: 171_601 },
  ];

  it('numbers the rows and ends with a totals row: the count and the sum', () => {
    const built = bankFileRows(rows);
    expect(built).toMatchObject({ totalFen: 257_201, count: 2 });
    expect(built.rows).toEqual([
      { seq: 1, name: '张晓梅', bankName: '上海农商银行', account: '6224123412341234123', amountYuan: 856 },
      { seq: 2, name: '李建国', bankName: '中国工商银行', account: '6222000011112222', amountYuan: 1716.01 },
      { seq: '合计', name: '2 人', bankName: '', account: '', amountYuan: 2572.01 },
    ]);
    expect(bankFileColumns().map((c) => c.header)).toEqual(['序号', '姓名', '开户银行', '银行账号', '金额（元）']);
  });

  it('refuses an amount that is not a positive whole fen rather than send a file that does not add up', () => {
    expect(() => bankFileRows([...rows, { ...rows[0]!, name: '王芳', netFen: -500 }])).toThrow(/王芳/);
    expect(() => bankFileRows([{ ...rows[0]!, netFen: 100.4 }])).toThrow(/whole fen/);
    expect(bankFileRows([])).toMatchObject({ totalFen: 0, count: 0, rows: [{ seq: '合计', name: '0 人' }] });
  });

  it('writes CSV with a BOM, CRLF lines, two decimals, the totals row, and formula-like text escaped', () => {
    const csv = bankFileCsv([...rows, { name: '=HYPERLINK("x")', bankName: '农行,松江支行', account: '6228480000000000001', netFen: 5 }]);
    expect(csv.startsWith('\uFEFF序号,姓名,开户银行,银行账号,金额（元）\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF序号,姓名,开户银行,银行账号,金额（元）',
      '1,张晓梅,上海农商银行,6224123412341234123,856.00',
      '2,李建国,中国工商银行,6222000011112222,1716.01',
      `3,"'=HYPERLINK(""x"")","农行,松江支行",6228480000000000001,0.05`,
      '合计,3 人,,,2572.06',
      '',
    ]);
  });
});
