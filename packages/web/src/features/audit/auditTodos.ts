import type { Action } from '@gongyi/domain';
import dayjs from 'dayjs';
import { listAudit } from '../../api/identity';
import type { Translate } from '../../i18n';
import type { Todo } from '../staffing/staffingTodos';

/**
 * 工作台's alert for those who read the audit log (the supervision office, #13): a user revealed more
 * full numbers in an hour than the town allows (the server records 'reveal.threshold').
 */
export async function auditTodos(townId: string, can: (action: Action) => boolean, t: Translate, signal: AbortSignal): Promise<Todo[]> {
  if (!can('audit.read')) return [];
  const from = dayjs().subtract(7, 'day').format('YYYY-MM-DD');
  const alerts = await listAudit(townId, { action: 'reveal.threshold', from, page: 1, pageSize: 1 }, signal);
  return alerts.total > 0 ? [{ text: t('home.todo.revealAlerts', { count: alerts.total }), to: `/audit/log?action=reveal.threshold&from=${from}` }] : [];
}
