import type { Community, CommunityKind, CommunityQuery } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { inForceOn, likeEscaped, offsetOf } from '../../db/query-helpers.js';
import type { NewRow, Row, RowUpdate } from '../../db/schema.js';

export function toCommunity(row: Row<'communities'>): Community {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CommunityKind,
    note: row.note,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

function filtered(db: Executor, townId: string, query: Omit<CommunityQuery, 'page' | 'pageSize'>) {
  let q = db.selectFrom('communities').where('town_id', '=', townId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.q) {
    const text = query.q;
    q = q.where(likeEscaped('name', text));
  }
  if (query.on) {
    const on = query.on;
    q = q.where((eb) => inForceOn(eb, on));
  }
  return q;
}

export async function listCommunities(db: Executor, townId: string, query: CommunityQuery) {
  const [rows, count] = await Promise.all([
    filtered(db, townId, query).selectAll().orderBy('kind', 'desc').orderBy('name').limit(query.pageSize).offset(offsetOf(query)).execute(),
    filtered(db, townId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every matching row, for exports (bounded by the town's size). */
export function allCommunities(db: Executor, townId: string, query: Omit<CommunityQuery, 'page' | 'pageSize'>) {
  return filtered(db, townId, query).selectAll().orderBy('kind', 'desc').orderBy('name').execute();
}

export function findCommunity(db: Executor, townId: string, id: string) {
  return db.selectFrom('communities').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findCommunityByName(db: Executor, townId: string, name: string) {
  return db.selectFrom('communities').selectAll().where('town_id', '=', townId).where('name', '=', name).executeTakeFirst();
}

export async function insertCommunity(db: Executor, row: NewRow<'communities'>): Promise<void> {
  await db.insertInto('communities').values(row).execute();
}

export async function updateCommunity(db: Executor, townId: string, id: string, patch: RowUpdate<'communities'>) {
  await db.updateTable('communities').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}
