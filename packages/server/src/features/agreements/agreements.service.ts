import {
  addDays,
  ANNUAL_OUTCOME_LABELS,
  allowedAgreementEvents,
  assessmentYearFor,
  AGREEMENT_EVENT_LABELS,
  AGREEMENT_STATE_LABELS,
  effectiveAgreementState,
  isPassing,
  maskIdNumber,
  nextAgreementState,
  ruleValue,
  shanghaiTimestamp,
  type Agreement,
  type AgreementAction,
  type AgreementDraftInput,
  type AgreementEvent,
  type AgreementQuery,
  type AnnualOutcome,
  type AnnualResultInput,
  type Page,
  type PostInput,
  type RenewalInput,
  type RenewalResult,
  type StoredAgreementState,
  type WitnessInput,
} from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import { likeEscaped, lockRows, offsetOf, toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, grantsFor, type Action } from '../policy.js';
import { completeHire, lockRequest } from '../staffing/hiring.service.js';
import * as hiring from '../staffing/hiring.repository.js';
import { startEmployment } from '../staffing/employment.js';
import { assertWithinQuota } from '../staffing/quota.service.js';
import { inScope, inScopeIds, scopeCondition } from '../staffing/staffing-scope.js';
import * as workers from '../workers/workers.repository.js';
import { insertDraft, termEnd } from './agreement-lifecycle.js';
import * as repo from './agreements.repository.js';

// Work agreements (上岗协议, R6, R8): the coop drafts and files, the supervising department
// witnesses; filing an approved hire's agreement puts the worker on post (R10).

const AGREEMENT = { zh: '上岗协议', en: 'Agreement' };
type ViewRow = Awaited<ReturnType<typeof rows>>[number];

async function rows(ctx: ReadContext, townId: string, query: Partial<AgreementQuery> & { ids?: string[] }, limit: number, offset: number) {
  const q = await filtered(ctx, townId, query);
  return q.select(repo.AGREEMENT_COLUMNS).orderBy('p.term_end').orderBy('s.name').orderBy('p.id').limit(limit).offset(offset).execute();
}

async function filtered(ctx: ReadContext, townId: string, query: Partial<AgreementQuery> & { ids?: string[] }) {
  const on = today(ctx.clock);
  const condition = await scopeCondition(ctx, 'agreement.read');
  let q = repo.agreementRows(ctx.db, townId).where((eb) => condition(eb));
  if (query.state) q = repo.whereState(q, query.state, on);
  if (query.expiringWithin) q = repo.whereExpiringWithin(q, query.expiringWithin, on);
  if (query.teamId) q = q.where('p.team_id', '=', query.teamId);
  if (query.coopId) q = q.where('p.coop_id', '=', query.coopId);
  if (query.personId) q = q.where('p.person_id', '=', query.personId);
  if (query.ids) q = q.where('p.id', 'in', query.ids.length > 0 ? query.ids : ['']);
  if (query.q) q = q.where(likeEscaped('s.name', query.q));
  return q;
}

/** R8: renewal needs a pass in the annual assessment of the term's year; a missing result is "not yet assessed". */
function renewalGate(r: Pick<ViewRow, 'term_start' | 'annual_outcome'>): Agreement['renewal'] {
  const year = assessmentYearFor({ start: r.term_start });
  const outcome = (r.annual_outcome ?? null) as AnnualOutcome | null;
  if (outcome === null) return { year, outcome, eligible: false, reason: `尚无${year}年度考核结果，暂不能续签（R8：年度考核合格方可续签）。` };
  if (!isPassing(outcome)) return { year, outcome, eligible: false, reason: `${year}年度考核“${ANNUAL_OUTCOME_LABELS[outcome].zh}”，不予续签（R8：年度考核合格及以上方可续签）。可办理“协议到期不续签”离岗。` };
  return { year, outcome, eligible: true, reason: `${year}年度考核“${ANNUAL_OUTCOME_LABELS[outcome].zh}”，可以续签。` };
}

