import { PAY_LINE_KINDS, PAY_LINE_LABELS, type Slip } from '@gongyi/domain';
import { safeCell, type Column } from '../../http/xlsx.js';
import type { BankRow } from './bank-file.service.js';

// The payroll register and the bank file (#7 parts 4 and 7) as pure builders: columns for the
// xlsx helper, and the bank file's rows with a totals row whose sum is checked before it leaves.

const yuan = (fen: number) => Math.round(fen) / 100;

/** One row per worker: a column per line kind (summed), then gross, deductions, net and in-kind value. */
export function registerColumns(): Column<Slip>[] {
  const byKind = PAY_LINE_KINDS.filter((k) => k !== 'deduction' && k !== 'in_kind').map(
    (kind): Column<Slip> => ({ header: PAY_LINE_LABELS[kind].zh, width: 12, value: (s) => yuan(s.lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.amountFen, 0)) }),
  );
  return [
    { header: '姓名', width: 10, value: (s) => s.name },
    { header: '服务队', width: 16, value: (s) => s.teamName },
    { header: '日常管理单位', width: 18, value: (s) => s.departmentName },
    { header: '在岗天数', width: 8, value: (s) => s.daysInPost },
    ...byKind,
    { header: '应发合计', width: 12, value: (s) => yuan(s.grossFen) },
    { header: '个人社保', width: 12, value: (s) => yuan(s.deductionFen) },
    { header: '实发金额', width: 12, value: (s) => yuan(s.netFen) },
    { header: '实物（不计现金）', width: 14, value: (s) => yuan(s.inKindFen) },
  ];
}

export interface BankFileRow {
  seq: number | string;
  name: string;
  bankName: string;
  account: string;
  amountYuan: number;
}

/**
 * The rows of the bank file with a totals row. Throws when an amount is not a positive whole fen
 * (a bank cannot pay a negative or fractional transfer; the service refuses such a run first) or
 * when the amounts as written do not add up to the total: a file that does not add up never leaves.
 */
export function bankFileRows(rows: readonly BankRow[]): { rows: BankFileRow[]; totalFen: number; count: number } {
  const bad = rows.find((r) => !Number.isSafeInteger(r.netFen) || r.netFen <= 0);
  if (bad) throw new Error(`bank file: ${bad.name}'s amount ${bad.netFen} is not a positive whole fen`);
  const totalFen = rows.reduce((s, r) => s + r.netFen, 0);
  const out: BankFileRow[] = rows.map((r, i) => ({ seq: i + 1, name: r.name, bankName: r.bankName, account: r.account, amountYuan: yuan(r.netFen) }));
  const written = out.reduce((s, r) => s + Math.round(r.amountYuan * 100), 0);
  if (written !== totalFen) throw new Error(`bank file: the rows add up to ${written} fen, the total is ${totalFen}`);
  out.push({ seq: '合计', name: `${rows.length} 人`, bankName: '', account: '', amountYuan: yuan(totalFen) });
  return { rows: out, totalFen, count: rows.length };
}

export function bankFileColumns(): Column<BankFileRow>[] {
  return [
    { header: '序号', width: 8, value: (r) => r.seq },
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '开户银行', width: 20, value: (r) => r.bankName },
    // The account as text, so Excel keeps all its digits.
    { header: '银行账号', width: 24, value: (r) => r.account },
    { header: '金额（元）', width: 14, value: (r) => r.amountYuan },
  ];
}

const csvCell = (v: string | number | null) => {
  const text = String(safeCell(v) ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * UTF-8 CSV with a BOM (so Excel and WPS read the Chinese), amounts with two decimals, a totals row;
 * text a spreadsheet would run as a formula is escaped as in the xlsx export. Accounts stay bare
 * digits, as the bank's upload reads them (Excel shows a long one rounded, but does not change the file).
 */
export function bankFileCsv(rows: readonly BankRow[]): string {
  const built = bankFileRows(rows);
  const lines = [bankFileColumns().map((c) => c.header), ...built.rows.map((r) => [r.seq, r.name, r.bankName, r.account, r.amountYuan.toFixed(2)])];
  return `\uFEFF${lines.map((l) => l.map((c) => csvCell(c as string | number)).join(',')).join('\r\n')}\r\n`;
}
