import { ACCOUNT_TYPE_LABELS, ENTRY_KIND_LABELS, type AccountBalance, type Budget, type LedgerEntry } from '@gongyi/domain';
import { z } from 'zod';
import type { ReconciliationRowSchema } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { mutate, TownParams, type App, type AppDeps } from '../../http/route-kit.js';
import { sendXlsx, type Column } from '../../http/xlsx.js';
import { recordExport } from '../audit/audit.repository.js';
import { getBudget } from './budget.service.js';
import { ledgerSummary, listEntries, reconciliation } from './reports.service.js';

// The finance reports as xlsx (#8 part 5), each export audited with its filters and row count.

const tags = ['资金台账'];
const yuan = (fen: number) => fen / 100;
const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
type Reconciliation = z.infer<typeof ReconciliationRowSchema>;

const BALANCE_COLUMNS: Column<AccountBalance>[] = [
  { header: '账户', width: 30, value: (a) => a.name },
  { header: '类别', width: 16, value: (a) => ACCOUNT_TYPE_LABELS[a.type].zh },
  { header: '借方累计（元）', width: 16, value: (a) => yuan(a.debitFen) },
  { header: '贷方累计（元）', width: 16, value: (a) => yuan(a.creditFen) },
  { header: '余额（元）', width: 16, value: (a) => yuan(a.balanceFen) },
];
const ENTRY_COLUMNS: Column<LedgerEntry & { line: LedgerEntry['lines'][number] }>[] = [
  { header: '凭证号', width: 8, value: (e) => e.seq },
  { header: '日期', width: 12, value: (e) => e.date },
  { header: '类别', width: 16, value: (e) => ENTRY_KIND_LABELS[e.kind].zh },
  { header: '单据', width: 20, value: (e) => e.documentRef },
  { header: '摘要', width: 30, value: (e) => e.memo },
  { header: '账户', width: 30, value: (e) => e.line.accountName },
  { header: '服务队', width: 14, value: (e) => e.line.teamName ?? '' },
  { header: '借方（元）', width: 14, value: (e) => yuan(e.line.debitFen) },
  { header: '贷方（元）', width: 14, value: (e) => yuan(e.line.creditFen) },
];
const BUDGET_COLUMNS: Column<{ item: string; detail: string; plannedFen: number; actualFen: number }>[] = [
  { header: '项目', width: 20, value: (r) => r.item },
  { header: '明细', width: 30, value: (r) => r.detail },
  { header: '预算（元）', width: 16, value: (r) => yuan(r.plannedFen) },
  { header: '实际（元）', width: 16, value: (r) => yuan(r.actualFen) },
];
const RECONCILIATION_COLUMNS: Column<Reconciliation>[] = [
  { header: '服务社', width: 24, value: (r) => r.coopName },
  { header: '月份', width: 10, value: (r) => r.month },
  { header: '类别', width: 12, value: (r) => (r.kind === 'annual_bonus' ? '年度考核奖' : '月度发放') },
  { header: '实发合计（元）', width: 16, value: (r) => yuan(r.runNetFen) },
  { header: '银行文件（元）', width: 16, value: (r) => yuan(r.bankFileFen) },
  { header: '计提凭证（元）', width: 16, value: (r) => yuan(r.expensePostedFen) },
  { header: '发放凭证（元）', width: 16, value: (r) => yuan(r.paymentPostedFen) },
  { header: '核对', width: 8, value: (r) => (r.matches ? '一致' : '不一致') },
];

function budgetRows(b: Budget) {
  return [
    ...b.personnel.map((p) => ({ item: '人员经费', detail: `${p.teamName}（${p.headcount} 人）`, plannedFen: p.plannedFen, actualFen: p.actualFen })),
    ...b.special.map((s) => ({ item: '专项经费', detail: `${s.coopName}：${s.description}`, plannedFen: s.plannedFen, actualFen: s.actualFen })),
    ...b.receipts.map((r) => ({ item: '预计到账', detail: r.sourceName, plannedFen: r.expectedFen, actualFen: r.actualFen })),
    { item: '缺额镇级给付', detail: '计划支出 − 市区资金', plannedFen: b.shortfallFen, actualFen: b.townPaidFen },
  ];
}

export function ledgerFileRoutes(app: App, deps: AppDeps): void {
  const exportRoute = <T>(path: string, access: 'ledger.read' | 'budget.read', summary: string, name: (year: number) => string, columns: Column<T>[], load: (ctx: MutationContext, townId: string, year: number) => Promise<T[]>) => {
    app.get(`/api/towns/:townId/${path}`, {
      config: { access },
      schema: { tags, summary, params: TownParams, querystring: YearQuery },
      handler: async (req, reply) => {
        const rows = await mutate(deps, req, async (ctx) => recordExport(ctx, req.params.townId, path.replace(/\W+/g, '_'), req.query, await load(ctx, req.params.townId, req.query.year)));
        return sendXlsx(reply, name(req.query.year), columns, rows);
      },
    });
  };
  exportRoute('ledger/balances.xlsx', 'ledger.read', '账户余额表（xlsx）', (y) => `账户余额表-${y}.xlsx`, BALANCE_COLUMNS, async (ctx, townId, year) => (await ledgerSummary(ctx, townId, year)).accounts);
  exportRoute('ledger/entries.xlsx', 'ledger.read', '记账凭证明细（xlsx，某年）', (y) => `记账凭证-${y}.xlsx`, ENTRY_COLUMNS, async (ctx, townId, year) => {
    const out = [];
    for (let m = 1; m <= 12; m++) {
      const page = await listEntries(ctx, townId, { page: 1, pageSize: 100_000, period: `${year}-${String(m).padStart(2, '0')}` });
      for (const e of page.items.reverse()) for (const line of e.lines) out.push({ ...e, line });
    }
    return out;
  });
  exportRoute('budget/budget.xlsx', 'budget.read', '预算执行表（xlsx）', (y) => `预算执行-${y}.xlsx`, BUDGET_COLUMNS, async (ctx, townId, year) => budgetRows(await getBudget(ctx, townId, year)));
  exportRoute('ledger/reconciliation.xlsx', 'ledger.read', '发放对账表（xlsx）', (y) => `发放对账-${y}.xlsx`, RECONCILIATION_COLUMNS, (ctx, townId, year) => reconciliation(ctx, townId, year));
}