function toAgreement(ctx: ReadContext, r: ViewRow): Agreement {
  const state = effectiveAgreementState(r.state as StoredAgreementState, { start: r.term_start, end: r.term_end }, today(ctx.clock));
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    idNumberMasked: maskIdNumber(ctx.keyring.decrypt(r.id_cipher)),
    teamId: r.team_id,
    teamName: r.team_name,
    coopId: r.coop_id,
    coopName: r.coop_name,
    supervisingDepartmentId: r.supervising_department_id,
    supervisingDepartmentName: r.supervising_department_name,
    managingDepartmentName: r.managing_department_name,
    duty: r.duty,
    payScheme: r.pay_scheme as Agreement['payScheme'],
    termStart: r.term_start,
    termEnd: r.term_end,
    state,
    signedOn: r.signed_on,
    witnessedOn: r.witnessed_on,
    witnessDepartmentName: r.witness_department_name ?? null,
    filingNumber: r.filing_number,
    filedOn: r.filed_on,
    terminatedOn: r.terminated_on,
    terminationReason: r.termination_reason,
    hiringRequestId: r.hiring_request_id,
    previousAgreementId: r.previous_agreement_id,
    nextAgreementId: r.next_agreement_id,
    renewal: renewalGate(r),
    allowedEvents: allowedAgreementEvents(state),
  };
}

export async function listAgreements(ctx: ReadContext, townId: string, query: AgreementQuery): Promise<Page<Agreement>> {
  authorize(ctx.actor, 'agreement.read');
  const [items, total] = await Promise.all([
    rows(ctx, townId, query, query.pageSize, offsetOf(query)),
    (await filtered(ctx, townId, query)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(items.map((r) => toAgreement(ctx, r)), Number(total.n), query);
}

export async function getAgreement(ctx: ReadContext, townId: string, id: string): Promise<Agreement> {
  authorize(ctx.actor, 'agreement.read');
  const [row] = await rows(ctx, townId, { ids: [id] }, 1, 0);
  if (!row) throw notFound(AGREEMENT);
  return toAgreement(ctx, row);
}

/** Agreements for printing, in the order asked (at most 500 per batch). */
export async function agreementsForPrint(ctx: ReadContext, townId: string, ids: string[]): Promise<(Agreement & { teamDuties: string; sex: string; birthDate: string })[]> {
  authorize(ctx.actor, 'agreement.read');
  const found = await rows(ctx, townId, { ids }, 500, 0);
  if (found.length === 0) throw notFound(AGREEMENT, 'ids');
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...toAgreement(ctx, r), teamDuties: r.team_duties, sex: r.sex, birthDate: r.birth_date }] : [];
  });
}

/**
 * #13: an agreement takes each step once. Its person's row is locked first (as exits and hiring
 * decisions lock it), then the agreement; many at once are locked in id order, so two batches
 * cannot deadlock. The rows are read again after the locks.
 */
async function lockAgreements(ctx: MutationContext, townId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const seen = await ctx.db.selectFrom('agreements').select('person_id').where('town_id', '=', townId).where('id', 'in', [...ids]).execute();
  await lockRows(ctx, 'persons', townId, seen.map((r) => r.person_id));
  await lockRows(ctx, 'agreements', townId, ids);
}

/** The row, locked, if the caller may act on it with `action`; out of scope reads as not found. */
async function requireInScope(ctx: MutationContext, townId: string, id: string, action: Action): Promise<Row<'agreements'>> {
  await lockAgreements(ctx, townId, [id]);
  const row = await repo.findAgreement(ctx.db, townId, id);
  if (!row || !(await inScope(ctx, ctx.db, 'agreements', townId, id, action))) throw notFound(AGREEMENT);
  return row;
}

function refuseTransition(state: StoredAgreementState | ReturnType<typeof effectiveAgreementState>, event: AgreementEvent): AppError {
  return ruleViolation({
    zh: `协议当前为“${AGREEMENT_STATE_LABELS[state].zh}”，不能“${AGREEMENT_EVENT_LABELS[event].zh}”。协议须依次签订、鉴证、备案（R6）。`,
    en: `An agreement that is "${AGREEMENT_STATE_LABELS[state].en}" cannot be "${AGREEMENT_EVENT_LABELS[event].en}" (R6).`,
  });
}

function checkStepDate(ctx: ReadContext, row: Row<'agreements'>, date: string): void {
  const previous = [row.created_at.slice(0, 10), row.signed_on, row.witnessed_on].filter((d): d is string => d !== null).sort().at(-1)!;
  if (date < previous) throw ruleViolation({ zh: `日期不能早于上一步的日期 ${previous}。`, en: `The date cannot precede the previous step (${previous}).` }, 'date');
  if (date > today(ctx.clock)) throw ruleViolation({ zh: '日期不能晚于今天。请在办理当天或之后登记。', en: 'The date cannot be in the future.' }, 'date');
}

