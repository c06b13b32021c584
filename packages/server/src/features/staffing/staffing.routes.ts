import {
  EXIT_REASON_LABELS,
  ExitInputSchema,
  ExitPageSchema,
  ExitQuerySchema,
  HiringCancelSchema,
  HiringDecisionSchema,
  HiringQuerySchema,
  HiringRequestInputSchema,
  HiringRequestPageSchema,
  HiringRequestSchema,
  QuotaBoardQuerySchema,
  QuotaBoardSchema,
  QuotaPlanInputSchema,
  QuotaPlanSchema,
  QuotaProposalDecisionSchema,
  QuotaProposalInputSchema,
  QuotaProposalPageSchema,
  QuotaProposalQuerySchema,
  QuotaProposalSchema,
  RetirementQuerySchema,
  RetirementRowSchema,
  TransferInputSchema,
  WorkerDetailSchema,
  type ExitRow,
  type QuotaBoard,
} from '@gongyi/domain';
import { z } from 'zod';
import { recordExport } from '../audit/audit.repository.js';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import * as exits from './exits.service.js';
import * as hiring from './hiring.service.js';
import * as quota from './quota.service.js';

const tags = ['职数与招录'];

type BoardLine = QuotaBoard['teams'][number] & { level: string };
const BOARD_COLUMNS: Column<BoardLine>[] = [
  { header: '层级', width: 8, value: (l) => l.level },
  { header: '名称', width: 20, value: (l) => l.name },
  { header: '服务社', width: 16, value: (l) => l.coopName },
  { header: '核定职数', width: 10, value: (l) => l.quota },
  { header: '在岗', width: 8, value: (l) => l.filled },
  { header: '已批待岗', width: 10, value: (l) => l.reserved },
  { header: '空岗', width: 8, value: (l) => l.vacancies },
  { header: '超编', width: 8, value: (l) => (l.over ? '是' : '') },
];
const EXIT_COLUMNS: Column<ExitRow>[] = [
  { header: '姓名', width: 10, value: (e) => e.name },
  { header: '身份证号码', width: 22, value: (e) => e.idNumberMasked },
  { header: '服务队', width: 16, value: (e) => e.teamName },
  { header: '服务社', width: 16, value: (e) => e.coopName },
  { header: '离岗日期', width: 12, value: (e) => e.exitDate },
  { header: '离岗原因', width: 14, value: (e) => (e.reason ? EXIT_REASON_LABELS[e.reason].zh : '') },
  { header: '说明', width: 40, value: (e) => e.note },
  { header: '经办', width: 20, value: (e) => e.recordedBy },
];
const ExitFilterSchema = ExitQuerySchema.omit({ page: true, pageSize: true });

function boardLines(board: QuotaBoard): BoardLine[] {
  return [
    { level: '全镇', id: '', name: '合计', categoryId: '', coopName: '', ...board.total },
    ...board.categories.map((c) => ({ level: '类别', coopName: '', categoryId: c.id, ...c })),
    ...board.teams.map((t) => ({ level: '服务队', ...t })),
  ];
}

