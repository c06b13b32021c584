import type { Budget } from '@gongyi/domain';

// The option of 缺额's month chart (#8 part 5: budget against actual by month), apart from React and
// ECharts so it can be tested: planned and paid per month as bars, and both added up over the year
// as lines on a second axis (the year's sums dwarf a month's), in yuan (fen only become yuan for display).

export interface MonthsChartLabels {
  month: (month: string) => string;
  planned: string;
  paid: string;
  plannedToDate: string;
  paidToDate: string;
  /** The two axes' names. */
  perMonth: string;
  toDate: string;
  yuan: (fen: number) => string;
}

const toYuan = (fen: number) => fen / 100;
const tenThousands = (yuan: number) => `${yuan / 10_000}万`;

function runningTotal(values: number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

export function monthsChartOption(months: Budget['months'], labels: MonthsChartLabels) {
  const planned = months.map((m) => m.plannedFen);
  const paid = months.map((m) => m.actualFen);
  const series = [
    { name: labels.planned, type: 'bar' as const, data: planned.map(toYuan), itemStyle: { color: '#bfbfbf' } },
    { name: labels.paid, type: 'bar' as const, data: paid.map(toYuan), itemStyle: { color: '#1677ff' } },
    { name: labels.plannedToDate, type: 'line' as const, yAxisIndex: 1, data: runningTotal(planned).map(toYuan), symbol: 'none', lineStyle: { type: 'dashed' as const, color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' } },
    { name: labels.paidToDate, type: 'line' as const, yAxisIndex: 1, data: runningTotal(paid).map(toYuan), symbol: 'circle', lineStyle: { color: '#fa8c16' }, itemStyle: { color: '#fa8c16' } },
  ];
  return {
    animation: false,
    grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis' as const,
      valueFormatter: (value: unknown) => labels.yuan(Math.round(Number(value) * 100)),
    },
    xAxis: { type: 'category' as const, data: months.map((m) => labels.month(m.month)) },
    yAxis: [
      { type: 'value' as const, name: labels.perMonth, axisLabel: { formatter: tenThousands } },
      { type: 'value' as const, name: labels.toDate, axisLabel: { formatter: tenThousands }, splitLine: { show: false } },
    ],
    series,
  };
}
