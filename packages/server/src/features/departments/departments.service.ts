import type { CreateDepartment, Department, DepartmentQuery, Page, UpdateDepartment } from '@gongyi/domain';
import { toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { createOrgUnit, updateOrgUnit, type OrgUnitKind } from '../org-unit.js';
import { departmentUses } from '../org-uses.repository.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './departments.repository.js';

const DEPARTMENTS: OrgUnitKind<Row<'departments'>, Department, CreateDepartment, UpdateDepartment> = {
  label: { zh: '部门', en: 'Department' },
  objectType: 'department',
  find: repo.findDepartment,
  findByName: repo.findDepartmentByName,
  insert: repo.insertDepartment,
  update: repo.updateDepartment,
  toApi: repo.toDepartment,
  ownColumns: (input) => ({ short_name: input.shortName ?? input.name, kind: input.kind }),
  ownPatchColumns: { shortName: 'short_name', kind: 'kind' },
  uses: departmentUses,
};

export async function listDepartments(ctx: ReadContext, townId: string, query: DepartmentQuery): Promise<Page<Department>> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await repo.listDepartments(ctx.db, townId, query);
  return toPage(rows.map(repo.toDepartment), total, query);
}

/** Every department matching the filters, for the xlsx export. */
export async function allDepartments(ctx: ReadContext, townId: string, query: Omit<DepartmentQuery, 'page' | 'pageSize'>): Promise<Department[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  return (await repo.allDepartments(ctx.db, townId, query)).map(repo.toDepartment);
}

export const createDepartment = (ctx: MutationContext, townId: string, input: CreateDepartment) =>
  createOrgUnit(ctx, DEPARTMENTS, townId, input);

export const updateDepartment = (ctx: MutationContext, townId: string, id: string, input: UpdateDepartment) =>
  updateOrgUnit(ctx, DEPARTMENTS, townId, id, input);
