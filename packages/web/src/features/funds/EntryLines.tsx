import type { LedgerEntry } from '@gongyi/domain';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { Yuan } from '../payroll/display';

type Line = LedgerEntry['lines'][number];

/** An entry's lines (debit and credit to the fen), shown when its row opens. */
export function EntryLines({ entry }: { entry: LedgerEntry }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Line> = [
    { key: 'account', title: t('funds.col.account'), dataIndex: 'accountName' },
    { key: 'team', title: t('funds.col.team'), render: (_v, l) => l.teamName ?? '—', width: 160 },
    { key: 'debit', title: t('funds.col.debit'), align: 'right', width: 140, render: (_v, l) => (l.debitFen ? <Yuan fen={l.debitFen} /> : '') },
    { key: 'credit', title: t('funds.col.credit'), align: 'right', width: 140, render: (_v, l) => (l.creditFen ? <Yuan fen={l.creditFen} /> : '') },
  ];
  return (
    <>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('funds.entry.by', { name: entry.createdBy, at: timestampText(entry.createdAt) })}
        {entry.documentKind && <Tag style={{ marginInlineStart: 8 }}>{t('funds.entry.document', { ref: entry.documentRef })}</Tag>}
      </Typography.Text>
      <Table<Line> rowKey={(l, i) => `${l.accountId}-${i}`} size="small" columns={columns} dataSource={entry.lines} pagination={false} data-testid="entry-lines" />
    </>
  );
}
