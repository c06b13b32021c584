import { RUN_KIND_LABELS, type Run } from '@gongyi/domain';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { vocab, type Lang, type Translate } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { RunStateTag, runPath, runPeriodText, Yuan } from './display';

/** The columns of every run list (月度发放, 年终奖, 审批); `withKind` adds the kind for mixed lists. */
export function runColumns(t: Translate, lang: Lang, withKind = false): TableColumnsType<Run> {
  return [
    {
      key: 'coop',
      title: t('payroll.col.coop'),
      width: 180,
      ellipsis: true,
      render: (_v, r) => <Link to={runPath(r)}>{r.coopName}</Link>,
    },
    ...(withKind ? [{ key: 'kind', title: t('payroll.col.kind'), width: 100, render: (_v: unknown, r: Run) => vocab(RUN_KIND_LABELS, r.kind, lang) }] : []),
    { key: 'month', title: t('payroll.col.month'), width: 120, render: (_v, r) => runPeriodText(r, lang, t) },
    { key: 'state', title: t('payroll.col.state'), width: 130, render: (_v, r) => <RunStateTag state={r.state} /> },
    { key: 'workers', title: t('payroll.col.workers'), dataIndex: 'workerCount', width: 70, align: 'right' },
    { key: 'gross', title: t('payroll.col.gross'), width: 130, align: 'right', render: (_v, r) => <Yuan fen={r.grossFen} /> },
    { key: 'deduction', title: t('payroll.col.deduction'), width: 120, align: 'right', render: (_v, r) => <Yuan fen={r.deductionFen} /> },
    { key: 'net', title: t('payroll.col.net'), width: 130, align: 'right', render: (_v, r) => <Yuan fen={r.netFen} strong /> },
    { key: 'computed', title: t('payroll.col.computedAt'), width: 140, render: (_v, r) => timestampText(r.computedAt) },
    { key: 'actions', title: t('common.actions'), width: 70, fixed: 'right', render: (_v, r) => <Link to={runPath(r)}>{t('payroll.open')}</Link> },
  ];
}
