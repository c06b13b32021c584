import {
  AllocationInputSchema,
  ApplicationDecisionSchema,
  ApplicationInputSchema,
  ApplicationSchema,
  BudgetSchema,
  ClosePeriodSchema,
  EarmarkInputSchema,
  EarmarkSchema,
  ExpectedReceiptInputSchema,
  LedgerEntryQuerySchema,
  LedgerEntrySchema,
  LedgerSummarySchema,
  ReceiptInputSchema,
  ReconciliationRowSchema,
  ReversalInputSchema,
  SourceInputSchema,
  SpecialExpenseInputSchema,
  TraceSchema,
  YearParams,
  pageOf,
} from '@gongyi/domain';
import { z } from 'zod';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import * as budget from './budget.service.js';
import * as flows from './flows.service.js';
import { ledgerFileRoutes } from './ledger-file.routes.js';
import * as reports from './reports.service.js';
import { sourcesOf } from './accounts.js';

const tags = ['资金台账'];
const Posted = z.object({ id: z.string(), seq: z.number().int(), amountFen: z.number().int() });
const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export function ledgerRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/ledger/summary', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '资金台账：各来源到账、拨付、余额与各账户余额', params: TownParams, querystring: YearQuery, response: { 200: LedgerSummarySchema, ...errorResponses } },
    handler: (req) => reports.ledgerSummary(readContext(deps, req), req.params.townId, req.query.year),
  });
  app.get('/api/towns/:townId/ledger/sources', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '资金来源', params: TownParams, response: { 200: z.array(z.object({ code: z.string(), name: z.string() })), ...errorResponses } },
    handler: (req) => sourcesOf(readContext(deps, req), req.params.townId),
  });
  app.post('/api/towns/:townId/ledger/sources', {
    config: { access: 'ledger.earmark' },
    schema: { tags, summary: '新增资金来源（镇可增加其他来源）', params: TownParams, body: SourceInputSchema, response: { 201: z.array(z.object({ code: z.string(), name: z.string() })), ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.addSource(ctx, req.params.townId, req.body))),
  });
  app.get('/api/towns/:townId/ledger/entries', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '记账凭证（新在前）', params: TownParams, querystring: LedgerEntryQuerySchema, response: { 200: pageOf(LedgerEntrySchema), ...errorResponses } },
    handler: (req) => reports.listEntries(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/ledger/receipts', {
    config: { access: 'ledger.post' },
    schema: { tags, summary: '资金到账（市、区资金只进镇专户，R20）', params: TownParams, body: ReceiptInputSchema, response: { 201: Posted, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.recordReceipt(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/ledger/allocations', {
    config: { access: 'ledger.post' },
    schema: { tags, summary: '镇专户拨付服务社（按来源，R20）', params: TownParams, body: AllocationInputSchema, response: { 201: Posted, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.allocate(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/ledger/special-expenses', {
    config: { access: 'ledger.post' },
    schema: { tags, summary: '专项支出（已批准的服装、培训等申请，R22）', params: TownParams, body: SpecialExpenseInputSchema, response: { 201: Posted, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.payApplication(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/ledger/entries/:id/reverse', {
    config: { access: 'ledger.post' },
    schema: { tags, summary: '冲销凭证（已记账的凭证不改，只冲销）', params: TownItemParams, body: ReversalInputSchema, response: { 201: Posted, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.reverseEntry(ctx, req.params.townId, req.params.id, req.body))),
  });
  app.post('/api/towns/:townId/ledger/periods', {
    config: { access: 'ledger.close' },
    schema: { tags, summary: '月末结账（结账后该月不再记账）', params: TownParams, body: ClosePeriodSchema, response: { 201: z.object({ period: z.string(), closedAt: z.string(), closedBy: z.string() }), ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.closePeriod(ctx, req.params.townId, req.body.period))),
  });
  app.get('/api/towns/:townId/ledger/earmarks', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '专款专用规则', params: TownParams, response: { 200: z.array(EarmarkSchema), ...errorResponses } },
    handler: (req) => reports.listEarmarks(readContext(deps, req), req.params.townId),
  });
  app.post('/api/towns/:townId/ledger/earmarks', {
    config: { access: 'ledger.earmark' },
    schema: { tags, summary: '新增专款专用规则（某来源只付某队或某类支出）', params: TownParams, body: EarmarkInputSchema, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => flows.addEarmark(ctx, req.params.townId, req.body))),
  });
  app.delete('/api/towns/:townId/ledger/earmarks/:id', {
    config: { access: 'ledger.earmark' },
    schema: { tags, summary: '删除专款专用规则', params: TownItemParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      await mutate(deps, req, (ctx) => flows.removeEarmark(ctx, req.params.townId, req.params.id));
      return reply.code(204).send(null);
    },
  });
  app.get('/api/towns/:townId/ledger/trace/:id', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '某人工资的资金来源追溯', params: TownItemParams, response: { 200: TraceSchema, ...errorResponses } },
    handler: (req) => reports.traceWorker(readContext(deps, req), req.params.townId, req.params.id),
  });
  app.get('/api/towns/:townId/ledger/reconciliation', {
    config: { access: 'ledger.read' },
    schema: { tags, summary: '对账：发放、记账与银行文件合计', params: TownParams, querystring: YearQuery, response: { 200: z.array(ReconciliationRowSchema), ...errorResponses } },
    handler: (req) => reports.reconciliation(readContext(deps, req), req.params.townId, req.query.year),
  });
  app.get('/api/towns/:townId/budget/:year', {
    config: { access: 'budget.read' },
    schema: { tags, summary: '年度预算：计划支出、预计到账、缺额镇级给付，与实际对比（R22）', params: YearParams, response: { 200: BudgetSchema, ...errorResponses } },
    handler: (req) => budget.getBudget(readContext(deps, req), req.params.townId, req.params.year),
  });
  app.put('/api/towns/:townId/budget/:year/receipts', {
    config: { access: 'budget.manage' },
    schema: { tags, summary: '设定某来源的年度预计到账', params: YearParams, body: ExpectedReceiptInputSchema, response: { 200: BudgetSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => budget.setExpectedReceipt(ctx, req.params.townId, req.params.year, req.body)),
  });
  app.get('/api/towns/:townId/budget-applications', {
    config: { access: 'budget.read' },
    schema: { tags, summary: '服装、培训等经费申请（R18）', params: TownParams, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.array(ApplicationSchema), ...errorResponses } },
    handler: (req) => budget.listApplications(readContext(deps, req), req.params.townId, req.query.year),
  });
  app.post('/api/towns/:townId/budget-applications', {
    config: { access: 'budget.apply' },
    schema: { tags, summary: '申请经费（部门申请服装装备、服务社计划培训，列入次年预算，R18）', params: TownParams, body: ApplicationInputSchema, response: { 201: ApplicationSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => budget.applyForFunds(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/budget-applications/:id/decision', {
    config: { access: 'budget.approve' },
    schema: { tags, summary: '领导小组审批经费申请（R18）', params: TownItemParams, body: ApplicationDecisionSchema, response: { 200: ApplicationSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => budget.decideApplication(ctx, req.params.townId, req.params.id, req.body)),
  });
  ledgerFileRoutes(app, deps);
}
