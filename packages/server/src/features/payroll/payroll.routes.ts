import {
  AdjustmentInputSchema,
  AdjustmentSchema,
  IsoDateSchema,
  ManualLineInputSchema,
  PolicyVersionInputSchema,
  PolicyVersionSchema,
  RunCreateSchema,
  RunDetailSchema,
  RunQuerySchema,
  RunSchema,
  SignInputSchema,
  SimulationInputSchema,
  SimulationSchema,
  SlipQuerySchema,
  SlipSchema,
  pageOf,
  type SignoffStep,
} from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import * as policies from './policies.service.js';
import * as runs from './runs.service.js';
import * as signoffs from './signoffs.service.js';
import { simulate } from './simulate.service.js';
import { payrollFileRoutes } from './payroll-file.routes.js';

const tags = ['薪酬发放'];

const STEP_ROUTES: { path: string; step: SignoffStep; summary: string }[] = [
  { path: 'confirm', step: 'unit_confirm', summary: '日常管理单位确认本单位人员的发放（R21 第一签）' },
  { path: 'review', step: 'department_review', summary: '主管部门审核（R21 第二签）' },
  { path: 'approve', step: 'leader_approve', summary: '分管领导审批（R21 第三签）' },
  { path: 'release', step: 'release', summary: '服务社发放（审批后）' },
];

export function payrollRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/payroll/policies', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '薪酬政策各版本（新在前）', params: TownParams, response: { 200: z.array(PolicyVersionSchema), ...errorResponses } },
    handler: (req) => policies.listPolicies(readContext(deps, req), req.params.townId),
  });
  app.get('/api/towns/:townId/payroll/policies/current', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '某日生效的薪酬政策（未设置时为通知的默认值）', params: TownParams, querystring: z.strictObject({ on: IsoDateSchema.optional() }), response: { 200: PolicyVersionSchema, ...errorResponses } },
    handler: (req) => policies.currentPolicy(readContext(deps, req), req.params.townId, req.query.on),
  });
  app.post('/api/towns/:townId/payroll/policies', {
    config: { access: 'payroll.policy' },
    schema: { tags, summary: '新增薪酬政策版本（自某日起，R14、R17、R19 校验）', params: TownParams, body: PolicyVersionInputSchema, response: { 201: PolicyVersionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => policies.addPolicy(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/payroll/simulate', {
    config: { access: 'payroll.policy' },
    schema: { tags, summary: '政策测算：草拟政策与现行政策下某月全镇成本', params: TownParams, body: SimulationInputSchema, response: { 200: SimulationSchema, ...errorResponses } },
    handler: (req) => simulate(readContext(deps, req), req.params.townId, req.body.month, req.body.policy),
  });
  app.get('/api/towns/:townId/payroll/runs', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '薪酬发放（月度与年度考核奖）', params: TownParams, querystring: RunQuerySchema, response: { 200: pageOf(RunSchema), ...errorResponses } },
    handler: (req) => runs.listRuns(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/payroll/runs', {
    config: { access: 'payroll.run' },
    schema: { tags, summary: '计算某服务社某月的发放（须当月考核表全部锁定）', params: TownParams, body: RunCreateSchema, response: { 201: RunDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => runs.createRun(ctx, req.params.townId, req.body))),
  });
  app.get('/api/towns/:townId/payroll/runs/:id', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '一次发放：合计、签署记录、待签单位、各队合计', params: TownItemParams, response: { 200: RunDetailSchema, ...errorResponses } },
    handler: (req) => runs.getRun(readContext(deps, req), req.params.townId, req.params.id),
  });
  app.post('/api/towns/:townId/payroll/runs/:id/recalculate', {
    config: { access: 'payroll.run' },
    schema: { tags, summary: '重新计算（审批前；已有签署全部作废）', params: TownItemParams, body: z.strictObject({ version: z.number().int().min(0) }), response: { 200: RunDetailSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => runs.recalculateRun(ctx, req.params.townId, req.params.id, req.body.version)),
  });
  app.get('/api/towns/:townId/payroll/runs/:id/slips', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '发放明细（每人各项及计算说明）', params: TownItemParams, querystring: SlipQuerySchema, response: { 200: pageOf(SlipSchema), ...errorResponses } },
    handler: (req) => runs.listSlips(readContext(deps, req), req.params.townId, req.params.id, req.query),
  });
  for (const s of STEP_ROUTES) {
    app.post(`/api/towns/:townId/payroll/runs/:id/${s.path}`, {
      config: { access: signoffs.STEP_ACTION[s.step] },
      schema: { tags, summary: s.summary, params: TownItemParams, body: SignInputSchema, response: { 200: RunDetailSchema, ...errorResponses } },
      handler: (req) => mutate(deps, req, (ctx) => signoffs.signStep(ctx, req.params.townId, req.params.id, s.step, req.body)),
    });
  }
  app.post('/api/towns/:townId/payroll/runs/:id/manual-lines', {
    config: { access: 'payroll.run' },
    schema: { tags, summary: '手工调整某人（审批前；作废其单位确认及以后的签署）', params: TownItemParams, body: ManualLineInputSchema, response: { 200: RunDetailSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => signoffs.addManualLine(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/payroll/runs/:id/adjustments', {
    config: { access: 'payroll.adjust' },
    schema: { tags, summary: '登记更正（已审批的发放不改，差额计入下月发放）', params: TownItemParams, body: AdjustmentInputSchema, response: { 201: AdjustmentSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => signoffs.addAdjustment(ctx, req.params.townId, req.params.id, req.body))),
  });
  app.get('/api/towns/:townId/payroll/adjustments', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '更正登记', params: TownParams, querystring: z.strictObject({ coopId: z.string().min(1).max(64).optional() }), response: { 200: z.array(AdjustmentSchema), ...errorResponses } },
    handler: (req) => signoffs.listAdjustments(readContext(deps, req), req.params.townId, req.query.coopId),
  });
  app.get('/api/towns/:townId/payroll/my-slips', {
    config: { access: 'payroll.self' },
    schema: { tags, summary: '本人工资条（已审批的发放）', params: TownParams, response: { 200: z.array(SlipSchema), ...errorResponses } },
    handler: (req) => runs.mySlips(readContext(deps, req), req.params.townId),
  });
  payrollFileRoutes(app, deps);
}
