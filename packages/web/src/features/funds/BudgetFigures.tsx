import { formatYuan, type Budget } from '@gongyi/domain';
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import { useCallback } from 'react';
import { getBudget } from '../../api/ledger';
import { useApi } from '../../hooks/useApi';
import { useI18n, type MessageKey } from '../../i18n';
import { useTown } from '../../session/SessionContext';

export function useBudget(year: number) {
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => getBudget(town.id, year, signal), [town.id, year]);
  return useApi(load);
}

const FIGURES: { key: 'plannedSpendingFen' | 'expectedReceiptsFen' | 'shortfallFen' | 'townPaidFen'; title: MessageKey; help: MessageKey }[] = [
  { key: 'plannedSpendingFen', title: 'funds.budget.planned', help: 'funds.budget.plannedHelp' },
  { key: 'expectedReceiptsFen', title: 'funds.budget.expected', help: 'funds.budget.expectedHelp' },
  { key: 'shortfallFen', title: 'funds.budget.shortfall', help: 'funds.budget.shortfallHelp' },
  { key: 'townPaidFen', title: 'funds.budget.townPaid', help: 'funds.budget.townPaidHelp' },
];

/** The year's four figures of R22: planned spending, expected city and district money, the shortfall the town pays, what it has paid. */
export function BudgetFigures({ budget, loading }: { budget: Budget | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 16 }} loading={loading && !budget} data-testid="budget-figures">
      <Row gutter={16}>
        {FIGURES.map((f) => (
          <Col key={f.key} flex="1 1 200px" data-testid={`budget-${f.key}`}>
            <Statistic
              title={<Tooltip title={t(f.help)}>{t(f.title)}</Tooltip>}
              value={budget ? formatYuan(budget[f.key]) : '—'}
              styles={{ content: f.key === 'shortfallFen' && (budget?.shortfallFen ?? 0) > 0 ? { color: '#d4380d' } : undefined }}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
