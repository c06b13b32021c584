import { PlusOutlined } from '@ant-design/icons';
import type { EntryKind, LedgerSummary } from '@gongyi/domain';
import { Alert, Button, Card } from 'antd';
import { useState, type ReactNode } from 'react';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useSummary, useYear, YearPicker } from '../../features/funds/display';
import { JournalTable } from '../../features/funds/JournalTable';
import { SourcesTable } from '../../features/funds/SourcesTable';
import { useI18n, type MessageKey } from '../../i18n';
import { useCan } from '../../session/SessionContext';

interface Props {
  kind: EntryKind;
  title: MessageKey;
  intro: MessageKey;
  action: MessageKey;
  listTitle: MessageKey;
  /** The posting form; `onPosted` reloads the figures and the list. */
  form: (props: { summary: LedgerSummary | undefined; onClose: () => void; onPosted: () => void }) => ReactNode;
}

/** 收款 and 拨付: what the rule says, the sources' figures that the posting moves, its form and its entries. */
export function FlowPage({ kind, title, intro, action, listTitle, form }: Props) {
  const { t } = useI18n();
  const can = useCan();
  const [year, setYear] = useYear();
  const summary = useSummary(year);
  const [open, setOpen] = useState(false);
  const [stamp, setStamp] = useState(0);
  const posted = () => {
    setStamp((n) => n + 1);
    summary.reload();
  };

  return (
    <>
      <PageHeader
        title={t(title)}
        extra={
          <>
            <YearPicker value={year} onChange={setYear} />
            {can('ledger.post') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid={`${kind}-create`}>
                {t(action)}
              </Button>
            )}
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(intro)} />
      <LoadError error={summary.error} onRetry={summary.reload} />
      <Card size="small" title={t('funds.sources.title', { year })} style={{ marginBottom: 16 }}>
        <SourcesTable summary={summary.data} loading={summary.loading} />
      </Card>
      <Card size="small" title={t(listTitle)}>
        <JournalTable kind={kind} closed={summary.data?.closedPeriods ?? []} stamp={stamp} onChanged={summary.reload} />
      </Card>
      {open && form({ summary: summary.data, onClose: () => setOpen(false), onPosted: posted })}
    </>
  );
}
