import { Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getTrace, type Trace } from '../../api/ledger';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { localPaging, sourceName } from '../../features/funds/display';
import { runPeriodText, Yuan } from '../../features/payroll/display';
import { WorkerPicker } from '../../features/staffing/WorkerPicker';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

type TraceSlip = Trace['slips'][number];

/** The worker's slips: nothing to load until one is picked. */
function TraceTable({ personId }: { personId: string }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => getTrace(town.id, personId, signal), [town.id, personId]);
  const { data, error, loading, reload } = useApi(load);
  const columns: TableColumnsType<TraceSlip> = [
    { key: 'month', title: t('funds.col.period'), width: 160, render: (_v, s) => runPeriodText({ kind: s.kind === 'annual_bonus' ? 'annual_bonus' : 'monthly', month: s.month }, lang, t) },
    { key: 'net', title: t('payroll.col.net'), align: 'right', width: 140, render: (_v, s) => <Yuan fen={s.netFen} /> },
    { key: 'paid', title: t('funds.col.status'), width: 100, render: (_v, s) => <Tag color={s.paid ? 'green' : 'default'}>{t(s.paid ? 'funds.trace.paid' : 'funds.trace.unpaid')}</Tag> },
    {
      key: 'sources',
      title: t('funds.trace.sources'),
      render: (_v, s) =>
        s.sources.length === 0 ? (
          <Typography.Text type="secondary">{t('funds.trace.noSources')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {s.sources.map((x) => (
              <Tag key={x.sourceCode}>
                {sourceName({ code: x.sourceCode, name: x.sourceName }, lang)} <Yuan fen={x.amountFen} />
              </Tag>
            ))}
          </Flex>
        ),
    },
  ];
  return (
    <>
      <LoadError error={error} onRetry={reload} />
      {data && <Typography.Title level={5}>{t('funds.trace.of', { name: data.name })}</Typography.Title>}
      <Table<TraceSlip>
        rowKey="runId"
        size="small"
        columns={columns}
        dataSource={data?.slips ?? []}
        loading={loading}
        pagination={localPaging(t, 12)}
        locale={{ emptyText: <Empty description={t('funds.trace.empty')} /> }}
        data-testid="trace-table"
      />
    </>
  );
}

/** 经费管理 › 资金追溯: one worker's pay back to the fund sources it was paid from (#8 part 5). */
export function TracePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? undefined;
  // Opened from a worker's page, the box stays empty (it knows names only once searched); the table names the worker.
  const [picked, setPicked] = useState<string>();
  return (
    <>
      <PageHeader title={t('nav.fundsTrace')} subTitle={t('funds.trace.subtitle')} />
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('funds.trace.pick')}</Typography.Text>
          <div style={{ width: 360 }}>
            <WorkerPicker
              value={picked}
              onChange={(id) => {
                setPicked(id);
                setParams({ personId: id }, { replace: true });
              }}
            />
          </div>
        </Flex>
        {personId ? <TraceTable personId={personId} /> : <Empty description={t('funds.trace.none')} />}
      </Card>
    </>
  );
}
