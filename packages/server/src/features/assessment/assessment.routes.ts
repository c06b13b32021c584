import {
  AnnualComputeSchema,
  AnnualDecisionSchema,
  AnnualQuerySchema,
  AnnualRowSchema,
  ANNUAL_OUTCOME_LABELS,
  CalendarInputSchema,
  CalendarSchema,
  CorrectionInputSchema,
  EntriesInputSchema,
  OverdueQuerySchema,
  OverdueRowSchema,
  SaveEntriesResultSchema,
  SheetCreateSchema,
  SheetQuerySchema,
  SheetSchema,
  SheetSummarySchema,
  SheetTransitionSchema,
  TemplateInputSchema,
  TemplateQuerySchema,
  TemplateSchema,
  YearParams,
  type Action,
  type AnnualRow,
  type Scorer,
  type Sheet,
} from '@gongyi/domain';
import { z } from 'zod';
import { recordExport } from '../audit/audit.repository.js';
import type { ReadContext } from '../../http/context.js';
import { errorResponses, mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import * as annual from './annual.service.js';
import * as calendar from './calendar.js';
import * as boards from './sheet-boards.service.js';
import * as sheets from './sheets.service.js';
import * as templates from './templates.service.js';
import { rowsFromUpload, sheetColumns } from './sheet-xlsx.js';
import { readUpload } from '../import/upload.js';

const tags = ['考勤考核'];
const MonthSummarySchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  workers: z.number().int(),
  scored: z.number().int(),
  meanTenths: z.number().int().nullable(),
  grades: z.object({ excellent: z.number().int(), pass: z.number().int(), basic_pass: z.number().int(), fail: z.number().int() }),
  locked: z.number().int(),
  sheets: z.number().int(),
});
const ANNUAL_COLUMNS: Column<AnnualRow>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '服务队', width: 16, value: (r) => r.teamName },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '考核月数', width: 10, value: (r) => r.months },
  { header: '月均分', width: 10, value: (r) => (r.meanTenths === null ? null : r.meanTenths / 10) },
  { header: '计算等次', width: 10, value: (r) => (r.computed ? ANNUAL_OUTCOME_LABELS[r.computed].zh : '') },
  { header: '确定等次', width: 10, value: (r) => ANNUAL_OUTCOME_LABELS[r.outcome].zh },
  { header: '区条线评价', width: 14, value: (r) => r.districtRating },
  { header: '调整理由', width: 30, value: (r) => r.decisionReason },
];

/** The two xlsx parts of a sheet: the daily-managing unit's whole month, and a community's own workers and indicators (R25). */
const XLSX_PARTS: {
  scorer: Scorer;
  download: string;
  upload: string;
  readAccess: Action;
  writeAccess: Action;
  sheet: (ctx: ReadContext, townId: string, id: string) => Promise<Sheet>;
  fileName: (sheet: Sheet) => string;
  downloadSummary: string;
  uploadSummary: string;
}[] = [
  {
    scorer: 'unit',
    download: 'sheet.xlsx',
    upload: 'upload',
    readAccess: 'assessment.read',
    writeAccess: 'assessment.enter',
    sheet: sheets.getSheet,
    fileName: (s) => `考勤考核-${s.teamName}-${s.departmentName}-${s.month}.xlsx`,
    downloadSummary: '下载填报表（xlsx，填好后上传）',
    uploadSummary: '上传填好的填报表（逐格校验，错误格返回说明，其余保存）',
  },
  {
    scorer: 'community',
    download: 'community-sheet.xlsx',
    upload: 'community-upload',
    readAccess: 'assessment.community',
    writeAccess: 'assessment.community',
    sheet: sheets.getCommunitySheet,
    fileName: (s) => `村居评分-${s.teamName}-${s.month}.xlsx`,
    downloadSummary: '下载村居评分填报表（本村居人员，xlsx，填好后上传，R25）',
    uploadSummary: '上传填好的村居评分填报表（逐格校验，错误格返回说明，其余保存）',
  },
];

