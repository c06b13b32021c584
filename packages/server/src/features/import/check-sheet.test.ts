import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { checkSheet, type MappingChoices } from './check-sheet.js';
import { checkUpload } from './file-guard.js';
import { readSheet } from './read-sheet.js';
import { IMPORT_LIMITS } from './refusals.js';
import { makeIdNumber } from '@gongyi/domain';
import { demoLookups, ID, messyWorkbook, withBadCheckDigit, workbookOf, type Cell } from './test-workbooks.js';

// The import's reading of a roster, without a database: the demo town's organisation as lookups.

const NONE: MappingChoices = { saved: {}, requested: {} };

async function check(data: Buffer | Promise<Buffer>, choices = NONE, limits = IMPORT_LIMITS, fileName = '花名册.xlsx') {
  const bytes = await data;
  const sheet = await readSheet(bytes, checkUpload(bytes, fileName, limits), fileName, limits);
  return checkSheet(sheet, choices, demoLookups(), limits);
}

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const problems = (rows: Awaited<ReturnType<typeof check>>['rows']) => rows.map((r) => ({ row: r.row, messages: r.messages.map((m) => `${m.column}｜${m.value}｜${m.message}`) }));

describe('the messy workbook', () => {
  it('finds the header under the merged title and maps the variant headers', async () => {
    const result = await check(messyWorkbook());
    expect(result.sheetName).toBe('花名册');
    expect(result.headerRow.row).toBe(2);
    expect(result.missing).toEqual([]);
    expect(result.columns.map((c) => [c.index, c.header, c.field])).toEqual([
      [1, '序号', null],
      [2, '*姓 名', 'name'],
      [3, '身份证号码', 'idNumber'],
      [4, '联系 电话', 'phone'],
      [5, '所属队伍', 'team'],
      [6, '村(居)', 'community'],
      [7, '入职日期:', 'startDate'],
      [8, '银行卡号', 'bankAccount'],
      [9, '文化程度', 'education'],
      [10, '编外', 'offRoster'],
    ]);
  });

  it('gives the exact result of every row', async () => {
    const { rows } = await check(messyWorkbook());
    expect(rows.map((r) => [r.row, r.name, r.worker ? 'ok' : 'error'])).toEqual([
      [3, '张三', 'ok'],
      [4, '李四', 'ok'],
      [5, '王五', 'error'],
      [6, '赵六', 'error'],
      [8, '钱七', 'ok'],
      [9, '孙八', 'error'],
      [10, '周九', 'error'],
      [11, '吴十', 'error'],
      [12, '郑十一', 'error'],
      [13, '陈十二', 'error'],
    ]);
    const wrongCheck = withBadCheckDigit(ID.wu);
    expect(problems(rows.filter((r) => !r.worker))).toEqual([
      { row: 5, messages: [`身份证号码｜${ID.wang.slice(0, 15)}000｜身份证号被 Excel 当作数字保存，只保留了前 15 位，末尾变成了 000。请将该列设置为文本格式后重新录入。`] },
      { row: 6, messages: ['身份证号码｜3.10117E+17｜身份证号被 Excel 显示为科学计数法（3.10117E+17），后几位已丢失。请将该列设置为文本格式后重新录入。'] },
      { row: 9, messages: [`身份证号码｜${ID.zhang}｜与第 3 行身份证号重复。同一人只能导入一次，请删除其中一行。`] },
      {
        row: 10,
        messages: [
          '所属队伍｜环卫队｜所属队伍“环卫队”在本镇不存在。本镇的服务队有：特种设备协管、劳动监察协管、综合协管、社区保安、市容环境协管、社区巡逻、建筑协管、社保协管、就业援助、社区公益卫生保洁、助残协管、助老协管、林业养护、河道保洁、社区环境保洁。请改为其中之一。',
        ],
      },
      { row: 11, messages: [`身份证号码｜${wrongCheck}｜身份证号校验位不符：按前 17 位计算末位应为 ${ID.wu[17]}，表中为 ${wrongCheck[17]}，号码中有录错的数字。请对照身份证核对后重新录入。`] },
      {
        row: 12,
        messages: [
          '联系 电话｜12345｜联系电话不是有效的号码：应为 11 位手机号，或带区号的固定电话（如 021-57831234）。',
          '入职日期:｜2013.13.1｜入职日期“2013.13.1”无法识别。请写成 2012-10-01 的形式。',
          '文化程度｜小学毕业｜学历“小学毕业”无法识别。可填：小学、初中、高中、中专、大专、本科、研究生。',
          '编外｜不知道｜编外一栏请填写“是”或“否”（表中为“不知道”）。',
        ],
      },
      { row: 13, messages: ['所属队伍｜综合协管｜服务队“综合协管”的有效期为 2012-11-01 至 今，入职日期 2012-10-01 不在其中。请核对入职日期或服务队。'] },
    ]);
  });

  it('normalises full-width digits, padded names and every date form into the domain’s CreateWorker', async () => {
    const { rows } = await check(messyWorkbook());
    const [zhang, li, qian] = rows.filter((r) => r.worker).map((r) => r.worker!);
    expect(zhang).toEqual({
      person: {
        name: '张三',
        idNumber: ID.zhang,
        phone: '13812345678',
        householdRegistration: '',
        address: '',
        bankName: '',
        bankAccount: '6222021234567890123',
        education: 'junior_high',
        disabilityCertificate: '',
        emergencyContactName: '',
        emergencyContactPhone: null,
      },
      post: {
        teamId: 'team:河道保洁',
        managingDepartmentId: 'dept:水务站',
        duty: '',
        communityId: 'community:示范一村',
        specialPost: null,
        fieldOrHazardous: false,
        offRoster: false,
        payScheme: 'standard',
        legacyBaseFen: null,
        legacyBonusFen: null,
        employmentBasis: 'full_time',
        insurance: 'none',
        startDate: '2013-03-01',
        note: '',
      },
    });
    // “李  四”, a full-width ID, “１３９ １２３４ ５６７８”, “河道保洁队”, the serial 41640, 编外 是
    expect(li!.person).toMatchObject({ name: '李四', idNumber: ID.li, phone: '13912345678', education: 'senior_high' });
    expect(li!.post).toMatchObject({ teamId: 'team:河道保洁', communityId: 'community:示范二村', startDate: '2014-01-01', offRoster: true });
    // 2012/11/1; 社区保安 is managed by 派出所 and 交警支队: the first unit is taken (R4)
    expect(qian!.post).toMatchObject({ teamId: 'team:社区保安', managingDepartmentId: 'dept:派出所', startDate: '2012-11-01' });
  });
});