export function staffingRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/quota/board', {
    config: { access: 'quota.read' },
    schema: { tags, summary: '职数看板：全镇、类别、服务队的核定职数、在岗、已批待岗与空岗（R9、R10）', params: TownParams, querystring: QuotaBoardQuerySchema, response: { 200: QuotaBoardSchema, ...errorResponses } },
    handler: (req) => quota.getBoard(readContext(deps, req), req.params.townId, req.query.on),
  });
  app.get('/api/towns/:townId/quota/board.xlsx', {
    config: { access: 'quota.read' },
    schema: { tags, summary: '导出职数看板（xlsx）', params: TownParams, querystring: QuotaBoardQuerySchema },
    handler: async (req, reply) => sendXlsx(reply, '职数看板.xlsx', BOARD_COLUMNS, boardLines(await quota.getBoard(readContext(deps, req), req.params.townId, req.query.on))),
  });
  app.get('/api/towns/:townId/quota/plans', {
    config: { access: 'quota.read' },
    schema: { tags, summary: '职数方案的各个版本（新的在前）', params: TownParams, response: { 200: z.array(QuotaPlanSchema), ...errorResponses } },
    handler: (req) => quota.listPlans(readContext(deps, req), req.params.townId),
  });
  app.post('/api/towns/:townId/quota/plans', {
    config: { access: 'quota.manage' },
    schema: { tags, summary: '调整职数方案（自生效日期起的新版本，R9）', params: TownParams, body: QuotaPlanInputSchema, response: { 201: QuotaPlanSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => quota.savePlan(ctx, req.params.townId, req.body))),
  });
  app.get('/api/towns/:townId/quota/proposals', {
    config: { access: 'quota.read' },
    schema: { tags, summary: '职数申报', params: TownParams, querystring: QuotaProposalQuerySchema, response: { 200: QuotaProposalPageSchema, ...errorResponses } },
    handler: (req) => quota.listProposals(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/quota/proposals', {
    config: { access: 'quota.propose' },
    schema: { tags, summary: '部门申报服务队职数（辖区面积、服务人数、复杂程度，R9）', params: TownParams, body: QuotaProposalInputSchema, response: { 201: QuotaProposalSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => quota.createProposal(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/quota/proposals/:id/decision', {
    config: { access: 'quota.manage' },
    schema: { tags, summary: '镇人事部门核定或驳回职数申报', params: TownItemParams, body: QuotaProposalDecisionSchema, response: { 200: QuotaProposalSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => quota.decideProposal(ctx, req.params.townId, req.params.id, req.body)),
  });

  app.get('/api/towns/:townId/hiring', {
    config: { access: 'hiring.read' },
    schema: { tags, summary: '招录与调队申请', params: TownParams, querystring: HiringQuerySchema, response: { 200: HiringRequestPageSchema, ...errorResponses } },
    handler: (req) => hiring.listHiring(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/hiring', {
    config: { access: 'hiring.request' },
    schema: { tags, summary: '招录申请（须有空岗，R10）', params: TownParams, body: HiringRequestInputSchema, response: { 201: HiringRequestSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => hiring.requestHire(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/hiring/transfers', {
    config: { access: 'hiring.request' },
    schema: { tags, summary: '调队申请（一出一进，经镇人事部门批准，R10）', params: TownParams, body: TransferInputSchema, response: { 201: HiringRequestSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => hiring.requestTransfer(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/hiring/:id/decision', {
    config: { access: 'hiring.approve' },
    schema: { tags, summary: '镇人事部门批准（占用空岗）或驳回', params: TownItemParams, body: HiringDecisionSchema, response: { 200: HiringRequestSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => hiring.decideHiring(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/hiring/:id/cancel', {
    config: { access: 'hiring.request' },
    schema: { tags, summary: '撤销申请', params: TownItemParams, body: HiringCancelSchema, response: { 200: HiringRequestSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => hiring.cancelHiring(ctx, req.params.townId, req.params.id, req.body.reason)),
  });

  app.get('/api/towns/:townId/exits', {
    config: { access: 'hiring.read' },
    schema: { tags, summary: '离岗记录', params: TownParams, querystring: ExitQuerySchema, response: { 200: ExitPageSchema, ...errorResponses } },
    handler: (req) => exits.listExits(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/exits.xlsx', {
    config: { access: 'hiring.read' },
    schema: { tags, summary: '导出离岗记录（xlsx，脱敏，记入审计）', params: TownParams, querystring: ExitFilterSchema },
    handler: async (req, reply) =>
      sendXlsx(
        reply,
        '离岗记录.xlsx',
        EXIT_COLUMNS,
        await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, 'exit', req.query, (await exits.listExits(ctx, req.params.townId, { ...req.query, page: 1, pageSize: 100_000 })).items)),
      ),
  });
  app.post('/api/towns/:townId/workers/:id/exit', {
    config: { access: 'worker.exit' },
    schema: { tags, summary: '办理离岗（自离岗日起停发报酬，终止协议，空出岗位）', params: TownItemParams, body: ExitInputSchema, response: { 200: WorkerDetailSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => exits.exitWorker(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.get('/api/towns/:townId/retirements', {
    config: { access: 'hiring.read' },
    schema: { tags, summary: '即将达到法定退休年龄的人员（含2025年起渐进式延迟）', params: TownParams, querystring: RetirementQuerySchema, response: { 200: z.array(RetirementRowSchema), ...errorResponses } },
    handler: (req) => exits.upcomingRetirements(readContext(deps, req), req.params.townId, req.query.withinDays),
  });
}
