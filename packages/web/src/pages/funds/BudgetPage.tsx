import type { Budget } from '@gongyi/domain';
import { Card, Col, Row, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { LoadError } from '../../components/LoadError';
import { Applications } from '../../features/funds/Applications';
import { BudgetFigures, useBudget } from '../../features/funds/BudgetFigures';
import { appKindText, localPaging, ReportHeader, useYear } from '../../features/funds/display';
import { ExpectedReceipts } from '../../features/funds/ExpectedReceipts';
import { Yuan } from '../../features/payroll/display';
import { useI18n, type Translate } from '../../i18n';

type Personnel = Budget['personnel'][number];
type Special = Budget['special'][number];

/** Planned beside actual, the two money columns every budget table ends with. */
function plannedActual<T extends { plannedFen: number; actualFen: number }>(t: Translate): TableColumnsType<T> {
  return [
    { key: 'planned', title: t('funds.col.planned'), align: 'right', width: 150, render: (_v, r) => <Yuan fen={r.plannedFen} /> },
    { key: 'actual', title: t('funds.col.actual'), align: 'right', width: 150, render: (_v, r) => <Yuan fen={r.actualFen} /> },
  ];
}

/** 经费管理 › 预算: the year's expected receipts, planned personnel and special spending, and the applications (#8 part 4, R18, R22). */
export function BudgetPage() {
  const { t } = useI18n();
  const [year, setYear] = useYear();
  const loaded = useBudget(year);
  // A saved expected receipt answers with the new budget: shown at once, no second request.
  const [budget, setBudget] = useState<Budget>();
  useEffect(() => setBudget(loaded.data), [loaded.data]);

  const personnel: TableColumnsType<Personnel> = [
    { key: 'team', title: t('funds.col.team'), dataIndex: 'teamName' },
    { key: 'headcount', title: t('funds.col.headcount'), dataIndex: 'headcount', align: 'right', width: 90 },
    ...plannedActual<Personnel>(t),
  ];
  const special: TableColumnsType<Special> = [
    { key: 'kind', title: t('funds.app.kind'), width: 90, render: (_v, s) => appKindText(s.kind, t) },
    { key: 'what', title: t('funds.app.description'), ellipsis: { showTitle: true }, render: (_v, s) => <span title={s.coopName}>{s.description}</span> },
    ...plannedActual<Special>(t),
  ];

  return (
    <>
      <ReportHeader title={t('nav.fundsBudget')} subTitle={t('funds.budget.subtitle')} report="budget/budget" year={year} onYear={setYear} />
      <LoadError error={loaded.error} onRetry={loaded.reload} />
      <BudgetFigures budget={budget} loading={loaded.loading} />
      <Row gutter={16}>
        <Col span={24} xl={12}>
          <Card size="small" title={t('funds.expected.list')} style={{ marginBottom: 16 }}>
            <ExpectedReceipts budget={budget} onSaved={setBudget} />
          </Card>
          <Card size="small" title={t('funds.budget.special')} style={{ marginBottom: 16 }}>
            <Table<Special> rowKey="applicationId" size="small" columns={special} dataSource={budget?.special ?? []} pagination={localPaging(t, 5)} locale={{ emptyText: t('funds.budget.noSpecial') }} data-testid="special-table" />
          </Card>
        </Col>
        <Col span={24} xl={12}>
          <Card size="small" title={t('funds.budget.personnel')} style={{ marginBottom: 16 }}>
            <Table<Personnel> rowKey="teamId" size="small" columns={personnel} dataSource={budget?.personnel ?? []} pagination={localPaging(t)} data-testid="personnel-table" />
          </Card>
        </Col>
      </Row>
      <Applications year={year} onChanged={loaded.reload} />
    </>
  );
}
