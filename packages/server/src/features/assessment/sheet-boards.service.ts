import { monthBounds, type SheetState } from '@gongyi/domain';
import type { ReadContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { authorize, grantsFor } from '../policy.js';
import { actsFor, entryCondition } from './sheet-scope.js';
import { supervisorsOn } from '../teams/teams.repository.js';
import * as repo from './sheets.repository.js';
import { dueDateOf, summaryRows } from './sheets.service.js';

// The month's sheets seen from above: who still owes one (the overdue board) and each team's month
// at a glance (the leaders' view; the benchmark's "city month").

/** #6 part 4: every unit and team with workers that month whose sheet is not yet submitted, overdue ones flagged. */
export async function overdueBoard(ctx: ReadContext, townId: string, month: string) {
  authorize(ctx.actor, 'assessment.read');
  const { first, last } = monthBounds(month);
  const expected = await repo.expectedSheets(ctx.db, townId, first, last);
  const sheets = await summaryRows(ctx, townId, 'assessment.read').where('s.month', '=', month).execute();
  const due = dueDateOf(month);
  const visible = ctx.actor.kind === 'system' || grantsFor(ctx.actor, 'assessment.read').some((g) => g.scopeKind === 'town');
  // A supervising department sees the units that owe sheets for the teams it supervises.
  const supervisors = await supervisorsOn(ctx.db, townId, first);
  const supervised = new Set([...supervisors].filter(([, departmentId]) => actsFor(ctx, 'assessment.read', departmentId)).map(([teamId]) => teamId));
  return expected
    .filter((e) => visible || supervised.has(e.team_id) || sheets.some((s) => s.department_id === e.managing_department_id && s.team_id === e.team_id) || actsFor(ctx, 'assessment.read', e.managing_department_id))
    .map((e) => {
      const sheet = sheets.find((s) => s.department_id === e.managing_department_id && s.team_id === e.team_id);
      return {
        departmentId: e.managing_department_id,
        departmentName: e.department_name,
        teamId: e.team_id,
        teamName: e.team_name,
        month,
        dueDate: sheet?.due_date ?? due,
        sheetId: sheet?.id ?? null,
        state: (sheet?.state ?? null) as SheetState | null,
        workers: Number(e.workers),
        overdue: today(ctx.clock) > (sheet?.due_date ?? due),
      };
    })
    .filter((r) => r.state === null || r.state === 'draft' || r.state === 'community_entered');
}

/** A month at a glance per team (the leaders' view, and the "city month" of the benchmarks): people, scored, mean, grades. */
export async function monthSummary(ctx: ReadContext, townId: string, month: string) {
  authorize(ctx.actor, 'assessment.read');
  // Counted over the rows the caller sees: a grid manager's grant, its own community's workers (#13 item 10).
  const condition = entryCondition(ctx, 'assessment.read');
  const rows = await repo.monthAggregate(ctx.db, month, [townId], (q) => q.where(condition));
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    workers: Number(r.workers),
    scored: Number(r.scored),
    meanTenths: r.mean_tenths === null ? null : Math.round(Number(r.mean_tenths)),
    grades: { excellent: Number(r.excellent), pass: Number(r.pass), basic_pass: Number(r.basic_pass), fail: Number(r.fail) },
    locked: Number(r.locked_sheets),
    sheets: Number(r.sheets),
  }));
}
