import { describe, expect, it } from 'vitest';
import { cellText, excelSerialToDate, longNumberDamage, parseLooseDate } from './excel-values.js';

describe('values as spreadsheets hold them', () => {
  it.each([
    ['2012-10-01', '2012-10-01'],
    ['2012.10.1', '2012-10-01'],
    ['2012/10/1', '2012-10-01'],
    ['2012年10月1日', '2012-10-01'],
    ['２０１２年１０月１日', '2012-10-01'],
    ['20121001', '2012-10-01'],
    [41183, '2012-10-01'],
    ['41183', '2012-10-01'],
    ['2012-02-30', undefined],
    ['十月一日', undefined],
  ])('reads %s as %s', (value, expected) => expect(parseLooseDate(value)).toBe(expected));

  it('knows Excel serial day numbers', () => {
    expect(excelSerialToDate(1)).toBe('1899-12-31');
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
  });

  it('recognises what Excel does to 18-digit numbers', () => {
    expect(longNumberDamage(310101199001011000)).toBe('precision_lost');
    expect(longNumberDamage('3.10101E+17')).toBe('scientific');
    expect(longNumberDamage('310101199001011000')).toBe('precision_lost');
    expect(longNumberDamage('11010519491231002X')).toBeUndefined();
    expect(longNumberDamage(1234)).toBeUndefined();
  });

  it('folds full-width text and spaces from cells, rich text included', () => {
    expect(cellText('  张　三 ')).toBe('张 三');
    expect(cellText({ richText: [{ text: '河道' }, { text: '保洁' }] })).toBe('河道保洁');
    expect(cellText(null)).toBe('');
  });
});
