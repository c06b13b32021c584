import type { Action } from '@gongyi/domain';
import dayjs from 'dayjs';
import { getSummary, listApplications } from '../../api/ledger';
import type { Lang, Translate } from '../../i18n';
import { monthText } from '../assessment/display';
import type { Todo } from '../staffing/staffingTodos';

/**
 * 工作台's to-dos of #8: applications waiting for the leadership group (R18), and for finance last
 * month still open (a closed month refuses postings, so closing it is the month's last step).
 */
export async function fundsTodos(townId: string, can: (action: Action) => boolean, t: Translate, lang: Lang, signal: AbortSignal): Promise<Todo[]> {
  const todos: Todo[] = [];
  if (can('budget.approve')) {
    const waiting = (await listApplications(townId, undefined, signal)).filter((a) => a.state === 'submitted').length;
    if (waiting > 0) todos.push({ text: t('home.todo.fundsToApprove', { count: waiting }), to: '/funds/budget' });
  }
  if (can('ledger.close')) {
    const last = dayjs().subtract(1, 'month');
    const summary = await getSummary(townId, last.year(), signal);
    const month = last.format('YYYY-MM');
    if (!summary.closedPeriods.includes(month)) todos.push({ text: t('home.todo.fundsToClose', { month: monthText(month, lang) }), to: '/funds/ledger' });
  }
  return todos;
}