export function assessmentRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/assessment/templates', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '考核指标（各服务队、各版本）', params: TownParams, querystring: TemplateQuerySchema, response: { 200: z.array(TemplateSchema), ...errorResponses } },
    handler: (req) => templates.listTemplates(readContext(deps, req), req.params.townId, req.query.teamId),
  });
  app.post('/api/towns/:townId/assessment/templates', {
    config: { access: 'assessment.template.manage' },
    schema: { tags, summary: '制定考核指标（自某月起适用，须领导小组批准，R25）', params: TownParams, body: TemplateInputSchema, response: { 201: TemplateSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => templates.createTemplate(ctx, req.params.townId, req.body))),
  });
  app.post('/api/towns/:townId/assessment/templates/:id/approve', {
    config: { access: 'assessment.template.approve' },
    schema: { tags, summary: '领导小组批准考核指标', params: TownItemParams, response: { 200: TemplateSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => templates.approveTemplate(ctx, req.params.townId, req.params.id)),
  });
  app.get('/api/towns/:townId/calendar/:year', {
    // assessment.read or calendar.manage, checked in the service (a route names one action).
    config: { access: 'session' },
    schema: { tags, summary: '法定节假日与调休上班日（来源：日历数据包或管理员录入）', params: YearParams, response: { 200: CalendarSchema, ...errorResponses } },
    handler: (req) => calendar.getCalendar(readContext(deps, req), req.params.year),
  });
  app.put('/api/towns/:townId/calendar/:year', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: '录入某年的节假日与调休（日历数据包缺该年时）', params: YearParams, body: CalendarInputSchema, response: { 200: CalendarSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => calendar.saveCalendar(ctx, req.params.townId, req.params.year, req.body)),
  });
  app.get('/api/towns/:townId/assessment/sheets', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '月度考核表', params: TownParams, querystring: SheetQuerySchema, response: { 200: z.array(SheetSummarySchema), ...errorResponses } },
    handler: (req) => sheets.listSheets(readContext(deps, req), req.params.townId, req.query),
  });
  app.post('/api/towns/:townId/assessment/sheets', {
    config: { access: 'assessment.enter' },
    schema: { tags, summary: '建立本单位某队某月的考勤考核表（列出当月在岗人员与应出勤天数）', params: TownParams, body: SheetCreateSchema, response: { 201: SheetSchema, ...errorResponses } },
    handler: async (req, reply) => reply.code(201).send(await mutate(deps, req, (ctx) => sheets.createSheet(ctx, req.params.townId, req.body))),
  });
  app.get('/api/towns/:townId/assessment/sheets/:id', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '一张考核表：指标、每人考勤与得分', params: TownItemParams, response: { 200: SheetSchema, ...errorResponses } },
    handler: (req) => sheets.getSheet(readContext(deps, req), req.params.townId, req.params.id),
  });
  app.put('/api/towns/:townId/assessment/sheets/:id/entries', {
    config: { access: 'assessment.enter' },
    schema: { tags, summary: '日常管理单位填报考勤与评分（逐格校验，错误格返回说明，其余保存）', params: TownItemParams, body: EntriesInputSchema, response: { 200: SaveEntriesResultSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => sheets.saveEntries(ctx, req.params.townId, req.params.id, req.body.rows, 'unit')),
  });
  app.put('/api/towns/:townId/assessment/sheets/:id/community-entries', {
    config: { access: 'assessment.community' },
    schema: { tags, summary: '村居委会评分（本村居人员的村居考核部分，R25）', params: TownItemParams, body: EntriesInputSchema, response: { 200: SaveEntriesResultSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => sheets.saveEntries(ctx, req.params.townId, req.params.id, req.body.rows, 'community')),
  });
  // #6 part 5: the xlsx round trip, for the unit's whole sheet and for the community's own part (R25).
  for (const part of XLSX_PARTS) {
    app.get(`/api/towns/:townId/assessment/sheets/:id/${part.download}`, {
      config: { access: part.readAccess },
      schema: { tags, summary: part.downloadSummary, params: TownItemParams },
      handler: async (req, reply) => {
        const sheet = await part.sheet(readContext(deps, req), req.params.townId, req.params.id);
        return sendXlsx(reply, part.fileName(sheet), sheetColumns(sheet, part.scorer), sheet.entries);
      },
    });
    app.post(`/api/towns/:townId/assessment/sheets/:id/${part.upload}`, {
      config: { access: part.writeAccess },
      schema: { tags, summary: part.uploadSummary, params: TownItemParams, response: { 200: SaveEntriesResultSchema, ...errorResponses } },
      handler: async (req) => {
        const upload = await readUpload(req);
        const sheet = await part.sheet(readContext(deps, req), req.params.townId, req.params.id);
        const rows = await rowsFromUpload(upload, sheet, part.scorer);
        return mutate(deps, req, (ctx) => sheets.saveEntries(ctx, req.params.townId, req.params.id, rows, part.scorer));
      },
    });
  }
  app.post('/api/towns/:townId/assessment/sheets/:id/transition', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '流转：村居评分完成、报送、审核、退回、锁定', params: TownItemParams, body: SheetTransitionSchema, response: { 200: SheetSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => sheets.transitionSheet(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.post('/api/towns/:townId/assessment/sheets/:id/corrections', {
    config: { access: 'assessment.review' },
    schema: { tags, summary: '锁定后更正（记录理由与审批人）', params: TownItemParams, body: CorrectionInputSchema, response: { 200: SheetSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => sheets.correctEntry(ctx, req.params.townId, req.params.id, req.body)),
  });
  app.get('/api/towns/:townId/assessment/overdue', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '未报送（逾期）的单位', params: TownParams, querystring: OverdueQuerySchema, response: { 200: z.array(OverdueRowSchema.extend({ overdue: z.boolean() })), ...errorResponses } },
    handler: (req) => boards.overdueBoard(readContext(deps, req), req.params.townId, req.query.month),
  });
  app.get('/api/towns/:townId/assessment/summary', {
    config: { access: 'assessment.read' },
    schema: {
      tags,
      summary: '月度考核概况（各队人数、已评、平均分、等次分布）',
      params: TownParams,
      querystring: OverdueQuerySchema,
      response: { 200: z.array(MonthSummarySchema), ...errorResponses },
    },
    handler: (req) => boards.monthSummary(readContext(deps, req), req.params.townId, req.query.month),
  });
  app.post('/api/towns/:townId/assessment/annual/compute', {
    config: { access: 'assessment.annual' },
    schema: { tags, summary: '汇总年度考核（已锁定各月的平均分）', params: TownParams, body: AnnualComputeSchema, response: { 200: z.object({ computed: z.number().int() }), ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => annual.computeAnnual(ctx, req.params.townId, req.body.year, req.body.teamId)),
  });
  app.get('/api/towns/:townId/assessment/annual', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '年度考核结果', params: TownParams, querystring: AnnualQuerySchema, response: { 200: z.array(AnnualRowSchema), ...errorResponses } },
    handler: (req) => annual.listAnnual(readContext(deps, req), req.params.townId, req.query.year, req.query.teamId),
  });
  app.get('/api/towns/:townId/assessment/annual.xlsx', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: '导出年度考核结果（xlsx，记入审计）', params: TownParams, querystring: AnnualQuerySchema },
    handler: async (req, reply) =>
      sendXlsx(reply, `年度考核-${req.query.year}.xlsx`, ANNUAL_COLUMNS, await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, 'annual_result', req.query, await annual.listAnnual(ctx, req.params.townId, req.query.year, req.query.teamId)))),
  });
  app.post('/api/towns/:townId/assessment/annual/:id/decision', {
    config: { access: 'assessment.annual' },
    schema: { tags, summary: '领导小组确定年度等次（可上下调整一档，须写明理由）', params: TownItemParams, body: AnnualDecisionSchema, response: { 200: AnnualRowSchema, ...errorResponses } },
    handler: (req) => mutate(deps, req, (ctx) => annual.decideAnnual(ctx, req.params.townId, req.params.id, req.body)),
  });
}
