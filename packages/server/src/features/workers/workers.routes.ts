import {
  CreateWorkerSchema,
  INSURANCE_LABELS,
  PAY_SCHEME_LABELS,
  PersonUpdateSchema,
  POST_STATUS_LABELS,
  PostChangeSchema,
  RevealedSchema,
  RevealSchema,
  SPECIAL_POST_LABELS,
  WORKER_FLAG_LABELS,
  WorkerDetailSchema,
  WorkerFacetsSchema,
  WorkerPageSchema,
  WorkerQuerySchema,
  type WorkerRow,
} from '@gongyi/domain';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import * as service from './workers.service.js';

const tags = ['人员管理'];
const FilterSchema = WorkerQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });

const EXPORT_COLUMNS: Column<WorkerRow>[] = [
  { header: '姓名', width: 10, value: (w) => w.name },
  { header: '身份证号码', width: 22, value: (w) => w.idNumberMasked },
  { header: '性别', width: 6, value: (w) => (w.sex === 'male' ? '男' : '女') },
  { header: '出生日期', width: 12, value: (w) => w.birthDate },
  { header: '联系电话', width: 14, value: (w) => w.phoneMasked },
  { header: '类别', width: 12, value: (w) => w.post?.categoryName ?? '' },
  { header: '所属队伍', width: 16, value: (w) => w.post?.teamName ?? '' },
  { header: '日常管理单位', width: 18, value: (w) => w.post?.managingDepartmentName ?? '' },
  { header: '岗位', width: 16, value: (w) => w.post?.duty ?? '' },
  { header: '村居', width: 12, value: (w) => w.post?.communityName ?? '' },
  { header: '特殊岗位', width: 10, value: (w) => (w.post?.specialPost ? SPECIAL_POST_LABELS[w.post.specialPost].zh : '') },
  { header: '待遇办法', width: 14, value: (w) => (w.post ? PAY_SCHEME_LABELS[w.post.payScheme].zh : '') },
  { header: '参保类型', width: 16, value: (w) => (w.post ? INSURANCE_LABELS[w.post.insurance].zh : '') },
  { header: '入职日期', width: 12, value: (w) => w.post?.startDate ?? '' },
  { header: '状态', width: 8, value: (w) => (w.post ? POST_STATUS_LABELS[w.post.status].zh : '') },
  { header: '提示', width: 30, value: (w) => w.flags.map((f) => WORKER_FLAG_LABELS[f].zh).join('；') },
];

/** The roster page as the route's response schema checks and serialises it (what the zod serializer does). */
const serializePage = serializerCompiler({ schema: WorkerPageSchema, method: 'GET', url: '/api/towns/:townId/workers' }) as (page: unknown) => string;
const pageJson = new WeakMap<object, string>();

export function workerRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/workers', {
    config: { access: 'worker.read' },
    schema: { tags, summary: '花名册（服务端分页、排序、筛选；证件号码已脱敏）', params: TownParams, querystring: WorkerQuerySchema, response: { 200: WorkerPageSchema, ...errorResponses } },
    handler: async (req, reply) => {
      // The service hands out the same object for a cached page: it is checked and serialised once.
      const page = await service.listWorkers(readContext(deps, req), req.params.townId, req.query);
      let json = pageJson.get(page);
      if (json === undefined) pageJson.set(page, (json = serializePage(page)));
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });
  app.get('/api/towns/:townId/workers/facets', {
    config: { access: 'worker.read' },
    schema: { tags, summary: '花名册各筛选项的人数', params: TownParams, querystring: FilterSchema, response: { 200: WorkerFacetsSchema, ...errorResponses } },
    handler: (req) => service.workerFacets(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/workers/export.xlsx', {
    config: { access: 'worker.export' },
    schema: { tags, summary: '按当前筛选导出花名册（xlsx，脱敏，导出记入审计）', params: TownParams, querystring: FilterSchema },
    handler: async (req, reply) => sendXlsx(reply, '花名册.xlsx', EXPORT_COLUMNS, await mutate(deps, req, (ctx) => service.exportWorkers(ctx, req.params.townId, req.query))),
  });
  app.get('/api/towns/:townId/workers/:id', {
    config: { access: 'worker.read' },
    schema: { tags, summary: '人员详情与岗位历史', params: TownItemParams, response: { 200: WorkerDetailSchema, ...errorResponses } },
    handler: (req) => service.getWorker(readContext(deps, req), req.params.townId, req.params.id),
  });
  app.post('/api/towns/:townId/workers', {
    config: { access: 'worker.manage' },
    schema: { tags, summary: '登记人员及其岗位', params: TownParams, body: CreateWorkerSchema, response: { 201: WorkerDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.createWorker(ctx, req.params.townId, req.body))),
  });
  app.patch('/api/towns/:townId/workers/:id/person', {
    config: { access: 'worker.manage' },
    schema: { tags, summary: '修改个人信息', params: TownItemParams, body: PersonUpdateSchema, response: { 200: WorkerDetailSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.updatePerson(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/workers/:id/posts', {
    config: { access: 'worker.manage' },
    schema: { tags, summary: '岗位变更（自生效日期起：调队、管理单位、待遇办法、暂停、离岗）', params: TownItemParams, body: PostChangeSchema, response: { 201: WorkerDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.changePost(ctx, req.params.townId, req.params.id, req.body))),
  });
  app.post('/api/towns/:townId/workers/:id/reveal', {
    config: { access: 'worker.reveal' },
    schema: { tags, summary: '查看完整号码（记入审计）', params: TownItemParams, body: RevealSchema, response: { 200: RevealedSchema, ...errorResponses } },
    handler: async (req) => {
      const revealed = await mutate(deps, req, (ctx) => service.revealField(ctx, req.params.townId, req.params.id, req.body));
      // Over the hour's limit: refused after the count and the alert are committed (reveal-limit.ts).
      if ('refused' in revealed) throw revealed.refused;
      return revealed;
    },
  });
}
