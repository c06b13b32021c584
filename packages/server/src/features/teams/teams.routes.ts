import {
  AssignmentInputSchema,
  CATEGORY_LABELS,
  CreateTeamSchema,
  IsoDateSchema,
  TeamDetailSchema,
  TeamPageSchema,
  TeamQuerySchema,
  UpdateTeamSchema,
  type Team,
} from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { recordExport } from '../audit/audit.repository.js';
import * as service from './teams.service.js';

const tags = ['组织架构'];

const EXPORT_COLUMNS: Column<Team>[] = [
  { header: '服务队', width: 20, value: (t) => t.name },
  { header: '类别', width: 12, value: (t) => CATEGORY_LABELS[t.categoryCode].zh },
  { header: '服务社', width: 28, value: (t) => t.coopName },
  { header: '主管部门', width: 16, value: (t) => t.assignment?.supervisingDepartmentName ?? '' },
  {
    header: '日常管理单位及职责',
    width: 50,
    value: (t) => (t.assignment?.managingUnits ?? []).map((u) => (u.duties ? `${u.departmentName}（${u.duties}）` : u.departmentName)).join('；'),
  },
  { header: '村居考核分值', width: 14, value: (t) => (t.assignment?.communityScoreShare ? `是（${t.assignment.communitySharePercent}%）` : '否') },
  { header: '管理关系生效日期', width: 16, value: (t) => t.assignment?.validFrom ?? '' },
  { header: '职责', width: 40, value: (t) => t.duties },
];

export function teamRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/teams', {
    config: { access: 'org.read' },
    schema: { tags, summary: '服务队列表（含查询日期当天的管理关系，R4/R5）', params: TownParams, querystring: TeamQuerySchema, response: { 200: TeamPageSchema, ...errorResponses } },
    handler: (req) => service.listTeams(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/teams/export.xlsx', {
    config: { access: 'org.read' },
    schema: { tags, summary: '导出服务队（xlsx）', params: TownParams, querystring: TeamQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) => sendXlsx(reply, '服务队.xlsx', EXPORT_COLUMNS, await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, 'team', req.query, await service.allTeams(ctx, req.params.townId, req.query)))),
  });
  app.get('/api/towns/:townId/teams/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: '服务队详情与管理关系历史', params: TownItemParams, querystring: z.strictObject({ on: IsoDateSchema.optional() }), response: { 200: TeamDetailSchema, ...errorResponses } },
    handler: (req) => service.getTeam(readContext(deps, req), req.params.townId, req.params.id, req.query.on),
  });
  app.post('/api/towns/:townId/teams', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '新建服务队', params: TownParams, body: CreateTeamSchema, response: { 201: TeamDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.createTeam(ctx, req.params.townId, req.body))),
  });
  app.patch('/api/towns/:townId/teams/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '修改服务队', params: TownItemParams, body: UpdateTeamSchema, response: { 200: TeamDetailSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updateTeam(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/teams/:id/assignments', {
    config: { access: 'org.manage' },
    schema: { tags, summary: '变更管理关系（自生效日期起，R5）', params: TownItemParams, body: AssignmentInputSchema, response: { 201: TeamDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.changeAssignment(ctx, req.params.townId, req.params.id, req.body))),
  });
}
