import { formatYuan, RUN_KIND_LABELS, type RunDetail } from '@gongyi/domain';
import { Card, Col, Flex, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { getRun } from '../../api/payroll';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { RunStateTag, runPeriodText, Yuan } from '../../features/payroll/display';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { RunActions } from './RunActions';
import { RunAdjustments } from './RunAdjustments';
import { RunSignoffs } from './RunSignoffs';
import { RunTools } from './RunTools';
import { SlipTable } from './SlipTable';

type TeamTotal = RunDetail['teams'][number];

function Figures({ run }: { run: RunDetail }) {
  const { t } = useI18n();
  const figures = [
    { key: 'workers', title: t('payroll.col.workers'), value: run.workerCount },
    { key: 'gross', title: t('payroll.col.gross'), value: formatYuan(run.grossFen) },
    { key: 'deduction', title: t('payroll.col.deduction'), value: formatYuan(run.deductionFen) },
    { key: 'net', title: t('payroll.col.net'), value: formatYuan(run.netFen) },
    { key: 'inKind', title: t('payroll.col.inKindTotal'), value: formatYuan(run.inKindFen) },
  ];
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="run-figures">
      <Row gutter={16}>
        {figures.map((f) => (
          <Col key={f.key} flex="1 1 160px" data-testid={`run-figure-${f.key}`}>
            <Statistic title={f.title} value={f.value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function TeamTotals({ run }: { run: RunDetail }) {
  const { t } = useI18n();
  const columns: TableColumnsType<TeamTotal> = [
    { key: 'team', title: t('payroll.col.team'), dataIndex: 'teamName' },
    { key: 'workers', title: t('payroll.col.workers'), dataIndex: 'workerCount', align: 'right', width: 80 },
    { key: 'gross', title: t('payroll.col.gross'), align: 'right', render: (_v, x) => <Yuan fen={x.grossFen} /> },
    { key: 'net', title: t('payroll.col.net'), align: 'right', render: (_v, x) => <Yuan fen={x.netFen} /> },
  ];
  return <Table<TeamTotal> rowKey="teamId" size="small" columns={columns} dataSource={run.teams} pagination={false} data-testid="run-teams" />;
}

/** 薪酬发放 › 发放详情: one coop's month (or year's bonus): totals, the sign-offs, every slip and its lines. */
export function RunPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const { id = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getRun(town.id, id, signal), [town.id, id]);
  const loaded = useApi(load);
  const [run, setRun] = useState<RunDetail>();
  useEffect(() => setRun(loaded.data), [loaded.data]);
  // Corrections of this run are listed below; a new one reloads the list.
  const [adjusted, setAdjusted] = useState(0);

  if (!run) {
    return (
      <>
        <PageHeader title={t('nav.payRun')} />
        <LoadError error={loaded.error} onRetry={loaded.reload} />
        {!loaded.error && <Skeleton active />}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`${run.coopName} · ${runPeriodText(run, lang, t)}`}
        subTitle={
          <Flex gap={8} align="center" wrap>
            <RunStateTag state={run.state} />
            <span>{vocab(RUN_KIND_LABELS, run.kind, lang)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('payroll.run.computed', { at: timestampText(run.computedAt), version: run.version })}
            </Typography.Text>
          </Flex>
        }
        extra={<RunActions run={run} onRun={setRun} onStale={loaded.reload} />}
      />
      <RunSignoffs run={run} />
      <Figures run={run} />
      <Row gutter={16}>
        <Col span={24} xxl={8}>
          <Card size="small" title={t('payroll.run.teams')} style={{ marginBottom: 16 }}>
            <TeamTotals run={run} />
          </Card>
        </Col>
        <Col span={24} xxl={16}>
          <Card size="small" title={t('payroll.run.slips')} style={{ marginBottom: 16 }}>
            <SlipTable run={run} tools={<RunTools run={run} onRun={setRun} onAdjusted={() => setAdjusted((n) => n + 1)} />} />
          </Card>
        </Col>
      </Row>
      <RunAdjustments run={run} stamp={adjusted} />
    </>
  );
}
