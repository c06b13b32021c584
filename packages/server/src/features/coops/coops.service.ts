import {
  shanghaiTimestamp,
  type Category,
  type Coop,
  type CreateCoop,
  type UpdateCategory,
  type UpdateCoop,
} from '@gongyi/domain';
import { changedFields, patchColumns, type ColumnsOf } from '../../db/patch-columns.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, invalidReference, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findDepartment } from '../departments/departments.repository.js';
import { assertPeriod } from '../effective-period.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './coops.repository.js';

const COOP = { zh: '服务社', en: 'Cooperative' };
const CATEGORY = { zh: '类别', en: 'Category' };
const SEAT = { zh: '所在部门', en: 'seat department' };

export async function listCoops(ctx: ReadContext, townId: string): Promise<Coop[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  return (await repo.listCoops(ctx.db, townId)).map(repo.toCoop);
}

async function requireCoopView(ctx: ReadContext, townId: string, id: string): Promise<Coop> {
  const row = await repo.findCoopView(ctx.db, townId, id);
  if (!row) throw notFound(COOP);
  return repo.toCoop(row);
}

async function checkSeat(ctx: ReadContext, townId: string, seatId: string | null | undefined): Promise<void> {
  if (seatId && !(await findDepartment(ctx.db, townId, seatId))) throw invalidReference(SEAT, 'seatDepartmentId');
}

export async function createCoop(ctx: MutationContext, townId: string, input: CreateCoop): Promise<Coop> {
  authorize(ctx.actor, 'org.manage');
  await requireTown(ctx.db, townId);
  if (await repo.findCoopByName(ctx.db, townId, input.name)) throw duplicate(COOP, input.name, 'name');
  await checkSeat(ctx, townId, input.seatDepartmentId);
  const now = shanghaiTimestamp(ctx.clock.now());
  const id = ctx.newId();
  await repo.insertCoop(ctx.db, {
    town_id: townId,
    id,
    name: input.name,
    short_name: input.shortName ?? input.name,
    seat_department_id: input.seatDepartmentId,
    note: input.note,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_at: now,
    updated_at: now,
  });
  const created = await requireCoopView(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'coop.create', objectType: 'coop', objectId: id, after: created });
  return created;
}

const COOP_COLUMNS: ColumnsOf<UpdateCoop, Row<'coops'>> = {
  name: 'name',
  shortName: 'short_name',
  seatDepartmentId: 'seat_department_id',
  note: 'note',
  validFrom: 'valid_from',
  validTo: 'valid_to',
};

/** Writes only the fields sent and changed (#13 item 1); the period is checked as it will stand (R5). */
export async function updateCoop(ctx: MutationContext, townId: string, id: string, input: UpdateCoop): Promise<Coop> {
  authorize(ctx.actor, 'org.manage');
  const before = await requireCoopView(ctx, townId, id);
  const changes = changedFields(input, before);
  if (changes.name && (await repo.findCoopByName(ctx.db, townId, changes.name))) throw duplicate(COOP, changes.name, 'name');
  await checkSeat(ctx, townId, changes.seatDepartmentId);
  assertPeriod(changes.validFrom ?? before.validFrom, changes.validTo === undefined ? before.validTo : changes.validTo);
  if (Object.keys(changes).length > 0) {
    await repo.updateCoop(ctx.db, townId, id, { ...patchColumns(changes, COOP_COLUMNS), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  }
  const after = await requireCoopView(ctx, townId, id);
  await recordAudit(ctx, { townId, action: 'coop.update', objectType: 'coop', objectId: id, before, after });
  return after;
}

export async function listCategories(ctx: ReadContext, townId: string): Promise<Category[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  return (await repo.listCategories(ctx.db, townId)).map(repo.toCategory);
}

const CATEGORY_COLUMNS: ColumnsOf<UpdateCategory, Row<'categories'>> = { defaultCoopId: 'default_coop_id' };

/** R3: which coop employs a category's new teams is data a town settles, not code. */
export async function updateCategory(ctx: MutationContext, townId: string, id: string, input: UpdateCategory): Promise<Category> {
  authorize(ctx.actor, 'org.manage');
  const row = await repo.findCategoryView(ctx.db, townId, id);
  if (!row) throw notFound(CATEGORY);
  const before = repo.toCategory(row);
  const changes = changedFields(input, before);
  if (changes.defaultCoopId && !(await repo.findCoop(ctx.db, townId, changes.defaultCoopId))) {
    throw invalidReference(COOP, 'defaultCoopId');
  }
  if (Object.keys(changes).length > 0) {
    await repo.updateCategory(ctx.db, townId, id, { ...patchColumns(changes, CATEGORY_COLUMNS), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  }
  const after = repo.toCategory((await repo.findCategoryView(ctx.db, townId, id))!);
  await recordAudit(ctx, { townId, action: 'category.update', objectType: 'category', objectId: id, before, after });
  return after;
}
