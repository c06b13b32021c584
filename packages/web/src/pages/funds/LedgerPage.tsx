import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { monthText } from '../../features/assessment/display';
import { AccountsTable } from '../../features/funds/AccountsTable';
import { ReportButton, useSummary, useYear, YearPicker } from '../../features/funds/display';
import { JournalTable } from '../../features/funds/JournalTable';
import { SourcesTable } from '../../features/funds/SourcesTable';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { ClosePeriodModal } from './ClosePeriodModal';

/** 经费管理 › 专户台账: money per source, every account's balance and the journal (#8 parts 1, 2 and 5). */
export function LedgerPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [year, setYear] = useYear();
  const summary = useSummary(year);
  const [closing, setClosing] = useState(false);
  const closed = summary.data?.closedPeriods ?? [];
  const latest = [...closed].sort().at(-1);

  return (
    <>
      <PageHeader
        title={t('nav.fundsLedger')}
        subTitle={latest ? t('funds.closedUpTo', { month: monthText(latest, lang) }) : t('funds.noneClosed')}
        extra={
          <>
            <YearPicker value={year} onChange={setYear} />
            {can('ledger.close') && (
              <Button icon={<LockOutlined />} disabled={!summary.data} onClick={() => setClosing(true)} data-testid="period-close">
                {t('funds.close')}
              </Button>
            )}
          </>
        }
      />
      <LoadError error={summary.error} onRetry={summary.reload} />
      <Card size="small" title={t('funds.sources.title', { year })} extra={<ReportButton report="ledger/balances" year={year} testId="export-balances" />} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('funds.sources.help')}
        </Typography.Paragraph>
        <SourcesTable summary={summary.data} loading={summary.loading} />
      </Card>
      <Card size="small">
        <Tabs
          tabBarExtraContent={<ReportButton report="ledger/entries" year={year} testId="export-entries" />}
          items={[
            { key: 'journal', label: t('funds.journal'), children: <JournalTable closed={closed} stamp={0} onChanged={summary.reload} /> },
            { key: 'accounts', label: t('funds.accounts'), children: <AccountsTable accounts={summary.data?.accounts ?? []} loading={summary.loading} /> },
          ]}
        />
      </Card>
      {closing && <ClosePeriodModal closed={closed} onClose={() => setClosing(false)} onClosed={summary.reload} />}
    </>
  );
}
