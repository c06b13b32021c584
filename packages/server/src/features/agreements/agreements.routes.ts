import {
  AGREEMENT_STATE_LABELS,
  AgreementActionSchema,
  AgreementBatchActionSchema,
  AgreementBatchWitnessSchema,
  AgreementDraftInputSchema,
  AgreementPageSchema,
  AgreementPdfQuerySchema,
  AgreementQuerySchema,
  AgreementSchema,
  AnnualResultInputSchema,
  BatchActionResultSchema,
  PAY_SCHEME_LABELS,
  RenewalInputSchema,
  RenewalResultSchema,
  WitnessInputSchema,
  type Agreement,
} from '@gongyi/domain';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, recordExport } from '../audit/audit.repository.js';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import type { MutationContext } from '../../http/context.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { can } from '../policy.js';
import { decodePerson } from '../workers/person-codec.js';
import { agreementsPdf } from './agreement-pdf.js';
import * as service from './agreements.service.js';

const tags = ['上岗协议'];
const EXPORT_COLUMNS: Column<Agreement>[] = [
  { header: '姓名', width: 10, value: (a) => a.name },
  { header: '身份证号码', width: 22, value: (a) => a.idNumberMasked },
  { header: '服务队', width: 16, value: (a) => a.teamName },
  { header: '服务社（甲方）', width: 18, value: (a) => a.coopName },
  { header: '主管部门（鉴证）', width: 18, value: (a) => a.supervisingDepartmentName },
  { header: '起始日', width: 12, value: (a) => a.termStart },
  { header: '终止日', width: 12, value: (a) => a.termEnd },
  { header: '状态', width: 10, value: (a) => AGREEMENT_STATE_LABELS[a.state].zh },
  { header: '待遇办法', width: 12, value: (a) => PAY_SCHEME_LABELS[a.payScheme].zh },
  { header: '备案编号', width: 16, value: (a) => a.filingNumber },
  { header: '续签条件', width: 40, value: (a) => a.renewal.reason },
];
const FilterSchema = AgreementQuerySchema.omit({ page: true, pageSize: true });
const EXPORT_LIMIT = 100_000;

/** The agreements to print, audited; the ID prints in clear only for a grant that may reveal it. */
async function printable(ctx: MutationContext, townId: string, ids: string[]) {
  const agreements = await service.agreementsForPrint(ctx, townId, ids);
  const reveal = can(ctx.actor, 'worker.reveal');
  const persons = reveal ? await ctx.db.selectFrom('persons').selectAll().where('town_id', '=', townId).where('id', 'in', agreements.map((a) => a.personId)).execute() : [];
  const clear = new Map(persons.map((p) => [p.id, decodePerson(ctx.keyring, p).idNumber]));
  const pages = agreements.map((a) => ({ ...a, idNumberPrinted: clear.get(a.personId) ?? a.idNumberMasked }));
  const town = await ctx.db.selectFrom('towns').select('name').where('id', '=', townId).executeTakeFirstOrThrow();
  await recordAudit(ctx, { townId, action: 'agreement.print', objectType: 'agreement', objectId: ids.length === 1 ? ids[0]! : townId, after: { ids: agreements.map((a) => a.id), idInClear: reveal } });
  return { pages, townName: town.name };
}

/** Renders after the transaction has committed, so a long batch holds no lock. */
async function sendPdf(deps: AppDeps, req: FastifyRequest<{ Params: { townId: string } }>, reply: FastifyReply, ids: string[]) {
  const { pages, townName } = await mutate(deps, req, (ctx) => printable(ctx, req.params.townId, ids));
  const pdf = await agreementsPdf(pages, townName);
  const name = pages.length === 1 ? `上岗协议-${pages[0]!.name}.pdf` : `上岗协议-${pages.length}份.pdf`;
  return reply.type('application/pdf').header('content-disposition', `inline; filename="agreement.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`).send(pdf);
}

