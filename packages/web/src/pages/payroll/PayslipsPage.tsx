import { FilePdfOutlined } from '@ant-design/icons';
import { RUN_KIND_LABELS, type Slip } from '@gongyi/domain';
import { Button, Card, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { downloadMySlip, listMySlips } from '../../api/payroll';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { runPeriodText, SlipLines, slipMoneyColumns } from '../../features/payroll/display';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';

/** A worker's own payslips of approved runs, newest first, each with its lines and a PDF. */
function MySlips() {
  const { t, lang } = useI18n();
  const town = useTown();
  const reportError = useReportError();
  const load = useCallback((signal: AbortSignal) => listMySlips(town.id, signal), [town.id]);
  const { data, error, loading, reload } = useApi(load);
  const columns: TableColumnsType<Slip> = [
    { key: 'month', title: t('payroll.col.month'), width: 130, render: (_v, s) => runPeriodText(s, lang, t) },
    { key: 'kind', title: t('payroll.col.kind'), width: 110, render: (_v, s) => vocab(RUN_KIND_LABELS, s.kind, lang) },
    { key: 'team', title: t('payroll.col.team'), dataIndex: 'teamName', width: 130 },
    ...slipMoneyColumns<Slip>(t),
    {
      key: 'pdf',
      title: t('common.actions'),
      width: 110,
      render: (_v, s) => (
        <Button size="small" type="link" icon={<FilePdfOutlined />} onClick={() => void downloadMySlip(town.id, s.runId).catch(reportError)} data-testid="my-slip-pdf">
          {t('payroll.slip.pdf')}
        </Button>
      ),
    },
  ];
  return (
    <Card>
      <LoadError error={error} onRetry={reload} />
      <Table<Slip>
        rowKey="runId"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        expandable={{ expandedRowRender: (s) => <SlipLines slip={s} /> }}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('payroll.payslips.mineEmpty')} /> }}
        data-testid="my-slips-table"
      />
    </Card>
  );
}

/** For those who run or sign pay: payslips are printed from a run's page. */
function WhereSlipsAre() {
  const { t } = useI18n();
  return (
    <Card data-testid="payslips-where">
      <Typography.Paragraph>{t('payroll.payslips.where')}</Typography.Paragraph>
      <Flex gap={12}>
        <Link to="/payroll/monthly">{t('nav.payMonthly')}</Link>
        <Link to="/payroll/annual">{t('nav.payAnnual')}</Link>
      </Flex>
    </Card>
  );
}

/** 薪酬发放 › 工资条. */
export function PayslipsPage() {
  const { t } = useI18n();
  const can = useCan();
  const self = can('payroll.self');
  return (
    <>
      <PageHeader title={t('nav.payslips')} subTitle={t(self ? 'payroll.payslips.mineSubtitle' : 'payroll.payslips.subtitle')} />
      {self && <MySlips />}
      {can('payroll.read') && <WhereSlipsAre />}
    </>
  );
}
