import { AuditPageSchema, AuditQuerySchema, ChainCheckSchema, type AuditRecord } from '@gongyi/domain';
import { errorResponses, mutate, readContext, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { appendCheckpoint } from './checkpoint-file.js';
import { checkAuditChain, checkpointNow, exportAudit, exportCheckpoints, searchAudit } from './audit.service.js';

const tags = ['监察审计'];

const EXPORT_COLUMNS: Column<AuditRecord>[] = [
  { header: '序号', width: 8, value: (r) => r.seq },
  { header: '时间', width: 28, value: (r) => r.at },
  { header: '操作人', width: 24, value: (r) => r.actor },
  { header: '所用授权', width: 24, value: (r) => r.grant },
  { header: '操作', width: 22, value: (r) => r.action },
  { header: '对象类型', width: 14, value: (r) => r.objectType },
  { header: '对象', width: 38, value: (r) => r.objectId },
  { header: '结果', width: 8, value: (r) => r.result },
  { header: '变更前', width: 40, value: (r) => r.before },
  { header: '变更后', width: 40, value: (r) => r.after },
  { header: 'IP', width: 16, value: (r) => r.ip },
  { header: '请求编号', width: 38, value: (r) => r.requestId },
  { header: '哈希', width: 66, value: (r) => r.hash },
];

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/audit', {
    config: { access: 'audit.read' },
    schema: { tags, summary: '审计日志', params: TownParams, querystring: AuditQuerySchema, response: { 200: AuditPageSchema, ...errorResponses } },
    handler: (req) => searchAudit(readContext(deps, req), req.params.townId, req.query),
  });
  app.get('/api/towns/:townId/audit/export.xlsx', {
    config: { access: 'audit.export' },
    schema: { tags, summary: '导出审计日志（xlsx，导出本身记入审计）', params: TownParams, querystring: AuditQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) => {
      const rows = await mutate(deps, req, (ctx) => exportAudit(ctx, req.params.townId, req.query));
      await checkpointNow(deps.database, deps.runtime, req.params.townId, 'export');
      return sendXlsx(reply, '审计日志.xlsx', EXPORT_COLUMNS, rows);
    },
  });
  app.get('/api/towns/:townId/audit/checkpoints', {
    config: { access: 'audit.export' },
    schema: { tags, summary: '导出审计与台账链头检查点（每行一个 JSON，监察办留存；导出本身记入审计）', params: TownParams },
    handler: async (req, reply) => {
      const rows = await mutate(deps, req, (ctx) => exportCheckpoints(ctx, req.params.townId));
      // Into the file only after the commit, so it never names a head that was rolled back.
      if (deps.runtime.checkpointFile) appendCheckpoint(deps.runtime.checkpointFile, deps.runtime.keyring, rows.at(-1)!);
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-checkpoints.jsonl"')
        .send(rows.map((c) => `${JSON.stringify(c)}\n`).join(''));
    },
  });
  app.get('/api/towns/:townId/audit/verify', {
    config: { access: 'audit.read' },
    schema: { tags, summary: '校验审计哈希链', params: TownParams, response: { 200: ChainCheckSchema, ...errorResponses } },
    handler: (req) => checkAuditChain(deps, readContext(deps, req), req.params.townId),
  });
}
