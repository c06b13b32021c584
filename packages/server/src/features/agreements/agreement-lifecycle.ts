import { addDays, addMonths, ruleValue, shanghaiTimestamp } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext } from '../../http/context.js';
import { ruleViolation } from '../../http/errors.js';
import * as repo from './agreements.repository.js';

// Agreements written by other steps: a draft for a hire, a transfer or a renewal, and the
// termination that goes with an exit (R6, R8, R10).

export interface AgreementPost {
  person_id: string;
  employment_id: string | null;
  team_id: string;
  managing_department_id: string;
  community_id: string | null;
  duty: string;
  pay_scheme: string;
}

/** The last day of a term of `months` starting `start` (12 months from 2026-01-01 end 2026-12-31). */
export function termEnd(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

/** A draft agreement for a post: the team's coop is the employer, its supervising department the witness (R6). */
export async function insertDraft(
  ctx: MutationContext,
  townId: string,
  post: AgreementPost,
  term: { start: string; months?: number | undefined },
  links: { hiringRequestId?: string | null; previousAgreementId?: string | null },
): Promise<Row<'agreements'>> {
  const team = await ctx.db.selectFrom('teams').select(['coop_id', 'name']).where('town_id', '=', townId).where('id', '=', post.team_id).executeTakeFirstOrThrow();
  const supervisor = await repo.supervisorOn(ctx.db, townId, post.team_id, term.start);
  if (!supervisor) {
    throw ruleViolation({ zh: `服务队“${team.name}”在 ${term.start} 没有主管部门，协议无人鉴证（R6）。请先在组织架构中为该队设定管理关系。`, en: `Team "${team.name}" has no supervising department on ${term.start} (R6).` });
  }
  const now = shanghaiTimestamp(ctx.clock.now());
  const row: Row<'agreements'> = {
    town_id: townId,
    id: ctx.newId(),
    person_id: post.person_id,
    employment_id: post.employment_id,
    team_id: post.team_id,
    coop_id: team.coop_id,
    supervising_department_id: supervisor.supervising_department_id,
    managing_department_id: post.managing_department_id,
    community_id: post.community_id,
    duty: post.duty,
    pay_scheme: post.pay_scheme,
    term_start: term.start,
    term_end: termEnd(term.start, term.months ?? ruleValue('agreement.termMonths', term.start)),
    state: 'draft',
    signed_on: null,
    witnessed_on: null,
    witness_department_id: null,
    filing_number: null,
    filed_on: null,
    terminated_on: null,
    termination_reason: '',
    hiring_request_id: links.hiringRequestId ?? null,
    previous_agreement_id: links.previousAgreementId ?? null,
    created_by: ctx.actor.display,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('agreements').values(row).execute();
  return row;
}

/** A transferred worker's new agreement with the new team's coop, from the transfer date (R6, R10). */
export async function draftForTransfer(ctx: MutationContext, townId: string, post: Row<'posts'>, hiringRequestId: string): Promise<Row<'agreements'>> {
  return insertDraft(ctx, townId, post, { start: post.start_date }, { hiringRequestId });
}

/** Ends the person's open agreement from `on` (exit, transfer, withdrawn hire). */
export async function terminateCurrentAgreement(ctx: MutationContext, townId: string, personId: string, on: string, reason: string): Promise<Row<'agreements'> | null> {
  const open = await repo.openAgreementOf(ctx.db, townId, personId);
  if (!open) return null;
  await ctx.db
    .updateTable('agreements')
    .set({ state: 'terminated', terminated_on: on, termination_reason: reason, updated_at: shanghaiTimestamp(ctx.clock.now()) })
    .where('town_id', '=', townId)
    .where('id', '=', open.id)
    .execute();
  return open;
}