/** R6/R10: the coop draws up the agreement of an approved hire. */
export async function draftAgreement(ctx: MutationContext, townId: string, input: AgreementDraftInput): Promise<Agreement> {
  authorize(ctx.actor, 'agreement.manage');
  // Locked (its person, then the request): two drafts for one hire at once make one agreement (#13).
  const request = await lockRequest(ctx, townId, input.hiringRequestId);
  if (!request || !(await inScope(ctx, ctx.db, 'hiring_requests', townId, request.id, 'agreement.manage'))) throw invalidReference({ zh: '招录申请', en: 'hiring request' }, 'hiringRequestId');
  if (request.state !== 'approved') throw ruleViolation({ zh: '只能为已批准的招录申请拟订协议（R10：须先经镇人事部门批准）。', en: 'Only an approved hire gets an agreement (R10).' }, 'hiringRequestId');
  const existing = await ctx.db.selectFrom('agreements').select('id').where('town_id', '=', townId).where('hiring_request_id', '=', request.id).where('state', '!=', 'terminated').executeTakeFirst();
  if (existing) throw ruleViolation({ zh: '该招录申请已有协议，请在协议列表中继续办理。', en: 'This hire already has an agreement.' }, 'hiringRequestId');
  const post = JSON.parse(request.post_json) as PostInput;
  const start = input.termStart ?? request.start_date;
  if (start < request.start_date) throw ruleViolation({ zh: `协议起始日不能早于批准的上岗日期 ${request.start_date}。`, en: `The term cannot start before ${request.start_date}.` }, 'termStart');
  const row = await insertDraft(
    ctx,
    townId,
    { person_id: request.person_id, employment_id: null, team_id: post.teamId, managing_department_id: post.managingDepartmentId, community_id: post.communityId, duty: post.duty, pay_scheme: post.payScheme },
    { start, months: input.termMonths },
    { hiringRequestId: request.id },
  );
  const created = await getAgreement(ctx, townId, row.id);
  await recordAudit(ctx, { townId, action: 'agreement.draft', objectType: 'agreement', objectId: row.id, after: created });
  return created;
}

async function applyAction(ctx: MutationContext, townId: string, row: Row<'agreements'>, action: AgreementAction): Promise<void> {
  const state = effectiveAgreementState(row.state as StoredAgreementState, { start: row.term_start, end: row.term_end }, today(ctx.clock));
  const next = nextAgreementState(state, action.event);
  if (!next) throw refuseTransition(state, action.event);
  const now = shanghaiTimestamp(ctx.clock.now());
  const where = (q: ReturnType<typeof ctx.db.updateTable<'agreements'>>) => q.where('town_id', '=', townId).where('id', '=', row.id);
  switch (action.event) {
    case 'sign':
      checkStepDate(ctx, row, action.date);
      await where(ctx.db.updateTable('agreements')).set({ state: next, signed_on: action.date, updated_at: now }).execute();
      break;
    case 'file':
      checkStepDate(ctx, row, action.date);
      await where(ctx.db.updateTable('agreements')).set({ state: next, filed_on: action.date, filing_number: action.filingNumber, updated_at: now }).execute();
      await putOnPost(ctx, townId, row);
      break;
    case 'terminate':
      await where(ctx.db.updateTable('agreements')).set({ state: next, terminated_on: action.date, termination_reason: action.reason, updated_at: now }).execute();
      break;
  }
}

/** R10: filing an approved hire's agreement turns its held vacancy into a post, active from the term's start. */
async function putOnPost(ctx: MutationContext, townId: string, row: Row<'agreements'>): Promise<void> {
  if (!row.hiring_request_id || row.employment_id) return;
  const request = await hiring.findRequest(ctx.db, townId, row.hiring_request_id);
  if (!request || request.state !== 'approved') return;
  const person = await workers.findPerson(ctx.db, townId, row.person_id);
  if (!person) throw notFound({ zh: '人员', en: 'Person' });
  const taken = await workers.activeRegistrations(ctx.db, [person.id_hash]);
  if (taken.length > 0) throw ruleViolation({ zh: `该人员已在${taken[0]!.town_name}在岗（一人一岗），不能备案上岗。`, en: `This person already holds a post in ${taken[0]!.town_name}.` });
  const post = { ...(JSON.parse(request.post_json) as PostInput), startDate: row.term_start };
  const created = await startEmployment(ctx, townId, person, post);
  await ctx.db.updateTable('agreements').set({ employment_id: created.employment_id }).where('town_id', '=', townId).where('id', '=', row.id).execute();
  await completeHire(ctx, townId, request.id);
  await assertWithinQuota(ctx, townId, [created.team_id]);
}