const person = (i: number) => makeIdNumber('310117', '1970-01-01', 100 + i);

describe('dates', () => {
  it('reads 2012.11.1, 2012年11月1日, 2012/11/1, 2012-11-01, serials and Date cells alike', async () => {
    const dates: Cell[] = ['2012.11.1', '2012年11月1日', '2012/11/1', '2012-11-01', 41214, new Date(Date.UTC(2012, 10, 1)), '２０１２．１１．１', '20121101'];
    const rows = dates.map((d, i) => [`人${i}`, person(i), '林业养护', d]);
    const result = await check(workbookOf(['姓名', '身份证号', '服务队', '上岗日期'], rows));
    expect(result.rows.map((r) => r.worker?.post.startDate)).toEqual(dates.map(() => '2012-11-01'));
  });
});

describe('headers and mapping', () => {
  const header = ['姓名', '公民身份号码', '队伍', '参加工作日期', '备注', '服务岗位'];
  const row = ['张三', person(1), '林业养护', '2013-01-01', '老队员', '林带巡查'];

  it('maps synonyms, leaves unknown headers unmapped and lists required columns the sheet lacks', async () => {
    const result = await check(workbookOf(['姓名', '身份证号', '上岗日期'], [['张三', person(1), '2013-01-01']]));
    expect(result.missing).toEqual(['team']);
    expect(problems(result.rows)).toEqual([{ row: 2, messages: ['所属队伍｜｜表中没有“所属队伍”列。请在表头加上这一列，或在列对应关系中指定。'] }]);
    const mapped = await check(workbookOf(header, [row]));
    expect(mapped.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'team', 'startDate', null, null]);
    expect(mapped.rows[0]!.worker!.post.duty).toBe('');
  });

  it('applies a saved mapping by header text, and the request’s mapping by column over both', async () => {
    const saved = { 服务岗位: 'duty' as const, 队伍: null };
    const withSaved = await check(workbookOf(header, [row]), { saved, requested: {} });
    expect(withSaved.columns.map((c) => c.field)).toEqual(['name', 'idNumber', null, 'startDate', null, 'duty']);
    expect(withSaved.missing).toEqual(['team']);
    const corrected = await check(workbookOf(header, [row]), { saved, requested: { 3: 'team', 6: 'duty' } });
    expect(corrected.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'team', 'startDate', null, 'duty']);
    expect(corrected.rows[0]!.worker!.post).toMatchObject({ teamId: 'team:林业养护', duty: '林带巡查' });
    // A column the request takes is not guessed again elsewhere.
    const moved = await check(workbookOf(header, [row]), { saved: {}, requested: { 5: 'name' } });
    expect(moved.columns.map((c) => c.field)).toEqual([null, 'idNumber', 'team', 'startDate', 'name', null]);
  });

  it('a saved mapping also lets an unusual header row be recognised', async () => {
    const odd = ['人员', '证件号', '单位'];
    await expect(check(workbookOf(odd, [['张三', person(1), '林业养护']]))).rejects.toMatchObject({ status: 422 });
    const result = await check(workbookOf(odd, [['张三', person(1), '林业养护']]), { saved: { 人员: 'name', 证件号: 'idNumber' }, requested: {} });
    expect(result.headerRow.row).toBe(1);
  });

  it('refuses a request mapping naming one field twice or a column that does not exist', async () => {
    const refusal = (requested: MappingChoices['requested']) => check(workbookOf(header, [row]), { saved: {}, requested }).catch((e: AppError) => e.text.zh);
    expect(await refusal({ 1: 'name', 5: 'name' })).toBe('第 1 列和第 5 列都对应“姓名”。请只保留其中一列。');
    expect(await refusal({ 9: 'phone' })).toBe('列对应关系中的第 9 列不存在（表格共 6 列）。请刷新后重新选择。');
  });

  it('refuses a sheet with no recognisable header in its first 20 rows', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`第${i}行`, '数据']);
    await expect(check(workbookOf(['月份', '金额'], rows))).rejects.toMatchObject({
      status: 422,
      text: { zh: '在前 20 行中没有找到表头。请确认花名册在第一个工作表，且有一行列名，如“姓名”“身份证号码”“所属队伍”“入职日期”。' },
    });
  });

  it('refuses a header with no rows below it, and more rows than the limit allows', async () => {
    await expect(check(workbookOf(['姓名', '身份证号码'], []))).rejects.toMatchObject({ text: { zh: '表头（第 1 行）下面没有数据。请填写人员后再导入。' } });
    const limits = { ...IMPORT_LIMITS, maxRows: 3 };
    const lines = (n: number) => csv(['花名册', '姓名,身份证号码', ...Array.from({ length: n }, (_, i) => `人${i},${person(i)}`)]);
    expect((await check(lines(3), NONE, limits, 'a.csv')).rows).toHaveLength(3);
    await expect(check(lines(4), NONE, limits, 'a.csv')).rejects.toMatchObject({ status: 422, text: { zh: '文件超过 3 行数据。一次最多导入 3 行，请分批导入。' } });
    await expect(check(lines(400), NONE, limits, 'a.csv')).rejects.toMatchObject({ text: { zh: '文件超过 3 行数据。一次最多导入 3 行，请分批导入。' } });
  });
});

