import { ENTRY_KIND_LABELS, ENTRY_KINDS, type EntryKind, type LedgerEntry } from '@gongyi/domain';
import { App, Button, Empty, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { listEntries, reverseEntry } from '../../api/ledger';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { ReasonModal } from '../../components/ReasonModal';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab, type Translate } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { useCan, useTown } from '../../session/SessionContext';
import { MonthPicker, monthText } from '../assessment/display';
import { Yuan } from '../payroll/display';
import { EntryKindTag } from './display';
import { EntryLines } from './EntryLines';

const FILTERS = ['kind', 'period', 'q'] as const;
type Filter = (typeof FILTERS)[number];

/** Payroll postings are corrected through payroll; a reversal is never reversed; an entry is reversed once. */
const reversible = (e: LedgerEntry) => e.kind !== 'reversal' && e.kind !== 'payroll_expense' && e.kind !== 'payroll_payment' && !e.reversedByEntryId;

function statusOf(e: LedgerEntry, t: Translate) {
  if (e.reversedByEntryId) return <Tag color="red">{t('funds.entry.reversed')}</Tag>;
  if (e.reversesEntryId) return <Tag>{t('funds.entry.reverses', { ref: e.documentRef })}</Tag>;
  return null;
}

interface Props {
  /** A page of one kind (收款, 拨付) fixes it; the ledger page filters by any. */
  kind?: EntryKind;
  /** Closed months, marked on their entries. */
  closed: string[];
  /** Changes when the page posted something: the list loads again. */
  stamp: number;
  /** After a reversal: the page's balances change too. */
  onChanged: () => void;
}

/** 记账凭证: the journal newest first, a page at a time; a row opens to its lines; finance reverses with a reason. */
export function JournalTable({ kind, closed, stamp, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const can = useCan();
  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) => listEntries(town.id, { ...r, kind: kind ?? oneOf(ENTRY_KINDS, r.kind) }, signal),
    // The stamp is part of the query: a new posting loads the list again.
    [town.id, kind, stamp],
  );
  const list = usePagedList(FILTERS, fetchPage);
  const [reversing, setReversing] = useState<LedgerEntry>();

  const columns: TableColumnsType<LedgerEntry> = [
    { key: 'seq', title: t('funds.col.seq'), dataIndex: 'seq', width: 70 },
    { key: 'date', title: t('funds.col.date'), dataIndex: 'date', width: 105 },
    {
      key: 'period',
      title: t('funds.col.period'),
      width: 140,
      render: (_v, e) => (
        <>
          {monthText(e.period, lang)}
          {closed.includes(e.period) && <Tag style={{ marginInlineStart: 6 }}>{t('funds.closed')}</Tag>}
        </>
      ),
    },
    { key: 'kind', title: t('funds.col.kind'), width: 130, render: (_v, e) => <EntryKindTag kind={e.kind} /> },
    { key: 'ref', title: t('funds.col.document'), dataIndex: 'documentRef', width: 140, ellipsis: true },
    { key: 'memo', title: t('funds.col.memo'), dataIndex: 'memo', width: 240, ellipsis: { showTitle: true } },
    { key: 'amount', title: t('funds.col.amount'), align: 'right', width: 140, render: (_v, e) => <Yuan fen={e.amountFen} /> },
    { key: 'status', title: t('funds.col.status'), width: 130, render: (_v, e) => statusOf(e, t) },
  ];
  if (can('ledger.post')) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 70,
      fixed: 'right',
      render: (_v, e) =>
        reversible(e) && (
          <Tooltip title={t('funds.reverse.help')}>
            <Button size="small" type="link" danger onClick={() => setReversing(e)} data-testid="entry-reverse">
              {t('funds.reverse')}
            </Button>
          </Tooltip>
        ),
    });
  }

  return (
    <>
      <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
        {!kind && (
          <SelectFilter
            value={list.filters.kind}
            onChange={(k) => list.setFilters({ kind: k })}
            placeholder={t('funds.col.kind')}
            options={ENTRY_KINDS.map((k) => ({ value: k, label: vocab(ENTRY_KIND_LABELS, k, lang) }))}
          />
        )}
        <MonthPicker value={list.filters.period} onChange={(period) => list.setFilters({ period })} testId="journal-month" />
        <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('funds.journal.search')} />
      </FilterBar>
      <LoadError error={list.error} onRetry={list.reload} />
      <div data-testid="journal-table">
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          columns={columns}
          {...list.tableProps}
          expandable={{ expandedRowRender: (e) => <EntryLines entry={e} />, columnWidth: 40 }}
          scroll={{ x: 1220 }}
          locale={{ emptyText: <Empty description={t(list.hasFilters ? 'funds.journal.emptyFiltered' : 'funds.journal.empty')} /> }}
        />
      </div>
      {reversing && (
        <ReasonModal
          open
          title={t('funds.reverse.title', { seq: reversing.seq })}
          okText={t('funds.reverse')}
          intro={t('funds.reverse.intro')}
          label={t('funds.reverse.reason')}
          help={t('funds.reverse.reasonHelp')}
          onCancel={() => setReversing(undefined)}
          onSubmit={async (reason) => {
            const posted = await reverseEntry(town.id, reversing.id, reason);
            void message.success(t('funds.reverse.done', { seq: posted.seq }));
            setReversing(undefined);
            list.reload();
            onChanged();
          }}
          testId="reverse-form"
        />
      )}
    </>
  );
}