/** Sign, file or terminate one agreement (the coop, R6). */
export async function actOnAgreement(ctx: MutationContext, townId: string, id: string, action: AgreementAction): Promise<Agreement> {
  authorize(ctx.actor, 'agreement.manage');
  const row = await requireInScope(ctx, townId, id, 'agreement.manage');
  const before = await getAgreement(ctx, townId, id);
  await applyAction(ctx, townId, row, action);
  const after = await getAgreement(ctx, townId, id);
  await recordAudit(ctx, { townId, action: `agreement.${action.event}`, objectType: 'agreement', objectId: id, before, after });
  return after;
}

/** R6: the team's supervising department on that date witnesses (鉴证); no other department may. */
async function applyWitness(ctx: MutationContext, townId: string, row: Row<'agreements'>, input: WitnessInput): Promise<void> {
  const state = effectiveAgreementState(row.state as StoredAgreementState, { start: row.term_start, end: row.term_end }, today(ctx.clock));
  if (!nextAgreementState(state, 'witness')) throw refuseTransition(state, 'witness');
  const grants = grantsFor(ctx.actor, 'agreement.witness');
  if (ctx.actor.kind === 'user' && !grants.some((g) => g.scopeKind === 'town' || g.scopeId === input.departmentId)) {
    throw ruleViolation({ zh: '只能以本部门名义鉴证。请选择您所在的部门。', en: 'You may witness only for your own department.' }, 'departmentId');
  }
  checkStepDate(ctx, row, input.date);
  const supervisor = await repo.supervisorOn(ctx.db, townId, row.team_id, input.date);
  if (supervisor?.supervising_department_id !== input.departmentId) {
    throw ruleViolation(
      { zh: '鉴证部门不是该服务队的主管部门（R6：由主管部门对协议进行鉴证）。请由该队的主管部门鉴证。', en: 'The witnessing department does not supervise this team (R6). The supervising department must witness.' },
      'departmentId',
    );
  }
  await ctx.db
    .updateTable('agreements')
    .set({ state: 'witnessed', witnessed_on: input.date, witness_department_id: input.departmentId, updated_at: shanghaiTimestamp(ctx.clock.now()) })
    .where('town_id', '=', townId)
    .where('id', '=', row.id)
    .execute();
}

export async function witnessAgreement(ctx: MutationContext, townId: string, id: string, input: WitnessInput): Promise<Agreement> {
  authorize(ctx.actor, 'agreement.witness');
  const row = await requireInScope(ctx, townId, id, 'agreement.witness');
  const before = await getAgreement(ctx, townId, id);
  await applyWitness(ctx, townId, row, input);
  const after = await getAgreement(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'agreement.witness', objectType: 'agreement', objectId: id, before, after });
  return after;
}

/** One step for many agreements, all or nothing; each row's refusal names the worker. */
export async function batchAgreements(
  ctx: MutationContext,
  townId: string,
  ids: string[],
  action: Action,
  step: (row: Row<'agreements'>, index: number) => Promise<void>,
): Promise<{ done: number; agreements: Agreement[] }> {
  authorize(ctx.actor, action);
  const unique = [...new Set(ids)];
  await lockAgreements(ctx, townId, unique);
  for (const [i, id] of unique.entries()) {
    const row = await requireInScope(ctx, townId, id, action);
    try {
      await step(row, i);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const person = await workers.findPerson(ctx.db, townId, row.person_id);
      throw new AppError(e.code, { zh: `${person?.name ?? ''}：${e.text.zh}`, en: `${person?.name ?? ''}: ${e.text.en}` }, `agreementIds.${i}`);
    }
  }
  const agreements = (await rows(ctx, townId, { ids: unique }, unique.length, 0)).map((r) => toAgreement(ctx, r));
  await recordAudit(ctx, { townId, action: `${action}.batch`, objectType: 'agreement', objectId: townId, after: { ids: unique, states: agreements.map((a) => a.state) } });
  return { done: unique.length, agreements };
}

export function batchAct(ctx: MutationContext, townId: string, ids: string[], action: AgreementAction) {
  const numbered = (i: number): AgreementAction => (action.event === 'file' && ids.length > 1 ? { ...action, filingNumber: `${action.filingNumber}-${i + 1}` } : action);
  return batchAgreements(ctx, townId, ids, 'agreement.manage', (row, i) => applyAction(ctx, townId, row, numbered(i)));
}

export function batchWitness(ctx: MutationContext, townId: string, ids: string[], input: WitnessInput) {
  return batchAgreements(ctx, townId, ids, 'agreement.witness', (row) => applyWitness(ctx, townId, row, input));
}

/**
 * R8: renews every chosen agreement whose worker passed the annual assessment: the old one is
 * marked renewed and a draft for the next term (from the worker's current post) goes through
 * signing, witnessing and filing again. The rest are listed with the reason they are held back.
 */
