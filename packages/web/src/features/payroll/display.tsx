import { formatYuan, PAY_LINE_LABELS, RUN_STATE_LABELS, type Run, type RunKind, type RunState, type Slip } from '@gongyi/domain';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { PayLine } from '../../api/payroll';
import { useI18n, vocab, type Lang, type Translate } from '../../i18n';
import { monthText } from '../assessment/display';

// Small pieces of #7 shown in the run lists, the run page, the payslips and the what-if page.

const STATE_COLORS: Record<RunState, string> = { draft: 'default', unit_confirmed: 'cyan', department_reviewed: 'blue', approved: 'geekblue', released: 'green' };

export function RunStateTag({ state }: { state: RunState }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid={`run-state-${state}`}>
      {vocab(RUN_STATE_LABELS, state, lang)}
    </Tag>
  );
}

/** An amount in a table cell or a figure: ¥1,570.00, negatives in red. */
export function Yuan({ fen, strong }: { fen: number; strong?: boolean }) {
  return (
    <Typography.Text type={fen < 0 ? 'danger' : undefined} strong={strong} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatYuan(fen)}
    </Typography.Text>
  );
}

/** What a run pays for: 2026年3月 for a month, 2026年度考核奖 for the annual bonus. */
export function runPeriodText(run: Pick<Run, 'kind' | 'month'>, lang: Lang, t: Translate): string {
  return run.kind === 'annual_bonus' ? t('payroll.run.annualOf', { year: run.month.slice(0, 4) }) : monthText(run.month, lang);
}

/** Where a run's page lives: under 月度发放 or 年终奖 in the menu. */
export const runPath = (run: { id: string; kind: RunKind }) => `/payroll/${run.kind === 'annual_bonus' ? 'annual' : 'monthly'}/${encodeURIComponent(run.id)}`;

/** A payslip's lines, each with the rule it applies and how the amount was reached. */
export function SlipLines({ slip }: { slip: Pick<Slip, 'lines'> }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<PayLine> = [
    {
      key: 'kind',
      title: t('payroll.slip.line'),
      width: 190,
      render: (_v, l) => (
        <>
          {vocab(PAY_LINE_LABELS, l.kind, lang)}
          {!l.cash && l.kind !== 'in_kind' && <Tag style={{ marginInlineStart: 6 }}>{t('payroll.slip.notCash')}</Tag>}
        </>
      ),
    },
    { key: 'amount', title: t('payroll.slip.amount'), width: 120, align: 'right', render: (_v, l) => <Yuan fen={l.amountFen} /> },
    { key: 'rule', title: t('payroll.slip.rule'), dataIndex: 'rule', width: 90 },
    { key: 'explanation', title: t('payroll.slip.explanation'), dataIndex: 'explanation' },
  ];
  return <Table<PayLine> rowKey={(l, i) => `${l.kind}-${i}`} size="small" columns={columns} dataSource={slip.lines} pagination={false} data-testid="slip-lines" />;
}

/** The money columns every slip list shows (run page, my payslips). */
export function slipMoneyColumns<T extends Pick<Slip, 'grossFen' | 'deductionFen' | 'netFen' | 'inKindFen'>>(t: Translate): TableColumnsType<T> {
  return [
    { key: 'gross', title: t('payroll.col.gross'), width: 120, align: 'right', render: (_v, s) => <Yuan fen={s.grossFen} /> },
    { key: 'deduction', title: t('payroll.col.deduction'), width: 110, align: 'right', render: (_v, s) => <Yuan fen={s.deductionFen} /> },
    { key: 'net', title: t('payroll.col.net'), width: 120, align: 'right', render: (_v, s) => <Yuan fen={s.netFen} strong /> },
    { key: 'inKind', title: t('payroll.col.inKind'), width: 110, align: 'right', render: (_v, s) => <Yuan fen={s.inKindFen} /> },
  ];
}
