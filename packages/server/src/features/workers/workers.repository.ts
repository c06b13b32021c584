import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { POST_COLUMNS, postsWithNames } from './roster.repository.js';

export function findPerson(db: Executor, townId: string, id: string) {
  return db.selectFrom('persons').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findPersonsByIdHash(db: Executor, townId: string, hashes: string[]) {
  return db.selectFrom('persons').selectAll().where('town_id', '=', townId).where('id_hash', 'in', hashes).execute();
}

/** A person's post versions, newest first, with names. */
export function postHistory(db: Executor, townId: string, personId: string) {
  return postsWithNames(db, townId).where('p.person_id', '=', personId).select(POST_COLUMNS).orderBy('p.valid_from', 'desc').orderBy('p.created_at', 'desc').execute();
}

export function currentPost(db: Executor, townId: string, personId: string) {
  return db.selectFrom('posts').selectAll().where('town_id', '=', townId).where('person_id', '=', personId).where('is_current', '=', 1).executeTakeFirst();
}

export function currentPostsOf(db: Executor, townId: string, personIds: string[]) {
  return db.selectFrom('posts').selectAll().where('town_id', '=', townId).where('person_id', 'in', personIds).where('is_current', '=', 1).execute();
}

export async function closePost(db: Executor, townId: string, id: string, validTo: string): Promise<void> {
  await db.updateTable('posts').set({ valid_to: validTo, is_current: 0 }).where('town_id', '=', townId).where('id', '=', id).execute();
}

export async function updatePersonRow(db: Executor, townId: string, id: string, patch: Partial<Row<'persons'>>): Promise<void> {
  await db.updateTable('persons').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
  if (patch.name) await db.updateTable('posts').set({ person_name: patch.name }).where('town_id', '=', townId).where('person_id', '=', id).execute();
}

/** Which of these ID hashes hold an active post anywhere in the deployment, and in which town. */
export function activeRegistrations(db: Executor, hashes: string[]) {
  return db
    .selectFrom('active_id_register as r')
    .innerJoin('towns as t', 't.id', 'r.town_id')
    .select(['r.id_hash', 'r.town_id', 't.name as town_name', 'r.person_id'])
    .where('r.id_hash', 'in', hashes)
    .execute();
}

export async function unregister(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('active_id_register').where('id_hash', '=', idHash).execute();
}

/** Bumps the town's roster stamp (cached counts are keyed on it). */
export async function bumpRosterStamp(db: Executor, townId: string): Promise<void> {
  const updated = await db.updateTable('roster_stamps').set((eb) => ({ version: eb('version', '+', 1) })).where('town_id', '=', townId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('roster_stamps').values({ town_id: townId, version: 1 }).execute();
}

export async function rosterStamp(db: Executor, townId: string): Promise<number> {
  const row = await db.selectFrom('roster_stamps').select('version').where('town_id', '=', townId).executeTakeFirst();
  return Number(row?.version ?? 0);
}
