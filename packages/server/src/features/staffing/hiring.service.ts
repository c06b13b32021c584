import {
  maskIdNumber,
  shanghaiTimestamp,
  type HiringDecision,
  type HiringQuerySchema,
  type HiringRequest,
  type HiringRequestInput,
  type Page,
  type PersonInput,
  type PostInput,
  type TransferInput,
} from '@gongyi/domain';
import type { z } from 'zod';
import type { Row } from '../../db/schema.js';
import { lockRow, offsetOf, toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import { encodePerson, idHash, refreshedPersonColumns } from '../workers/person-codec.js';
import { checkPayScheme, checkPostReferences } from '../workers/post-rules.js';
import * as workers from '../workers/workers.repository.js';
import { draftForTransfer, terminateCurrentAgreement } from '../agreements/agreement-lifecycle.js';
import { movePost } from './employment.js';
import * as repo from './hiring.repository.js';
import * as quota from './quota.repository.js';
import { assertWithinQuota } from './quota.service.js';
import { inScope, scopeCondition } from './staffing-scope.js';

// R10, one out, one in: a daily-managing unit or supervising department asks for a hire (or a
// transfer) into a team; town HR approves it against a vacancy, which the approved request then
// holds; the coop's agreement (features/agreements) completes it when filed.

const REQUEST = { zh: '招录申请', en: 'Hiring request' };
type HiringQuery = z.infer<typeof HiringQuerySchema>;

function toRequest(ctx: ReadContext, r: Awaited<ReturnType<typeof listRows>>[number]): HiringRequest {
  return {
    id: r.id,
    kind: r.kind as HiringRequest['kind'],
    personId: r.person_id,
    name: r.name,
    idNumberMasked: maskIdNumber(ctx.keyring.decrypt(r.id_cipher)),
    teamId: r.team_id,
    teamName: r.team_name,
    coopName: r.coop_name,
    managingDepartmentName: r.managing_department_name,
    duty: (JSON.parse(r.post_json) as PostInput).duty,
    startDate: r.start_date,
    state: r.state as HiringRequest['state'],
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    agreementId: r.agreement_id,
    agreementState: (r.agreement_state ?? null) as HiringRequest['agreementState'],
  };
}

async function listRows(ctx: ReadContext, townId: string, filter: { state?: string | undefined; teamId?: string | undefined; id?: string }, limit: number, offset: number) {
  const condition = await scopeCondition(ctx, 'hiring.read');
  let q = repo.hiringRows(ctx.db, townId).where((eb) => condition(eb));
  if (filter.state) q = q.where('p.state', '=', filter.state);
  if (filter.teamId) q = q.where('p.team_id', '=', filter.teamId);
  if (filter.id) q = q.where('p.id', '=', filter.id);
  return q.select(repo.HIRING_COLUMNS).orderBy('p.requested_at', 'desc').orderBy('p.id', 'desc').limit(limit).offset(offset).execute();
}

export async function listHiring(ctx: ReadContext, townId: string, query: HiringQuery): Promise<Page<HiringRequest>> {
  authorize(ctx.actor, 'hiring.read');
  const condition = await scopeCondition(ctx, 'hiring.read');
  let count = repo.hiringRows(ctx.db, townId).where((eb) => condition(eb));
  if (query.state) count = count.where('p.state', '=', query.state);
  if (query.teamId) count = count.where('p.team_id', '=', query.teamId);
  const [rows, total] = await Promise.all([
    listRows(ctx, townId, query, query.pageSize, offsetOf(query)),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows.map((r) => toRequest(ctx, r)), Number(total.n), query);
}

export async function getHiring(ctx: ReadContext, townId: string, id: string): Promise<HiringRequest> {
  authorize(ctx.actor, 'hiring.read');
  const [row] = await listRows(ctx, townId, { id }, 1, 0);
  if (!row) throw notFound(REQUEST);
  return toRequest(ctx, row);
}

/** R10: a request must leave a vacancy to fill; the binding check is at approval, which holds the place. */
async function assertVacancy(ctx: MutationContext, townId: string, teamId: string): Promise<void> {
  const plan = await quota.planOn(ctx.db, townId, today(ctx.clock));
  if (!plan) return;
  const shape = await quota.planShape(ctx.db, townId, plan);
  const teamQuota = shape.teams.find((t) => t.teamId === teamId)?.quota ?? 0;
  const held = (await quota.occupancy(ctx.db, townId, today(ctx.clock))).filter((o) => o.teamId === teamId).reduce((s, o) => s + o.filled + o.reserved, 0);
  if (held >= teamQuota) {
    throw ruleViolation(
      {
        zh: `该服务队核定职数 ${teamQuota} 人，已在岗及已批待岗 ${held} 人，没有空岗（R10 一进一出）。请待有人员离岗腾出空岗后再申请，或选择有空岗的服务队。`,
        en: `The team has a quota of ${teamQuota} and ${held} places held: no vacancy (R10). Wait for an exit or choose a team with a vacancy.`,
      },
      'post.teamId',
    );
  }
}

function assertStartNotBeforeRequest(ctx: ReadContext, startDate: string): void {
  const on = today(ctx.clock);
  if (startDate < on) {
    throw ruleViolation(
      { zh: `上岗日期 ${startDate} 早于申请日期 ${on}。上岗须经审批、签订并备案协议之后（R6、R10），请填写今天或以后的日期。`, en: `The start date ${startDate} is before the request (${on}). Choose today or later (R6, R10).` },
      'post.startDate',
    );
  }
}

/** The candidate as a person of the town: a new record, or the existing one (a former worker) brought up to date. */
async function candidate(ctx: MutationContext, townId: string, input: PersonInput): Promise<Row<'persons'>> {
  const hash = idHash(ctx.keyring, input.idNumber);
  const taken = await workers.activeRegistrations(ctx.db, [hash]);
  if (taken.length > 0) {
    throw ruleViolation(
      { zh: `该身份证号已在${taken[0]!.town_name}在岗（一人只能有一个在岗岗位）。如属本镇调队，请使用“调队申请”。`, en: `This ID number already holds an active post in ${taken[0]!.town_name}. Use a transfer within the town.` },
      'person.idNumber',
    );
  }
  const now = shanghaiTimestamp(ctx.clock.now());
  const [existing] = await workers.findPersonsByIdHash(ctx.db, townId, [hash]);
  if (existing) {
    // #13: two requests for one former worker at once: the second waits here and then sees the first.
    await lockRow(ctx, 'persons', townId, existing.id);
    if ((await repo.openRequestsOf(ctx.db, townId, existing.id)).length > 0) {
      throw ruleViolation({ zh: '该人员已有待处理的招录申请，请勿重复申请。', en: 'This person already has an open hiring request.' }, 'person.idNumber');
    }
    const refreshed = { ...refreshedPersonColumns(ctx.keyring, existing, input), updated_at: now };
    await workers.updatePersonRow(ctx.db, townId, existing.id, refreshed); // bumps the roster stamp
    return { ...existing, ...refreshed };
  }
  const encoded = encodePerson(ctx.keyring, input);
  const row: Row<'persons'> = { town_id: townId, id: ctx.newId(), ...encoded, created_at: now, updated_at: now };
  await ctx.insertRows('persons', [row]);
  // The roster's cached pages and shared-contact flags key on the stamp: a candidate's phone counts at once.
  await workers.bumpRosterStamp(ctx.db, townId);
  return row;
}

async function insertRequest(ctx: MutationContext, townId: string, kind: 'hire' | 'transfer', personId: string, post: PostInput, reason: string): Promise<string> {
  const id = ctx.newId();
  await ctx.db
    .insertInto('hiring_requests')
    .values({
      town_id: townId,
      id,
      kind,
      person_id: personId,
      team_id: post.teamId,
      managing_department_id: post.managingDepartmentId,
      community_id: post.communityId,
      post_json: JSON.stringify(post),
      start_date: post.startDate,
      state: 'requested',
      reason,
      requested_by: ctx.actor.display,
      requested_at: shanghaiTimestamp(ctx.clock.now()),
      decided_by: null,
      decided_at: null,
      decision_reason: '',
    })
    .execute();
  if (!(await inScope(ctx, ctx.db, 'hiring_requests', townId, id, 'hiring.request'))) {
    throw new AppError('forbidden', { zh: '只能为本部门管理或主管的服务队申请招录。请检查所属队伍和日常管理单位。', en: 'You may request hires only for teams your department manages or supervises.' }, 'post.teamId');
  }
  return id;
}

async function checkPost(ctx: MutationContext, townId: string, post: PostInput): Promise<void> {
  checkPayScheme(post, 'post.');
  await checkPostReferences(ctx, townId, post, post.startDate, 'post.');
  assertStartNotBeforeRequest(ctx, post.startDate);
  await assertVacancy(ctx, townId, post.teamId);
}

/** R10: asks for a new worker in a team with a vacancy. */
export async function requestHire(ctx: MutationContext, townId: string, input: HiringRequestInput): Promise<HiringRequest> {
  authorize(ctx.actor, 'hiring.request');
  await requireTown(ctx.db, townId);
  await checkPost(ctx, townId, input.post);
  const person = await candidate(ctx, townId, input.person);
  const id = await insertRequest(ctx, townId, 'hire', person.id, input.post, input.reason);
  const created = await getHiring(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'hiring.request', objectType: 'hiring_request', objectId: id, after: created });
  return created;
}

/** R10: a transfer between teams is an exit and a hire; it needs a vacancy in the new team and town HR's approval. */
export async function requestTransfer(ctx: MutationContext, townId: string, input: TransferInput): Promise<HiringRequest> {
  authorize(ctx.actor, 'hiring.request');
  await lockRow(ctx, 'persons', townId, input.personId);
  const current = await workers.currentPost(ctx.db, townId, input.personId);
  if (!current || current.status === 'exited') throw ruleViolation({ zh: '只有在岗人员才能调队。', en: 'Only a worker with a post can transfer.' }, 'personId');
  if (current.team_id === input.post.teamId) throw ruleViolation({ zh: '调入的服务队与现服务队相同。队内岗位调整请用“岗位变更”。', en: 'The new team is the current team; use a post change.' }, 'post.teamId');
  if ((await repo.openRequestsOf(ctx.db, townId, input.personId)).length > 0) {
    throw ruleViolation({ zh: '该人员已有待处理的申请，请勿重复申请。', en: 'This person already has an open request.' }, 'personId');
  }
  await checkPost(ctx, townId, input.post);
  const id = await insertRequest(ctx, townId, 'transfer', input.personId, input.post, input.reason);
  const created = await getHiring(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'hiring.transfer.request', objectType: 'hiring_request', objectId: id, after: created });
  return created;
}

