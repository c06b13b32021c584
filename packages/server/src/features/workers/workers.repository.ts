import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { reusableQuery } from '../../http/reusable-query.js';
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

/** Updates a person; the roster shows people, so the roster stamp moves with it (every caller, #4 and #5's hiring). */
export async function updatePersonRow(db: Executor, townId: string, id: string, patch: Partial<Row<'persons'>>): Promise<void> {
  await db.updateTable('persons').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
  if (patch.name) await db.updateTable('posts').set({ person_name: patch.name }).where('town_id', '=', townId).where('person_id', '=', id).execute();
  await bumpRosterStamp(db, townId);
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

/**
 * The town's roster version, for caches of roster figures: the roster stamp and a digest of the
 * organisation rows a roster row names (team, category, coop, unit, community), sorts by (team
 * order) or scopes by (team → coop, supervising assignments). A rename moves it as surely as a new
 * worker. One query (`string_agg` reads alike on PostgreSQL and SQLite 3.44+), built once.
 */
const rosterVersionQuery = reusableQuery((_db: Executor, slot: (name: 'town') => string) => {
  // In table order (a different order only makes a new version); names carry their length, so no
  // two different lists read as the same text.
  const agg = (table: string, columns: string[]) =>
    sql<string>`coalesce((select string_agg(${sql.raw(columns.join(` || '|' || `))}, '/') from ${sql.table(table)} where town_id = ${slot('town')}), '')`;
  const named = ['id', 'length(name)', 'name'];
  const org = [
    agg('teams', [...named, 'category_id', 'coop_id', 'sort_order']),
    agg('categories', named),
    agg('coops', named),
    agg('departments', named),
    agg('communities', named),
    agg('team_assignments', ['id', 'team_id', 'supervising_department_id', 'valid_from', `coalesce(valid_to, '')`]),
  ];
  return sql<{ stamp: number | null; org: string }>`select
      (select version from roster_stamps where town_id = ${slot('town')}) as stamp,
      ${sql.join(org, sql` || '#' || `)} as org`;
});

export async function rosterVersion(db: Executor, townId: string): Promise<string> {
  const [row] = await rosterVersionQuery(db, { town: townId });
  return `${Number(row?.stamp ?? 0)}:${createHash('sha256').update(row?.org ?? '').digest('base64url')}`;
}
