import { describe, expect, it } from 'vitest';
import { monthsChartOption } from './monthsChart';

const labels = { month: (m: string) => m, planned: '计划', paid: '实际', plannedToDate: '计划累计', paidToDate: '实际累计', perMonth: '当月', toDate: '累计', yuan: (fen: number) => `¥${(fen / 100).toFixed(2)}` };

describe('monthsChartOption (缺额 by month)', () => {
  const months = [
    { month: '2026-01', plannedFen: 100_000_00, actualFen: 98_765_43 },
    { month: '2026-02', plannedFen: 100_000_00, actualFen: 0 },
  ];

  it('shows each month as bars and the year so far as lines, in yuan', () => {
    const option = monthsChartOption(months, labels);
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02']);
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['计划', 'bar', [100000, 100000]],
      ['实际', 'bar', [98765.43, 0]],
      ['计划累计', 'line', [100000, 200000]],
      ['实际累计', 'line', [98765.43, 98765.43]],
    ]);
    // the sums on their own axis, so a month's bars stay readable
    expect(option.series.map((s) => ('yAxisIndex' in s ? s.yAxisIndex : 0))).toEqual([0, 0, 1, 1]);
  });

  it('writes tooltip amounts back as exact yuan', () => {
    expect(monthsChartOption(months, labels).tooltip.valueFormatter(98765.43)).toBe('¥98765.43');
  });
});
