import { formatYuan, TOWN_SUBSIDY, type Budget } from '@gongyi/domain';
import { Alert, Card, Col, Progress, Row, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense } from 'react';
import { LoadError } from '../../components/LoadError';
import { monthText } from '../../features/assessment/display';
import { BudgetFigures, useBudget } from '../../features/funds/BudgetFigures';
import { localPaging, ReportHeader, rowTestId, sourceName, useYear } from '../../features/funds/display';
import { Yuan } from '../../features/payroll/display';
import { useI18n } from '../../i18n';

// ECharts (~1 MB) loads with this page only.
const MonthsChart = lazy(() => import('../../features/funds/MonthsChart'));

type Receipt = Budget['receipts'][number];
type Month = Budget['months'][number];

/** How far the town subsidy has paid the year's shortfall. */
function TownShare({ budget }: { budget: Budget }) {
  const { t } = useI18n();
  if (budget.shortfallFen === 0) return <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('funds.shortfall.none')} data-testid="shortfall-none" />;
  const percent = Math.min(100, Math.round((budget.townPaidFen / budget.shortfallFen) * 100));
  return (
    <Card size="small" title={t('funds.shortfall.progress')} style={{ marginBottom: 16 }}>
      <Progress percent={percent} status={budget.townPaidFen > budget.shortfallFen ? 'exception' : 'active'} />
      <Typography.Text type="secondary">{t('funds.shortfall.progressText', { paid: formatYuan(budget.townPaidFen), shortfall: formatYuan(budget.shortfallFen) })}</Typography.Text>
    </Card>
  );
}

/** 经费管理 › 缺额: 缺额镇级给付 = planned spending − expected city and district money, against what the town has paid (R22). */
export function ShortfallPage() {
  const { t, lang } = useI18n();
  const [year, setYear] = useYear();
  const { data: budget, error, loading, reload } = useBudget(year);

  const receipts: TableColumnsType<Receipt> = [
    { key: 'source', title: t('funds.col.source'), render: (_v, r) => sourceName({ code: r.sourceCode, name: r.sourceName }, lang) },
    { key: 'expected', title: t('funds.expected.amount'), align: 'right', width: 160, render: (_v, r) => (r.sourceCode === TOWN_SUBSIDY ? '—' : <Yuan fen={r.expectedFen} />) },
    { key: 'actual', title: t('funds.expected.actual'), align: 'right', width: 160, render: (_v, r) => <Yuan fen={r.actualFen} /> },
  ];
  const months: TableColumnsType<Month> = [
    { key: 'month', title: t('funds.col.period'), render: (_v, m) => monthText(m.month, lang) },
    { key: 'planned', title: t('funds.shortfall.monthPlanned'), align: 'right', width: 160, render: (_v, m) => <Yuan fen={m.plannedFen} /> },
    { key: 'actual', title: t('funds.shortfall.monthPaid'), align: 'right', width: 160, render: (_v, m) => <Yuan fen={m.actualFen} /> },
  ];

  return (
    <>
      <ReportHeader title={t('nav.fundsShortfall')} subTitle={t('funds.shortfall.subtitle')} report="budget/budget" year={year} onYear={setYear} />
      <LoadError error={error} onRetry={reload} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funds.shortfall.formula')} />
      <BudgetFigures budget={budget} loading={loading} />
      {budget && <TownShare budget={budget} />}
      {budget && budget.months.length > 0 && (
        <Card size="small" title={t('funds.shortfall.months')} style={{ marginBottom: 16 }}>
          <Suspense fallback={<Skeleton active />}>
            <MonthsChart months={budget.months} />
          </Suspense>
        </Card>
      )}
      <Row gutter={16}>
        <Col span={24} xl={12}>
          <Card size="small" title={t('funds.shortfall.receipts')} style={{ marginBottom: 16 }}>
            <Table<Receipt> rowKey="sourceCode" size="small" columns={receipts} dataSource={budget?.receipts ?? []} loading={loading} pagination={false} onRow={rowTestId((r) => `shortfall-${r.sourceCode}`)} />
          </Card>
        </Col>
        <Col span={24} xl={12}>
          <Card size="small" title={t('funds.shortfall.months')} style={{ marginBottom: 16 }}>
            <Table<Month> rowKey="month" size="small" columns={months} dataSource={budget?.months ?? []} loading={loading} pagination={localPaging(t, 6)} data-testid="months-table" />
          </Card>
        </Col>
      </Row>
    </>
  );
}
