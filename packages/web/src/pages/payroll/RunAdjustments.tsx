import type { RunDetail } from '@gongyi/domain';
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { listAdjustments, type Adjustment } from '../../api/payroll';
import { LoadError } from '../../components/LoadError';
import { monthText } from '../../features/assessment/display';
import { Yuan } from '../../features/payroll/display';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

/** 更正记录: corrections of this run (paid later) and those this run pays; shown only when there are any. */
export function RunAdjustments({ run, stamp }: { run: RunDetail; stamp: number }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const { id: runId, coopId } = run;
  // `stamp` moves when a correction is added here: the list is read again.
  const load = useCallback(
    async (signal: AbortSignal) => (await listAdjustments(town.id, coopId, signal)).filter((a) => a.runId === runId || a.appliedRunId === runId),
    [town.id, coopId, runId, stamp],
  );
  const { data, error, reload } = useApi(load);
  if (!error && !data?.length) return null;

  const columns: TableColumnsType<Adjustment> = [
    { key: 'name', title: t('payroll.col.name'), dataIndex: 'name', width: 100 },
    { key: 'amount', title: t('payroll.slip.amount'), width: 120, align: 'right', render: (_v, a) => <Yuan fen={a.amountFen} /> },
    { key: 'reason', title: t('payroll.amount.reason'), dataIndex: 'reason' },
    { key: 'from', title: t('payroll.adjustments.of'), width: 110, render: (_v, a) => monthText(a.runMonth, lang) },
    { key: 'by', title: t('payroll.adjustments.by'), width: 230, render: (_v, a) => `${a.createdBy} ${timestampText(a.createdAt)}` },
    {
      key: 'state',
      title: t('payroll.col.state'),
      width: 120,
      render: (_v, a) => <Tag color={a.appliedRunId ? 'green' : 'orange'}>{t(a.appliedRunId ? 'payroll.adjustments.applied' : 'payroll.adjustments.waiting')}</Tag>,
    },
  ];
  return (
    <Card size="small" title={t('payroll.adjustments.title')} data-testid="run-adjustments">
      <LoadError error={error} onRetry={reload} />
      <Table<Adjustment> rowKey="id" size="small" columns={columns} dataSource={data ?? []} pagination={false} />
    </Card>
  );
}