/**
 * #13: a request is decided, withdrawn or completed once. Its person's row is locked first (as an
 * exit, a post change or an agreement step of that person locks it), then the request is read again.
 */
export async function lockRequest(ctx: MutationContext, townId: string, id: string): Promise<Row<'hiring_requests'> | undefined> {
  const seen = await repo.findRequest(ctx.db, townId, id);
  if (!seen) return undefined;
  await lockRow(ctx, 'persons', townId, seen.person_id);
  return lockRow(ctx, 'hiring_requests', townId, id);
}

/**
 * R10: town HR approves against a vacancy (the approved request holds it until the agreement is
 * filed) or rejects with a reason. A transfer moves the post at once and starts a new agreement.
 */
export async function decideHiring(ctx: MutationContext, townId: string, id: string, input: HiringDecision): Promise<HiringRequest> {
  authorize(ctx.actor, 'hiring.approve');
  const row = await lockRequest(ctx, townId, id);
  if (!row) throw notFound(REQUEST);
  if (row.state !== 'requested') throw ruleViolation({ zh: '该申请已处理，不能再次审批。', en: 'This request has already been decided.' });
  const before = await getHiring(ctx, townId, id);
  const decided = { decided_by: ctx.actor.display, decided_at: shanghaiTimestamp(ctx.clock.now()), decision_reason: input.reason };
  if (input.decision === 'reject') {
    if (!input.reason) throw ruleViolation({ zh: '驳回申请须填写理由，理由将告知申请单位。', en: 'A rejection needs a reason.' }, 'reason');
    await repo.setState(ctx.db, townId, id, { state: 'rejected', ...decided });
  } else if (row.kind === 'transfer') {
    await approveTransfer(ctx, townId, row);
    await repo.setState(ctx.db, townId, id, { state: 'completed', ...decided });
  } else {
    await repo.setState(ctx.db, townId, id, { state: 'approved', ...decided });
    await assertWithinQuota(ctx, townId, [row.team_id]);
  }
  const after = await getHiring(ctx, townId, id);
  await recordAudit(ctx, { townId, action: `hiring.${input.decision}`, objectType: 'hiring_request', objectId: id, before, after });
  return after;
}

