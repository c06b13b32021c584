import type { Category, CategoryCode, Coop } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { NewRow, RowUpdate } from '../../db/schema.js';

function coopsWithNames(db: Executor, townId: string) {
  return db
    .selectFrom('coops as c')
    .leftJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'c.town_id').onRef('d.id', '=', 'c.seat_department_id'))
    .where('c.town_id', '=', townId)
    .select((eb) => [
      'c.id',
      'c.name',
      'c.short_name',
      'c.seat_department_id',
      'd.name as seat_department_name',
      'c.note',
      'c.valid_from',
      'c.valid_to',
      eb
        .selectFrom('teams as t')
        .whereRef('t.town_id', '=', 'c.town_id')
        .whereRef('t.coop_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('team_count'),
    ]);
}

type CoopRow = Awaited<ReturnType<ReturnType<typeof coopsWithNames>['execute']>>[number];

export function toCoop(r: CoopRow): Coop {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    seatDepartmentId: r.seat_department_id,
    seatDepartmentName: r.seat_department_name ?? null,
    note: r.note,
    teamCount: Number(r.team_count ?? 0),
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export function listCoops(db: Executor, townId: string) {
  return coopsWithNames(db, townId).orderBy('c.valid_from').orderBy('c.name').execute();
}

export function findCoopView(db: Executor, townId: string, id: string) {
  return coopsWithNames(db, townId).where('c.id', '=', id).executeTakeFirst();
}

export function findCoop(db: Executor, townId: string, id: string) {
  return db.selectFrom('coops').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function findCoopByName(db: Executor, townId: string, name: string) {
  return db.selectFrom('coops').select('id').where('town_id', '=', townId).where('name', '=', name).executeTakeFirst();
}

export async function insertCoop(db: Executor, row: NewRow<'coops'>): Promise<void> {
  await db.insertInto('coops').values(row).execute();
}

export async function updateCoop(db: Executor, townId: string, id: string, patch: RowUpdate<'coops'>): Promise<void> {
  await db.updateTable('coops').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}

function categoriesWithNames(db: Executor, townId: string) {
  return db
    .selectFrom('categories as g')
    .leftJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'g.town_id').onRef('c.id', '=', 'g.default_coop_id'))
    .where('g.town_id', '=', townId)
    .select((eb) => [
      'g.id',
      'g.code',
      'g.name',
      'g.default_coop_id',
      'c.name as default_coop_name',
      eb
        .selectFrom('teams as t')
        .whereRef('t.town_id', '=', 'g.town_id')
        .whereRef('t.category_id', '=', 'g.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('team_count'),
    ]);
}

type CategoryRow = Awaited<ReturnType<ReturnType<typeof categoriesWithNames>['execute']>>[number];

export function toCategory(r: CategoryRow): Category {
  return {
    id: r.id,
    code: r.code as CategoryCode,
    name: r.name,
    defaultCoopId: r.default_coop_id,
    defaultCoopName: r.default_coop_name ?? null,
    teamCount: Number(r.team_count ?? 0),
  };
}

export function listCategories(db: Executor, townId: string) {
  return categoriesWithNames(db, townId).orderBy('g.code', 'desc').execute();
}

export function findCategoryView(db: Executor, townId: string, id: string) {
  return categoriesWithNames(db, townId).where('g.id', '=', id).executeTakeFirst();
}

export function findCategory(db: Executor, townId: string, id: string) {
  return db.selectFrom('categories').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function updateCategory(db: Executor, townId: string, id: string, patch: RowUpdate<'categories'>): Promise<void> {
  await db.updateTable('categories').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}
