import { ruleValue, type Action } from '@gongyi/domain';
import { listAgreements, listHiring } from '../../api/staffing';
import type { Translate } from '../../i18n';
import { todayIso } from '../../lib/dates';

export interface Todo {
  text: string;
  to: string;
}

const ONE = { page: 1, pageSize: 1 };

/**
 * 工作台's to-dos of #5, by what the user may do: hires waiting for town HR, approved hires and
 * witnessed agreements waiting for the coop, signed agreements waiting for the supervising
 * department's witness, agreements ending within the first expiry window. Counts only.
 */
export async function staffingTodos(townId: string, can: (action: Action) => boolean, t: Translate, signal: AbortSignal): Promise<Todo[]> {
  const window = ruleValue('agreement.expiryWindows', todayIso())[0] ?? 30;
  const checks: { when: boolean; count: () => Promise<number>; text: (count: number) => string; to: string }[] = [
    {
      when: can('hiring.approve'),
      count: async () => (await listHiring(townId, { ...ONE, state: 'requested' }, signal)).total,
      text: (count) => t('home.todo.hiringToApprove', { count }),
      to: '/hiring?state=requested',
    },
    {
      when: can('agreement.manage'),
      count: async () => (await listHiring(townId, { ...ONE, state: 'approved' }, signal)).total,
      text: (count) => t('home.todo.hiringToDraft', { count }),
      to: '/hiring?state=approved',
    },
    {
      when: can('agreement.witness'),
      count: async () => (await listAgreements(townId, { ...ONE, state: 'signed' }, signal)).total,
      text: (count) => t('home.todo.toWitness', { count }),
      to: '/agreements?state=signed',
    },
    {
      when: can('agreement.manage'),
      count: async () => (await listAgreements(townId, { ...ONE, state: 'witnessed' }, signal)).total,
      text: (count) => t('home.todo.toFile', { count }),
      to: '/agreements?state=witnessed',
    },
    {
      when: can('agreement.manage'),
      count: async () => (await listAgreements(townId, { ...ONE, expiringWithin: String(window) }, signal)).total,
      text: (count) => t('home.todo.expiring', { count, days: window }),
      to: `/agreements/expiring?expiringWithin=${window}`,
    },
  ];
  const wanted = checks.filter((c) => c.when);
  const counts = await Promise.all(wanted.map((c) => c.count()));
  return wanted.flatMap((c, i) => (counts[i]! > 0 ? [{ text: c.text(counts[i]!), to: c.to }] : []));
}