async function approveTransfer(ctx: MutationContext, townId: string, row: Row<'hiring_requests'>): Promise<void> {
  const current = await workers.currentPost(ctx.db, townId, row.person_id);
  if (!current || current.status === 'exited') throw ruleViolation({ zh: '该人员已离岗，不能调队。', en: 'The worker has exited.' });
  const post = JSON.parse(row.post_json) as PostInput;
  const moved = await movePost(ctx, townId, current, post);
  await assertWithinQuota(ctx, townId, [row.team_id]);
  await terminateCurrentAgreement(ctx, townId, row.person_id, post.startDate, '调队（R10）');
  await draftForTransfer(ctx, townId, moved, row.id);
}

/** The requester withdraws a request that has no filed agreement; an approved one frees its vacancy. */
export async function cancelHiring(ctx: MutationContext, townId: string, id: string, reason: string): Promise<HiringRequest> {
  authorize(ctx.actor, 'hiring.request');
  const row = await lockRequest(ctx, townId, id);
  if (!row || !(await inScope(ctx, ctx.db, 'hiring_requests', townId, id, 'hiring.request'))) throw notFound(REQUEST);
  if (row.state !== 'requested' && row.state !== 'approved') throw ruleViolation({ zh: '只能撤销待审批或已批准（尚未上岗）的申请。', en: 'Only open requests can be cancelled.' });
  const before = await getHiring(ctx, townId, id);
  if (before.agreementState && !['draft', 'signed', 'witnessed', 'terminated'].includes(before.agreementState)) {
    throw ruleViolation({ zh: '协议已备案，不能撤销招录申请；请办理离岗。', en: 'The agreement is filed; record an exit instead.' });
  }
  if (before.agreementId) await terminateCurrentAgreement(ctx, townId, row.person_id, today(ctx.clock), `招录申请撤销：${reason}`);
  await repo.setState(ctx.db, townId, id, { state: 'cancelled', decision_reason: reason });
  const after = await getHiring(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'hiring.cancel', objectType: 'hiring_request', objectId: id, before, after });
  return after;
}

/** Called when the coop files the agreement of an approved hire: the vacancy it held becomes a filled post. */
export async function completeHire(ctx: MutationContext, townId: string, id: string): Promise<void> {
  await repo.setState(ctx.db, townId, id, { state: 'completed' });
}