export async function renewAgreements(ctx: MutationContext, townId: string, input: RenewalInput): Promise<RenewalResult> {
  authorize(ctx.actor, 'agreement.manage');
  if (!input.agreementIds && !input.teamId && !input.coopId) {
    throw ruleViolation({ zh: '请选择要续签的协议，或指定服务队、服务社。', en: 'Choose agreements, a team or a coop.' }, 'agreementIds');
  }
  const on = today(ctx.clock);
  const scope = input.agreementIds ? { ids: input.agreementIds } : { teamId: input.teamId, coopId: input.coopId, expiringWithin: input.withinDays || 1 };
  let candidates = await rows(ctx, townId, scope, 5000, 0);
  if (!input.dryRun) {
    // #13: locked, then read again, so that a renewal racing another renews each agreement once.
    await lockAgreements(ctx, townId, candidates.map((r) => r.id));
    candidates = await rows(ctx, townId, scope, 5000, 0);
  }
  const ids = candidates.map((r) => r.id);
  const posts = new Map<string, Row<'posts'>>();
  const manageable = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    for (const p of await workers.currentPostsOf(ctx.db, townId, chunk.map((r) => r.person_id))) posts.set(p.person_id, p);
    for (const id of await inScopeIds(ctx, townId, chunk.map((r) => r.id), 'agreement.manage')) manageable.add(id);
  }
  const result: RenewalResult = { dryRun: input.dryRun, renewed: [], heldBack: [] };
  for (const r of candidates) {
    const state = effectiveAgreementState(r.state as StoredAgreementState, { start: r.term_start, end: r.term_end }, on);
    const gate = renewalGate(r);
    const post = posts.get(r.person_id);
    const held = (reason: string) => result.heldBack.push({ agreementId: r.id, name: r.name, reason });
    if (!nextAgreementState(state, 'renew')) held(`协议当前为“${AGREEMENT_STATE_LABELS[state].zh}”，不能续签。`);
    else if (!manageable.has(r.id)) held('不在您的管辖范围内。');
    else if (!post || post.status === 'exited') held('该人员已离岗。');
    else if (!gate.eligible) held(gate.reason);
    else {
      const start = addDays(r.term_end, 1);
      let newId: string | null = null;
      if (!input.dryRun) {
        await ctx.db.updateTable('agreements').set({ state: 'renewed', updated_at: shanghaiTimestamp(ctx.clock.now()) }).where('town_id', '=', townId).where('id', '=', r.id).execute();
        newId = (await insertDraft(ctx, townId, post, { start }, { previousAgreementId: r.id })).id;
      }
      result.renewed.push({ agreementId: r.id, newAgreementId: newId, name: r.name, termStart: start, termEnd: termEnd(start, ruleValue('agreement.termMonths', start)) });
    }
  }
  if (!input.dryRun) {
    await recordAudit(ctx, { townId, action: 'agreement.renew', objectType: 'agreement', objectId: townId, after: { renewed: result.renewed.map((x) => x.agreementId), heldBack: result.heldBack } });
  }
  return result;
}

/** R8 until #6: town HR enters an annual result by hand; #6's annual assessment will write the same table. */
export async function recordAnnualResult(ctx: MutationContext, townId: string, input: AnnualResultInput): Promise<{ personId: string; year: number; outcome: AnnualOutcome }> {
  authorize(ctx.actor, 'annual_result.manage');
  const person = await workers.findPerson(ctx.db, townId, input.personId);
  if (!person) throw invalidReference({ zh: '人员', en: 'person' }, 'personId');
  const now = shanghaiTimestamp(ctx.clock.now());
  const before = await ctx.db.selectFrom('annual_results').selectAll().where('town_id', '=', townId).where('person_id', '=', input.personId).where('year', '=', input.year).executeTakeFirst();
  if (before) {
    await ctx.db.updateTable('annual_results').set({ outcome: input.outcome, note: input.note, recorded_by: ctx.actor.display, recorded_at: now }).where('town_id', '=', townId).where('person_id', '=', input.personId).where('year', '=', input.year).execute();
  } else {
    await ctx.db.insertInto('annual_results').values({ town_id: townId, person_id: input.personId, year: input.year, outcome: input.outcome, note: input.note, recorded_by: ctx.actor.display, recorded_at: now }).execute();
  }
  await recordAudit(ctx, { townId, action: 'annual_result.record', objectType: 'worker', objectId: input.personId, before, after: input });
  return { personId: input.personId, year: input.year, outcome: input.outcome };
}
