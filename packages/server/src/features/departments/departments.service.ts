import {
  shanghaiTimestamp,
  type CreateDepartment,
  type Department,
  type DepartmentQuery,
  type Page,
  type UpdateDepartment,
} from '@gongyi/domain';
import { toPage } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertPeriod } from '../effective-period.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './departments.repository.js';

const DEPARTMENT = { zh: '部门', en: 'Department' };

export async function listDepartments(ctx: ReadContext, townId: string, query: DepartmentQuery): Promise<Page<Department>> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await repo.listDepartments(ctx.db, townId, query);
  return toPage(rows.map(repo.toDepartment), total, query);
}

export async function createDepartment(ctx: MutationContext, townId: string, input: CreateDepartment): Promise<Department> {
  authorize(ctx.actor, 'org.manage');
  await requireTown(ctx.db, townId);
  if (await repo.findDepartmentByName(ctx.db, townId, input.name)) throw duplicate(DEPARTMENT, input.name, 'name');
  const now = shanghaiTimestamp(ctx.clock.now());
  const row = {
    town_id: townId,
    id: ctx.newId(),
    name: input.name,
    short_name: input.shortName ?? input.name,
    kind: input.kind,
    note: input.note,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_at: now,
    updated_at: now,
  };
  await repo.insertDepartment(ctx.db, row);
  const created = repo.toDepartment(row);
  await recordAudit(ctx, { townId, action: 'department.create', objectType: 'department', objectId: row.id, after: created });
  return created;
}

export async function updateDepartment(
  ctx: MutationContext,
  townId: string,
  id: string,
  input: UpdateDepartment,
): Promise<Department> {
  authorize(ctx.actor, 'org.manage');
  const before = await repo.findDepartment(ctx.db, townId, id);
  if (!before) throw notFound(DEPARTMENT);
  if (input.name && input.name !== before.name && (await repo.findDepartmentByName(ctx.db, townId, input.name))) {
    throw duplicate(DEPARTMENT, input.name, 'name');
  }
  const next = {
    ...before,
    name: input.name ?? before.name,
    short_name: input.shortName ?? before.short_name,
    kind: input.kind ?? before.kind,
    note: input.note ?? before.note,
    valid_from: input.validFrom ?? before.valid_from,
    valid_to: input.validTo === undefined ? before.valid_to : input.validTo,
    updated_at: shanghaiTimestamp(ctx.clock.now()),
  };
  assertPeriod(next.valid_from, next.valid_to);
  await repo.updateDepartment(ctx.db, townId, id, next);
  const [b, a] = [repo.toDepartment(before), repo.toDepartment(next)];
  await recordAudit(ctx, { townId, action: 'department.update', objectType: 'department', objectId: id, before: b, after: a });
  return a;
}
