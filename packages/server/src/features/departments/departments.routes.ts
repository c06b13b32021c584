import {
  CreateDepartmentSchema,
  DEPARTMENT_KIND_LABELS,
  DepartmentPageSchema,
  DepartmentQuerySchema,
  DepartmentSchema,
  UpdateDepartmentSchema,
  type Department,
} from '@gongyi/domain';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { recordExport } from '../audit/audit.repository.js';
import * as service from './departments.service.js';

const tags = ['组织架构'];

const EXPORT_COLUMNS: Column<Department>[] = [
  { header: '名称', width: 24, value: (d) => d.name },
  { header: '简称', value: (d) => d.shortName },
  { header: '类型', value: (d) => DEPARTMENT_KIND_LABELS[d.kind].zh },
  { header: '生效日期', width: 12, value: (d) => d.validFrom },
  { header: '失效日期', width: 12, value: (d) => d.validTo },
  { header: '备注', width: 30, value: (d) => d.note },
];

export function departmentRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/departments', {
    config: { access: 'org.read' },
    schema: { tags, summary: '部门列表', params: TownParams, querystring: DepartmentQuerySchema, response: { 200: DepartmentPageSchema, ...errorResponses } },
    handler: (req) => service.listDepartments(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/departments/export.xlsx', {
    config: { access: 'org.read' },
    schema: { tags, summary: '导出部门（xlsx）', params: TownParams, querystring: DepartmentQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) =>
      sendXlsx(reply, '部门.xlsx', EXPORT_COLUMNS, await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, 'department', req.query, await service.allDepartments(ctx, req.params.townId, req.query)))),
  });
  app.post('/api/towns/:townId/departments', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '新建部门', params: TownParams, body: CreateDepartmentSchema, response: { 201: DepartmentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const created = await mutate(deps, req, (ctx) => service.createDepartment(ctx, req.params.townId, req.body));
      return reply.code(201).send(created);
    },
  });
  app.patch('/api/towns/:townId/departments/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '修改部门', params: TownItemParams, body: UpdateDepartmentSchema, response: { 200: DepartmentSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateDepartment(ctx, req.params.townId, req.params.id, req.body)),
  });
}