describe('organisation names and the rules the registry applies', () => {
  const header = ['姓名', '身份证号码', '所属队伍', '日常管理单位', '村居', '入职日期', '待遇办法', '原月基本工资', '参保类型', '特殊岗位', '野外作业', '用工方式'];
  const base = (overrides: Partial<Record<string, Cell>>, i = 0): Cell[] => {
    const values: Record<string, Cell> = { 姓名: `人${i}`, 身份证号码: person(i), 所属队伍: '社区巡逻', 入职日期: '2013-01-01', ...overrides };
    return header.map((h) => values[h] ?? null);
  };

  it('finds managing units by name or short name, or from the team (R4), and reads the post flags', async () => {
    const rows = [
      base({ 日常管理单位: '交警支队', 待遇办法: '老办法', 原月基本工资: 1570, 参保类型: '社区综合保险', 特殊岗位: '社区治安', 野外作业: '√', 用工方式: '按服务人数' }, 1),
      base({ 所属队伍: '社保协管', 日常管理单位: '社保所', 村居: ' 示范四村 ', 参保类型: '城保', 用工方式: '完成规定工作量（视同全日制）' }, 2),
      base({}, 3),
    ];
    const result = await check(workbookOf(header, rows));
    expect(result.rows.map((r) => r.messages)).toEqual([[], [], []]);
    const [a, b, c] = result.rows.map((r) => r.worker!.post);
    expect(a).toMatchObject({ managingDepartmentId: 'dept:交警支队', payScheme: 'legacy', legacyBaseFen: 157000, insurance: 'community_comprehensive', specialPost: 'community_security', fieldOrHazardous: true, employmentBasis: 'per_person_served' });
    expect(b).toMatchObject({ managingDepartmentId: 'dept:社会保障事务所', communityId: 'community:示范四村', insurance: 'urban_employee', employmentBasis: 'workload' });
    expect(c).toMatchObject({ managingDepartmentId: 'dept:派出所', payScheme: 'standard', insurance: 'none', specialPost: null, employmentBasis: 'full_time' });
  });

  it('explains ambiguous and unknown names, and R12 pay-scheme mistakes', async () => {
    const rows = [
      base({ 所属队伍: '保洁' }, 1),
      base({ 日常管理单位: '公安局', 村居: '示范九村' }, 2),
      base({ 待遇办法: '老办法' }, 3),
      base({ 原月基本工资: '1,570.5' }, 4),
      base({ 姓名: '', 身份证号码: '' }, 5),
      base({ 用工方式: '临时工' }, 6),
    ];
    expect(problems((await check(workbookOf(header, rows))).rows)).toEqual([
      { row: 2, messages: ['所属队伍｜保洁｜所属队伍“保洁”可能是：社区公益卫生保洁、河道保洁、社区环境保洁。请填写完整名称。'] },
      {
        row: 3,
        messages: [
          '日常管理单位｜公安局｜日常管理单位“公安局”在本镇不存在。请填写部门全称或简称，或留空以使用服务队的日常管理单位。',
          '村居｜示范九村｜村居“示范九村”在本镇不存在。请填写村居全称，如“示范一村”。',
        ],
      },
      { row: 4, messages: ['原月基本工资｜｜待遇办法为老办法时，须填写本人原月基本工资（元）（R12）。'] },
      { row: 5, messages: ['原月基本工资｜1,570.5｜待遇办法为新办法时不填本人原工资；如需保留原待遇，请把待遇办法改为“老办法”（R12）。'] },
      { row: 6, messages: ['姓名｜｜姓名不能为空。', '身份证号码｜｜身份证号码不能为空。'] },
      { row: 7, messages: ['用工方式｜临时工｜用工方式“临时工”无法识别。可填：全日制、完成规定工作量、按服务人数计酬。'] },
    ]);
  });

  it('says which part of an ID number is wrong', async () => {
    const ids = ['31011719700101123', '3101171970010112341', '31011719701301123A', '310117197013011236', '310117187001011233'];
    const rows = ids.map((id, i) => base({ 身份证号码: id }, i));
    const messages = (await check(workbookOf(header, rows))).rows.map((r) => r.messages.map((m) => m.message).join());
    expect(messages).toEqual([
      '身份证号应为 18 位，表中为 17 位。请对照身份证核对后重新录入。',
      '身份证号应为 18 位，表中为 19 位。请对照身份证核对后重新录入。',
      '身份证号只能由数字组成，最后一位可以是 X，表中有其他字符。请对照身份证核对后重新录入。',
      '身份证号第 7–14 位的出生日期（19701301）不是有效日期。请对照身份证核对后重新录入。',
      '身份证号第 7–14 位的出生日期（18700101）不是有效日期。请对照身份证核对后重新录入。',
    ]);
  });
});
