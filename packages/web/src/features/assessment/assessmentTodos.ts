import type { Action } from '@gongyi/domain';
import dayjs from 'dayjs';
import { getOverdue, listSheets } from '../../api/assessment';
import type { Translate } from '../../i18n';
import type { Todo } from '../staffing/staffingTodos';

/**
 * 工作台's to-dos of #6, by what the user may do: sheets still being filled (daily-managing units),
 * community parts to score (community managers), sheets to review and lock (supervising
 * departments), and last month's sheets overdue. Counts only.
 */
export async function assessmentTodos(townId: string, can: (action: Action) => boolean, t: Translate, signal: AbortSignal): Promise<Todo[]> {
  if (!can('assessment.read')) return [];
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const sheets = (state: string) => listSheets(townId, { state }, signal);
  const checks: { when: boolean; count: () => Promise<number>; text: (count: number) => string; to: string }[] = [
    {
      when: can('assessment.enter'),
      count: async () => (await sheets('draft')).length,
      text: (count) => t('home.todo.sheetsToFill', { count }),
      to: '/assessment/sheets?state=draft',
    },
    {
      when: can('assessment.community'),
      count: async () => (await sheets('draft')).filter((s) => s.communitySharePercent !== null).length,
      text: (count) => t('home.todo.communityToScore', { count }),
      to: '/assessment/sheets?state=draft',
    },
    {
      when: can('assessment.review'),
      count: async () => (await sheets('submitted')).length,
      text: (count) => t('home.todo.sheetsToReview', { count }),
      to: '/assessment/sheets?state=submitted',
    },
    {
      when: can('assessment.review'),
      count: async () => (await sheets('reviewed')).length,
      text: (count) => t('home.todo.sheetsToLock', { count }),
      to: '/assessment/sheets?state=reviewed',
    },
    {
      when: can('assessment.enter') || can('assessment.review'),
      count: async () => (await getOverdue(townId, lastMonth, signal)).filter((r) => r.overdue).length,
      text: (count) => t('home.todo.sheetsOverdue', { count, month: lastMonth }),
      to: `/assessment/overdue?month=${lastMonth}`,
    },
  ];
  const wanted = checks.filter((c) => c.when);
  const counts = await Promise.all(wanted.map((c) => c.count()));
  return wanted.flatMap((c, i) => (counts[i]! > 0 ? [{ text: c.text(counts[i]!), to: c.to }] : []));
}
