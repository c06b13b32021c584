import type { Town } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { NewRow, Row } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';

export function toTown(row: Row<'towns'>): Town {
  return { id: row.id, code: row.code, name: row.name, district: row.district, createdAt: row.created_at };
}

/** All towns, or only `onlyTownId` (a user's scope, applied in the query). */
export function listTowns(db: Executor, onlyTownId: string | null) {
  let q = db.selectFrom('towns').selectAll();
  if (onlyTownId !== null) q = q.where('id', '=', onlyTownId);
  return q.orderBy('created_at').orderBy('code').execute();
}

/** The town list of the sign-in page: codes and names only. */
export function listPublicTowns(db: Executor) {
  return db.selectFrom('towns').select(['id', 'code', 'name']).orderBy('created_at').orderBy('code').execute();
}

export function findTownByCode(db: Executor, code: string) {
  return db.selectFrom('towns').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The town (tenant) of a request, or 404: every town-scoped route starts here. */
export async function requireTown(db: Executor, townId: string): Promise<Row<'towns'>> {
  const row = await db.selectFrom('towns').selectAll().where('id', '=', townId).executeTakeFirst();
  if (!row) throw notFound({ zh: '该镇', en: 'The town' });
  return row;
}

export async function insertTown(db: Executor, row: NewRow<'towns'>): Promise<void> {
  await db.insertInto('towns').values(row).execute();
}
