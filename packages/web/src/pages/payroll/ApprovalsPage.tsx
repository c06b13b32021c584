import { SIGNOFF_STEP_LABELS, type Run } from '@gongyi/domain';
import { Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { runsToSign, type RunToSign } from '../../features/payroll/payrollTodos';
import { runColumns } from '../../features/payroll/runColumns';
import { signedFor } from '../../features/payroll/signoffs';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab } from '../../i18n';
import { useCan, useSession } from '../../session/SessionContext';

type Row = Run & { waiting: RunToSign['mine'] };

/** 薪酬发放 › 审批: the runs waiting for a sign-off this user gives (R21), oldest month first. */
export function ApprovalsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const can = useCan();
  const load = useCallback(async (signal: AbortSignal) => runsToSign(session.town.id, can, session.grants, signal), [session.town.id, session.grants, can]);
  const { data, error, loading, reload } = useApi(load);
  const rows: Row[] = (data ?? []).map(({ run, mine }) => ({ ...run, waiting: mine })).sort((a, b) => a.month.localeCompare(b.month));

  const base = runColumns(t, lang, true);
  const columns: TableColumnsType<Row> = [
    ...(base.slice(0, 3) as TableColumnsType<Row>),
    {
      key: 'waiting',
      title: t('payroll.approvals.waiting'),
      width: 220,
      render: (_v, r) =>
        r.waiting.map((m) => (
          <Tag key={`${m.step}-${m.departmentId ?? ''}`} color="orange">
            {vocab(SIGNOFF_STEP_LABELS, m.step, lang)}
            {signedFor(m) ? `：${signedFor(m)}` : ''}
          </Tag>
        )),
    },
    ...(base.slice(3) as TableColumnsType<Row>),
  ];

  return (
    <>
      <PageHeader title={t('nav.payApprovals')} subTitle={t('payroll.approvals.subtitle')} />
      <Card>
        <LoadError error={error} onRetry={reload} />
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 1400 }}
          locale={{ emptyText: <Empty description={t('payroll.approvals.empty')} /> }}
          data-testid="approvals-table"
        />
      </Card>
    </>
  );
}
