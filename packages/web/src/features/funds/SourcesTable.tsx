import type { LedgerSummary } from '@gongyi/domain';
import { Table, Tooltip, type TableColumnsType } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { Yuan } from '../payroll/display';
import { rowTestId, sourceName } from './display';

type SourceRow = LedgerSummary['sources'][number];
type Figure = 'receivedFen' | 'allocatedFen' | 'specialBalanceFen' | 'coopBalanceFen' | 'paidFen';

/** Each figure with the words that say what it counts. */
const FIGURES: { key: Figure; title: MessageKey; help: MessageKey }[] = [
  { key: 'receivedFen', title: 'funds.src.received', help: 'funds.src.receivedHelp' },
  { key: 'allocatedFen', title: 'funds.src.allocated', help: 'funds.src.allocatedHelp' },
  { key: 'specialBalanceFen', title: 'funds.src.special', help: 'funds.src.specialHelp' },
  { key: 'coopBalanceFen', title: 'funds.src.coop', help: 'funds.src.coopHelp' },
  { key: 'paidFen', title: 'funds.src.paid', help: 'funds.src.paidHelp' },
];

/** Per source: received into the special account, allocated to coops, what each still holds, what was paid (R20, R22). */
export function SourcesTable({ summary, loading }: { summary: LedgerSummary | undefined; loading: boolean }) {
  const { t, lang } = useI18n();
  const rows = summary?.sources ?? [];
  const columns: TableColumnsType<SourceRow> = [
    { key: 'source', title: t('funds.col.source'), render: (_v, s) => sourceName(s, lang), width: 200 },
    ...FIGURES.map(({ key, title, help }) => ({
      key,
      title: <Tooltip title={t(help)}>{t(title)}</Tooltip>,
      align: 'right' as const,
      render: (_v: unknown, s: SourceRow) => <Yuan fen={s[key]} />,
    })),
  ];
  return (
    <Table<SourceRow>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      data-testid="funds-sources"
      onRow={rowTestId((s) => `source-${s.code}`)}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>{t('funds.total')}</strong>
          </Table.Summary.Cell>
          {FIGURES.map(({ key }, i) => (
            <Table.Summary.Cell key={key} index={i + 1} align="right">
              <Yuan fen={rows.reduce((sum, s) => sum + s[key], 0)} strong />
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
