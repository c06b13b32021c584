import { addDays, shanghaiTimestamp, type ExitReason, type PostInput } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext } from '../../http/context.js';
import { ruleViolation } from '../../http/errors.js';
import { newPostRow } from '../workers/post-rules.js';
import * as workers from '../workers/workers.repository.js';

// The post records that hiring, transfers and exits write (#5). A post version is never edited:
// each step closes the current version the day before and adds the next one (R5).

/** Starts a new employment of an existing person (a completed hire, R10): the post is active from its start date. */
export async function startEmployment(ctx: MutationContext, townId: string, person: Row<'persons'>, post: PostInput): Promise<Row<'posts'>> {
  const row = { ...newPostRow(ctx, townId, person.id, person.name, post, ctx.newId()), created_at: shanghaiTimestamp(ctx.clock.now()) };
  const previous = await workers.currentPost(ctx.db, townId, person.id);
  if (previous) {
    if (previous.status !== 'exited') throw ruleViolation({ zh: '该人员已有在岗岗位，不能重复上岗（一人一岗）。', en: 'This person already holds a post.' });
    await ctx.db.updateTable('posts').set({ is_current: 0 }).where('town_id', '=', townId).where('id', '=', previous.id).execute();
  }
  await ctx.insertRows('posts', [row]);
  await ctx.db.insertInto('active_id_register').values({ id_hash: person.id_hash, town_id: townId, person_id: person.id, employment_id: row.employment_id, since: post.startDate }).execute();
  await workers.bumpRosterStamp(ctx.db, townId);
  return row;
}

/** A transfer (R10: an exit from the old team and a hire into the new one), from the new post's start date. */
export async function movePost(ctx: MutationContext, townId: string, current: Row<'posts'>, post: PostInput): Promise<Row<'posts'>> {
  if (post.startDate <= current.valid_from) {
    throw ruleViolation({ zh: `调队日期须晚于当前岗位记录的生效日期 ${current.valid_from}。`, en: `The transfer must start after ${current.valid_from}.` }, 'post.startDate');
  }
  await workers.closePost(ctx.db, townId, current.id, addDays(post.startDate, -1));
  const row = {
    ...newPostRow(ctx, townId, current.person_id, current.person_name, { ...post, note: post.note || '调队' }, ctx.newId()),
    created_at: shanghaiTimestamp(ctx.clock.now()),
  };
  await ctx.insertRows('posts', [row]);
  await ctx.db.updateTable('active_id_register').set({ employment_id: row.employment_id }).where('person_id', '=', current.person_id).where('town_id', '=', townId).execute();
  await workers.bumpRosterStamp(ctx.db, townId);
  return row;
}

/** Ends a post from `exitDate` (pay ends from that day) and frees the ID number for another post. */
export async function endEmployment(ctx: MutationContext, townId: string, person: Row<'persons'>, current: Row<'posts'>, exitDate: string, reason: ExitReason, note: string): Promise<Row<'posts'>> {
  if (exitDate <= current.valid_from) {
    throw ruleViolation({ zh: `离岗日期须晚于当前岗位记录的生效日期 ${current.valid_from}。`, en: `The exit date must be after ${current.valid_from}.` }, 'exitDate');
  }
  await workers.closePost(ctx.db, townId, current.id, addDays(exitDate, -1));
  const row: Row<'posts'> = {
    ...current,
    id: ctx.newId(),
    status: 'exited',
    exit_reason: reason,
    note,
    valid_from: exitDate,
    valid_to: null,
    is_current: 1,
    created_at: shanghaiTimestamp(ctx.clock.now()),
    created_by: ctx.actor.display,
  };
  await ctx.insertRows('posts', [row]);
  await workers.unregister(ctx.db, person.id_hash);
  await workers.bumpRosterStamp(ctx.db, townId);
  return row;
}
