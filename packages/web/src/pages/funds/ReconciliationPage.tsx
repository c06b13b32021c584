import { RUN_STATE_LABELS, RUN_STATES } from '@gongyi/domain';
import { Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { getReconciliation, type ReconciliationRow } from '../../api/ledger';
import { LoadError } from '../../components/LoadError';
import { localPaging, ReportHeader, useYear } from '../../features/funds/display';
import { runPeriodText, Yuan } from '../../features/payroll/display';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { useTown } from '../../session/SessionContext';

const MONEY = ['runNetFen', 'bankFileFen', 'expensePostedFen', 'paymentPostedFen'] as const;

/** 经费管理 › 对账: each pay run's net total beside its bank file and its ledger postings (#8 part 5). */
export function ReconciliationPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const [year, setYear] = useYear();
  const load = useCallback((signal: AbortSignal) => getReconciliation(town.id, year, signal), [town.id, year]);
  const { data, error, loading, reload } = useApi(load);

  const columns: TableColumnsType<ReconciliationRow> = [
    { key: 'coop', title: t('funds.col.coop'), dataIndex: 'coopName', ellipsis: true },
    { key: 'month', title: t('funds.col.period'), width: 150, render: (_v, r) => runPeriodText({ kind: r.kind === 'annual_bonus' ? 'annual_bonus' : 'monthly', month: r.month }, lang, t) },
    {
      key: 'state',
      title: t('funds.col.status'),
      width: 110,
      render: (_v, r) => {
        const state = oneOf(RUN_STATES, r.state);
        return state ? vocab(RUN_STATE_LABELS, state, lang) : r.state;
      },
    },
    ...MONEY.map((key) => ({ key, title: t(`funds.rec.${key}`), align: 'right' as const, width: 150, render: (_v: unknown, r: ReconciliationRow) => <Yuan fen={r[key]} /> })),
    {
      key: 'matches',
      title: t('funds.rec.matches'),
      width: 90,
      fixed: 'right',
      render: (_v, r) => <Tag color={r.matches ? 'green' : 'red'}>{t(r.matches ? 'funds.rec.match' : 'funds.rec.mismatch')}</Tag>,
    },
  ];

  return (
    <>
      <ReportHeader title={t('nav.fundsReconciliation')} subTitle={t('funds.rec.subtitle')} report="ledger/reconciliation" year={year} onYear={setYear} />
      <Card>
        <LoadError error={error} onRetry={reload} />
        <Table<ReconciliationRow>
          rowKey="runId"
          size="small"
          columns={columns}
          dataSource={data ?? []}
          loading={loading}
          pagination={localPaging(t, 20)}
          scroll={{ x: 1150 }}
          locale={{ emptyText: <Empty description={t('funds.rec.empty')} /> }}
          data-testid="reconciliation-table"
        />
      </Card>
    </>
  );
}
