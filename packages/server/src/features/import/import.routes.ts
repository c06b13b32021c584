import { ErrorResponseSchema } from '@gongyi/domain';
import { errorResponses, mutate, readContext, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { readImportMapping, saveImportMapping } from './import-mapping.js';
import { ImportMappingSchema, ImportPreviewSchema, ImportResultSchema } from '@gongyi/domain';
import * as service from './import.service.js';
import { readUpload } from './upload.js';

const tags = ['从业人员'];
const config = { access: 'worker.import' } as const;
const responses = { ...errorResponses, 413: ErrorResponseSchema, 415: ErrorResponseSchema };
const UPLOAD = '以 multipart/form-data 上传：file（.xlsx 或 .csv，≤ 20 MB）；可选 mapping（JSON，{列号: 字段或 null}，列号 1 为 A 列）。';

export function importRoutes(app: App, deps: AppDeps): void {
  app.post('/api/towns/:townId/workers/import/preview', {
    config,
    schema: { tags, summary: '导入从业人员：预检（不写入）', description: UPLOAD, consumes: ['multipart/form-data'], params: TownParams, response: { 200: ImportPreviewSchema, ...responses } },
    handler: async (req) => service.previewImport(readContext(deps, req), req.params.townId, await readUpload(req)),
  });
  app.post('/api/towns/:townId/workers/import/commit', {
    config,
    schema: { tags, summary: '导入从业人员：确认导入（全部成功或全部不导入）', description: UPLOAD, consumes: ['multipart/form-data'], params: TownParams, response: { 200: ImportResultSchema, ...responses } },
    handler: async (req) => {
      const upload = await readUpload(req);
      return mutate(deps, req, (ctx) => service.importFile(ctx, req.params.townId, upload));
    },
  });
  app.post('/api/towns/:townId/workers/import/report', {
    config,
    schema: { tags, summary: '导入从业人员：下载逐行结果（xlsx）', description: UPLOAD, consumes: ['multipart/form-data'], params: TownParams },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const body = await service.importReport(readContext(deps, req), req.params.townId, upload);
      const fileName = `${upload.fileName.replace(/\.[^.]*$/, '')}-导入结果.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="import-report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(body);
    },
  });
  app.get('/api/towns/:townId/workers/import/mapping', {
    config,
    schema: { tags, summary: '本镇保存的导入列对应关系', params: TownParams, response: { 200: ImportMappingSchema, ...errorResponses } },
    handler: (req) => readImportMapping(readContext(deps, req), req.params.townId),
  });
  app.put('/api/towns/:townId/workers/import/mapping', {
    config,
    schema: { tags, summary: '保存本镇的导入列对应关系（按表头文字）', params: TownParams, body: ImportMappingSchema, response: { 200: ImportMappingSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => saveImportMapping(ctx, req.params.townId, req.body)),
  });
}
