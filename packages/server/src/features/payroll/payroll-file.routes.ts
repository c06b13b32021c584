import { z } from 'zod';
import { mutate, readContext, TownItemParams, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx } from '../../http/xlsx.js';
import { recordAudit } from '../audit/audit.repository.js';
import { bankRowsOf } from './bank-file.service.js';
import { bankFileColumns, bankFileCsv, bankFileRows, registerColumns } from './payroll-files.js';
import * as runs from './runs.service.js';

// Downloads of #7 part 7: the payroll register (xlsx), the bank file (xlsx/CSV, approved runs
// only), payslip PDFs per run or per worker, and a worker's own payslip. Every one is audited.
// The PDF module loads on first use: its font is large and most processes never print.

const payslipsPdf: typeof import('./payslip-pdf.js').payslipsPdf = async (...args) => (await import('./payslip-pdf.js')).payslipsPdf(...args);

const tags = ['薪酬发放'];
const attachment = (name: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function payrollFileRoutes(app: App, deps: AppDeps): void {
  app.get('/api/towns/:townId/payroll/runs/:id/register.xlsx', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '工资发放表（xlsx，各项合计）', params: TownItemParams },
    handler: async (req, reply) => {
      const { run, slips } = await mutate(deps, req, async (ctx) => {
        const run = await runs.getRun(ctx, req.params.townId, req.params.id);
        const slips = await runs.slipsOf(ctx, req.params.townId, req.params.id);
        await recordAudit(ctx, { townId: req.params.townId, action: 'payroll.register.export', objectType: 'pay_run', objectId: run.id, after: { rows: slips.length } });
        return { run, slips };
      });
      return sendXlsx(reply, `工资发放表-${run.coopName}-${run.month}.xlsx`, registerColumns(), slips);
    },
  });
  for (const format of ['xlsx', 'csv'] as const) {
    app.get(`/api/towns/:townId/payroll/runs/:id/bank-file.${format}`, {
      config: { access: 'payroll.release' },
      schema: { tags, summary: `银行代发文件（${format}，仅已审批的发放）`, params: TownItemParams },
      handler: async (req, reply) => {
        const file = await mutate(deps, req, (ctx) => bankRowsOf(ctx, req.params.townId, req.params.id));
        const name = `银行代发-${file.coopName}-${file.month}.${format}`;
        const built = bankFileRows(file.rows);
        if (format === 'xlsx') return sendXlsx(reply, name, bankFileColumns(), built.rows);
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(name)).send(bankFileCsv(file.rows));
      },
    });
  }
  app.get('/api/towns/:townId/payroll/runs/:id/payslips.pdf', {
    config: { access: 'payroll.read' },
    schema: { tags, summary: '工资条 PDF（整次发放或一人）', params: TownItemParams, querystring: z.strictObject({ personId: z.string().min(1).max(64).optional() }) },
    handler: async (req, reply) => {
      const { header, slips } = await mutate(deps, req, (ctx) => runs.slipsToPrint(ctx, req.params.townId, req.params.id, req.query.personId));
      const pdf = await payslipsPdf(slips, header);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(`工资条-${header.coopName}-${header.month}.pdf`)).send(pdf);
    },
  });
  app.get('/api/towns/:townId/payroll/my-slips/:runId/pdf', {
    config: { access: 'payroll.self' },
    schema: { tags, summary: '本人工资条 PDF', params: TownParams.extend({ runId: z.string().min(1).max(64) }) },
    handler: async (req, reply) => {
      const { header, slips } = await runs.mySlipToPrint(readContext(deps, req), req.params.townId, req.params.runId);
      const pdf = await payslipsPdf(slips, header);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(`工资条-${header.month}.pdf`)).send(pdf);
    },
  });
}
