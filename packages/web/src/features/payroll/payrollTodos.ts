import { SIGNOFF_STEP_LABELS, type Action, type Grant, type RunDetail } from '@gongyi/domain';
import { getRun, listRuns } from '../../api/payroll';
import type { Lang, Translate } from '../../i18n';
import type { Todo } from '../staffing/staffingTodos';
import { mySignoffs, statesToSign, type MySignoff } from './signoffs';

export interface RunToSign {
  run: RunDetail;
  mine: MySignoff[];
}

/** More than a town has in a month; the page says so if it is ever reached. */
const MOST = 50;

/**
 * 审批: the runs in a state one of the user's actions signs, read in full so a unit that has signed
 * (others still pending) or a department the run does not involve is left out.
 */
export async function runsToSign(townId: string, can: (action: Action) => boolean, grants: readonly Grant[], signal: AbortSignal): Promise<RunToSign[]> {
  const pages = await Promise.all(statesToSign(can).map((state) => listRuns(townId, { state, page: 1, pageSize: MOST }, signal)));
  const details = await Promise.all(pages.flatMap((p) => p.items).map((r) => getRun(townId, r.id, signal)));
  return details.map((run) => ({ run, mine: mySignoffs(run, grants) })).filter((x) => x.mine.length > 0);
}

/** 工作台's to-do of #7: one line per sign-off step waiting for the user. */
export async function payrollTodos(townId: string, can: (action: Action) => boolean, grants: readonly Grant[], t: Translate, lang: Lang, signal: AbortSignal): Promise<Todo[]> {
  const waiting = await runsToSign(townId, can, grants, signal);
  const byStep = new Map<MySignoff['step'], number>();
  for (const { mine } of waiting) for (const step of new Set(mine.map((m) => m.step))) byStep.set(step, (byStep.get(step) ?? 0) + 1);
  return [...byStep].map(([step, count]) => ({ text: t('home.todo.payToSign', { count, step: SIGNOFF_STEP_LABELS[step][lang] }), to: '/payroll/approvals' }));
}
