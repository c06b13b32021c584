import { describe, expect, it } from 'vitest';
import {
  assignField,
  changedColumns,
  columnLetter,
  columnMapping,
  mergeSavedMapping,
  missingFields,
  problemLines,
  type MappedColumn,
} from './importMapping';

const DETECTED: MappedColumn[] = [
  { index: 1, header: '序号', field: null },
  { index: 2, header: '姓名', field: 'name' },
  { index: 3, header: '身份证号码', field: 'idNumber' },
  { index: 4, header: '队伍名称', field: null },
  { index: 5, header: '入职日期', field: 'startDate' },
];

describe('import column mapping', () => {
  it('gives a column a field and takes it from the column that held it', () => {
    const teamOn4 = assignField(DETECTED, 4, 'team');
    expect(teamOn4.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'team', 'startDate']);
    const nameOn1 = assignField(teamOn4, 1, 'name');
    expect(nameOn1.map((c) => c.field)).toEqual(['name', null, 'idNumber', 'team', 'startDate']);
    expect(assignField(nameOn1, 3, null).map((c) => c.field)).toEqual(['name', null, null, 'team', 'startDate']);
    expect(DETECTED[3]!.field).toBeNull(); // the input is left as it was
  });

  it('sends every column, ignored ones as null, by column number', () => {
    expect(columnMapping(assignField(DETECTED, 4, 'team'))).toEqual({ '1': null, '2': 'name', '3': 'idNumber', '4': 'team', '5': 'startDate' });
  });

  it('names the required fields no column holds', () => {
    expect(missingFields(DETECTED)).toEqual(['team']);
    expect(missingFields(assignField(DETECTED, 4, 'team'))).toEqual([]);
    expect(missingFields(assignField(DETECTED, 2, null))).toEqual(['name', 'team']);
  });

  it("lists the columns the user changed from the server's detection", () => {
    expect(changedColumns(DETECTED, DETECTED)).toEqual([]);
    expect(changedColumns(DETECTED, assignField(DETECTED, 4, 'name'))).toEqual([2, 4]);
  });

  it("adds this sheet's headers to the town's saved mapping, the sheet winning", () => {
    const saved = { 服务岗位: 'duty' as const, 队伍名称: null, 备注: null };
    const merged = mergeSavedMapping(saved, assignField(DETECTED, 4, 'team'));
    expect(merged.columns).toEqual({
      服务岗位: 'duty',
      备注: null,
      序号: null,
      姓名: 'name',
      身份证号码: 'idNumber',
      队伍名称: 'team',
      入职日期: 'startDate',
    });
  });

  it('skips columns without a header text', () => {
    expect(mergeSavedMapping({}, [{ index: 1, header: ' ', field: null }]).columns).toEqual({});
  });
});

describe('column letters', () => {
  it('names columns as Excel does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('problem lines', () => {
  it('lists a line per message of the rows that will not be imported, in row order', () => {
    const lines = problemLines([
      { row: 3, status: 'create', name: '张三', messages: [] },
      { row: 4, status: 'error', name: '李四', messages: [
        { column: '身份证号码', value: '310***********000', message: '身份证号被 Excel 当作数字保存' },
        { column: '入职日期', value: '2012.13.1', message: '入职日期无法识别' },
      ] },
      { row: 5, status: 'unchanged', name: '王五', messages: [{ column: '', value: '', message: '信息一致' }] },
      { row: 6, status: 'differs', name: '赵六', messages: [{ column: '', value: '', message: '以下信息不一致：联系电话' }] },
    ]);
    expect(lines.map((l) => `${l.row}:${l.status}:${l.column}`)).toEqual(['4:error:身份证号码', '4:error:入职日期', '6:differs:']);
    expect(new Set(lines.map((l) => l.key)).size).toBe(3);
  });
});