export function agreementRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/agreements', {
    config: { access: 'agreement.read' },
    schema: { tags, summary: '上岗协议（状态、服务队、服务社、到期天数筛选）', params: TownParams, querystring: AgreementQuerySchema, response: { 200: AgreementPageSchema, ...errorResponses } },
    handler: (req) => service.listAgreements(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/agreements/export.xlsx', {
    config: { access: 'agreement.read' },
    schema: { tags, summary: '导出上岗协议（xlsx，脱敏，记入审计）', params: TownParams, querystring: FilterSchema },
    handler: async (req, reply) =>
      sendXlsx(
        reply,
        '上岗协议.xlsx',
        EXPORT_COLUMNS,
        await mutate(deps, req, async (ctx) =>
          recordExport(ctx, req.params.townId, 'agreement', req.query, (await service.listAgreements(ctx, req.params.townId, { ...req.query, page: 1, pageSize: EXPORT_LIMIT })).items),
        ),
      ),
  });
  app.get('/api/towns/:townId/agreements/pdf', {
    config: { access: 'agreement.read' },
    schema: { tags, summary: '批量打印上岗协议（A4 PDF，每份一页）', params: TownParams, querystring: AgreementPdfQuerySchema },
    handler: (req, reply) => sendPdf(deps, req, reply, req.query.ids.split(',').filter(Boolean).slice(0, 500)),
  });
  app.get('/api/towns/:townId/agreements/:id', {
    config: { access: 'agreement.read' },
    schema: { tags, summary: '一份上岗协议', params: TownItemParams, response: { 200: AgreementSchema, ...errorResponses } },
    handler: (req) => service.getAgreement(readContext(deps, req), req.params.townId, req.params.id),
  });
  app.get('/api/towns/:townId/agreements/:id/pdf', {
    config: { access: 'agreement.read' },
    schema: { tags, summary: '上岗协议 PDF（A4，中文）', params: TownItemParams },
    handler: (req, reply) => sendPdf(deps, req, reply, [req.params.id]),
  });
  app.post('/api/towns/:townId/agreements', {
    config: { access: 'agreement.manage' },
    schema: { tags, summary: '服务社为已批准的招录拟订协议（R6）', params: TownParams, body: AgreementDraftInputSchema, response: { 201: AgreementSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.draftAgreement(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/agreements/:id/actions', {
    config: { access: 'agreement.manage' },
    schema: { tags, summary: '签订、备案或终止协议（R6；备案后按起始日上岗）', params: TownItemParams, body: AgreementActionSchema, response: { 200: AgreementSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.actOnAgreement(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/agreements/:id/witness', {
    config: { access: 'agreement.witness' },
    schema: { tags, summary: '主管部门鉴证（R6）', params: TownItemParams, body: WitnessInputSchema, response: { 200: AgreementSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.witnessAgreement(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/agreements/batch', {
    config: { access: 'agreement.manage' },
    schema: { tags, summary: '批量签订、备案或终止（全部成功或全部不做）', params: TownParams, body: AgreementBatchActionSchema, response: { 200: BatchActionResultSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.batchAct(ctx, req.params.townId, req.body.agreementIds, req.body.action)),
  });
  app.post('/api/towns/:townId/agreements/batch-witness', {
    config: { access: 'agreement.witness' },
    schema: { tags, summary: '批量鉴证', params: TownParams, body: AgreementBatchWitnessSchema, response: { 200: BatchActionResultSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.batchWitness(ctx, req.params.townId, req.body.agreementIds, req.body.witness)),
  });
  app.post('/api/towns/:townId/agreements/renewals', {
    config: { access: 'agreement.manage' },
    schema: { tags, summary: '批量续签：年度考核合格者续签，其余列出原因（R8）', params: TownParams, body: RenewalInputSchema, response: { 200: RenewalResultSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => service.renewAgreements(ctx, req.params.townId, req.body)),
  });
  app.post('/api/towns/:townId/annual-results', {
    config: { access: 'annual_result.manage' },
    schema: {
      tags,
      summary: '登记年度考核结果（续签依据，R8；#6 年度考核上线后由考核写入）',
      params: TownParams,
      body: AnnualResultInputSchema,
      response: { 201: z.object({ personId: z.string(), year: z.number().int(), outcome: z.string() }), ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => service.recordAnnualResult(ctx, req.params.townId, req.body))),
  });
}
