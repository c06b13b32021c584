import type { Budget } from '@gongyi/domain';
import { formatYuan } from '@gongyi/domain';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The core entry: only the charts registered here are bundled (STACK.md: not `lib/core`, which breaks React 19).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { monthText } from '../assessment/display';
import { useI18n } from '../../i18n';
import { monthsChartOption } from './monthsChart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 缺额 › personnel by month: planned and paid, each month and added up (loaded with its page only). */
export default function MonthsChart({ months }: { months: Budget['months'] }) {
  const { t, lang } = useI18n();
  const option = monthsChartOption(months, {
    month: (m) => monthText(m, lang),
    planned: t('funds.shortfall.monthPlanned'),
    paid: t('funds.shortfall.monthPaid'),
    plannedToDate: t('funds.shortfall.plannedToDate'),
    paidToDate: t('funds.shortfall.paidToDate'),
    perMonth: t('funds.shortfall.axisMonth'),
    toDate: t('funds.shortfall.axisToDate'),
    yuan: formatYuan,
  });
  return (
    <div data-testid="months-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300 }} />
    </div>
  );
}
