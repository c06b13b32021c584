import {
  addDays,
  DISMISSAL_BASIS_LABELS,
  maskIdNumber,
  retirementDate,
  ruleValue,
  type ExitInput,
  type ExitQuerySchema,
  type ExitRow,
  type Page,
  type RetirementRow,
  type WorkerDetail,
} from '@gongyi/domain';
import type { z } from 'zod';
import { lockRow, offsetOf, toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { terminateCurrentAgreement } from '../agreements/agreement-lifecycle.js';
import { getWorker } from '../workers/workers.service.js';
import * as workers from '../workers/workers.repository.js';
import { endEmployment } from './employment.js';
import { scopeCondition } from './staffing-scope.js';

// Exits (#5 part 4): resignation, dismissal, agreement not renewed, retirement, death. Each one
// ends pay from its date, ends the agreement, and opens a vacancy in the team (R10).

type ExitQuery = z.infer<typeof ExitQuerySchema>;

/** Records an exit; a dismissal must cite an approved team rule or the supervising department's approval. */
export async function exitWorker(ctx: MutationContext, townId: string, personId: string, input: ExitInput): Promise<WorkerDetail> {
  authorize(ctx.actor, 'worker.exit');
  // #13: the person's row first, so that of concurrent exits the later ones read the exited post.
  await lockRow(ctx, 'persons', townId, personId);
  const before = await getWorker(ctx, townId, personId);
  const person = await workers.findPerson(ctx.db, townId, personId);
  const current = await workers.currentPost(ctx.db, townId, personId);
  if (!person || !current) throw notFound({ zh: '该人员的岗位', en: 'The post' });
  if (current.status === 'exited') throw ruleViolation({ zh: '该人员已离岗。', en: 'The worker has already exited.' }, 'exitDate');
  const condition = await scopeCondition(ctx, 'worker.exit');
  const visible = await ctx.db.selectFrom('posts as p').select('p.id').where('p.town_id', '=', townId).where('p.id', '=', current.id).where((eb) => condition(eb)).executeTakeFirst();
  if (!visible) throw notFound({ zh: '从业人员', en: 'Worker' });
  if (input.reason === 'dismissal' && !input.dismissal) {
    throw ruleViolation(
      { zh: '辞退须写明依据：服务队经批准的管理制度条款，或主管部门批准的理由。', en: "A dismissal must cite the team's approved rule or the supervising department's approval." },
      'dismissal.citation',
    );
  }
  const basis = input.dismissal ? `辞退依据：${DISMISSAL_BASIS_LABELS[input.dismissal.basis].zh}——${input.dismissal.citation}` : '';
  const note = [basis, input.note].filter(Boolean).join('；');
  await endEmployment(ctx, townId, person, current, input.exitDate, input.reason, note);
  await terminateCurrentAgreement(ctx, townId, personId, addDays(input.exitDate, -1), `离岗：${note || input.reason}`);
  const after = await getWorker(ctx, townId, personId);
  await recordAudit(ctx, { townId, action: 'worker.exit', objectType: 'worker', objectId: personId, before: before.post, after: { post: after.post, dismissal: input.dismissal ?? null } });
  return after;
}

export async function listExits(ctx: ReadContext, townId: string, query: ExitQuery): Promise<Page<ExitRow>> {
  authorize(ctx.actor, 'hiring.read');
  const condition = await scopeCondition(ctx, 'hiring.read');
  let q = ctx.db
    .selectFrom('posts as p')
    .innerJoin('persons as s', (j) => j.onRef('s.town_id', '=', 'p.town_id').onRef('s.id', '=', 'p.person_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .innerJoin('coops as c', (j) => j.onRef('c.town_id', '=', 't.town_id').onRef('c.id', '=', 't.coop_id'))
    .where('p.town_id', '=', townId)
    .where('p.status', '=', 'exited')
    .where((eb) => condition(eb));
  if (query.from) q = q.where('p.valid_from', '>=', query.from);
  if (query.to) q = q.where('p.valid_from', '<=', query.to);
  if (query.reason) q = q.where('p.exit_reason', '=', query.reason);
  const [items, total] = await Promise.all([
    q
      .select(['p.person_id', 's.name', 's.id_cipher', 't.name as team_name', 'c.name as coop_name', 'p.valid_from', 'p.exit_reason', 'p.note', 'p.created_by'])
      .orderBy('p.valid_from', 'desc')
      .orderBy('p.id', 'desc')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(
    items.map((r) => ({
      personId: r.person_id,
      name: r.name,
      idNumberMasked: maskIdNumber(ctx.keyring.decrypt(r.id_cipher)),
      teamName: r.team_name,
      coopName: r.coop_name,
      exitDate: r.valid_from,
      reason: r.exit_reason as ExitRow['reason'],
      note: r.note,
      recordedBy: r.created_by,
    })),
    Number(total.n),
    query,
  );
}

/** Workers on post who reach statutory retirement age within `withinDays` (dated rule values, incl. the 2025 raise). */
export async function upcomingRetirements(ctx: ReadContext, townId: string, withinDays?: number): Promise<RetirementRow[]> {
  authorize(ctx.actor, 'hiring.read');
  const on = today(ctx.clock);
  const days = withinDays ?? ruleValue('retirement.noticeDays', on);
  const until = addDays(on, days);
  // Nobody retires before the youngest base age in force: only people at least that old when the window ends are checked.
  const youngest = Math.min(ruleValue('retirement.male', until).baseYears, ruleValue('retirement.female', until).baseYears);
  const bornBy = `${String(Number(until.slice(0, 4)) - youngest).padStart(4, '0')}${until.slice(4)}`;
  const condition = await scopeCondition(ctx, 'hiring.read');
  const candidates = await ctx.db
    .selectFrom('posts as p')
    .innerJoin('persons as s', (j) => j.onRef('s.town_id', '=', 'p.town_id').onRef('s.id', '=', 'p.person_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'p.town_id').onRef('t.id', '=', 'p.team_id'))
    .select(['p.person_id', 's.name', 's.sex', 's.birth_date', 't.name as team_name'])
    .where('p.town_id', '=', townId)
    .where('p.is_current', '=', 1)
    .where('p.status', '!=', 'exited')
    .where('s.birth_date', '<=', bornBy)
    .where((eb) => condition(eb))
    .execute();
  return candidates
    .map((c) => ({ personId: c.person_id, name: c.name, sex: c.sex as 'male' | 'female', birthDate: c.birth_date, retirementDate: retirementDate(c.birth_date, c.sex as 'male' | 'female'), teamName: c.team_name }))
    .filter((c) => c.retirementDate <= until)
    .sort((a, b) => a.retirementDate.localeCompare(b.retirementDate) || a.name.localeCompare(b.name, 'zh-CN'));
}
