import { DEPARTMENT_KINDS, type Department, type DepartmentKind, type DepartmentQuery } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { inForceOn, likeEscaped, offsetOf, orderOf } from '../../db/query-helpers.js';
import type { NewRow, Row, RowUpdate } from '../../db/schema.js';

export function toDepartment(row: Row<'departments'>): Department {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as DepartmentKind,
    note: row.note,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

function filtered(db: Executor, townId: string, query: Omit<DepartmentQuery, 'page' | 'pageSize'>) {
  let q = db.selectFrom('departments').where('town_id', '=', townId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) => eb.or([likeEscaped('name', text), likeEscaped('short_name', text)]));
  }
  if (query.on) {
    const on = query.on;
    q = q.where((eb) => inForceOn(eb, on));
  }
  return q;
}

export async function listDepartments(db: Executor, townId: string, query: DepartmentQuery) {
  const [rows, count] = await Promise.all([
    filtered(db, townId, query).selectAll().orderBy(orderOf('kind', DEPARTMENT_KINDS)).orderBy('name').limit(query.pageSize).offset(offsetOf(query)).execute(),
    filtered(db, townId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every matching row, for exports (bounded by the town's size). */
export function allDepartments(db: Executor, townId: string, query: Omit<DepartmentQuery, 'page' | 'pageSize'>) {
  return filtered(db, townId, query).selectAll().orderBy(orderOf('kind', DEPARTMENT_KINDS)).orderBy('name').execute();
}

export function findDepartment(db: Executor, townId: string, id: string) {
  return db.selectFrom('departments').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByName(db: Executor, townId: string, name: string) {
  return db.selectFrom('departments').selectAll().where('town_id', '=', townId).where('name', '=', name).executeTakeFirst();
}

export async function insertDepartment(db: Executor, row: NewRow<'departments'>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(db: Executor, townId: string, id: string, patch: RowUpdate<'departments'>) {
  await db.updateTable('departments').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}
