import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CheckedRow } from './check-row.js';
import type { ImportRowStatus } from '@gongyi/domain';
import type { Sheet } from './read-sheet.js';

// The clerk's own sheet back, every row where it was, with 状态 and 问题说明 beside it, so the
// row numbers in the messages still match and the sheet can be fixed in place and re-imported.

export interface ReportRow extends CheckedRow {
  status: ImportRowStatus;
}

const STATUS_LABELS: Record<ImportRowStatus, string> = {
  create: '新增',
  unchanged: '已存在，信息一致',
  differs: '已存在，信息不一致（跳过）',
  error: '错误',
};
const FILLS: Partial<Record<ImportRowStatus, string>> = { error: 'FFFFC7CE', differs: 'FFFFEB9C' };

const describe = (row: ReportRow) => row.messages.map((m) => (m.column ? `【${m.column}】${m.message}` : m.message)).join('\n');

/** Streams the workbook (100k rows in a few seconds; the in-memory writer takes several times longer). */
export async function buildReport(sheet: Sheet, headerRow: number, rows: readonly ReportRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const width = Math.max(...sheet.rows.map((r) => r.cells.length));
  const statusColumn = width + 1;
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31) || '导入结果', { views: [{ state: 'frozen', ySplit: headerRow }] });
  ws.columns = [...Array.from({ length: width }, () => ({ width: 16 })), { width: 24 }, { width: 70 }];
  const results = new Map(rows.map((r) => [r.row, r]));
  for (const source of sheet.rows) {
    const row = ws.getRow(source.row);
    source.cells.forEach((value, i) => {
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    if (source.row === headerRow) {
      row.getCell(statusColumn).value = '状态';
      row.getCell(statusColumn + 1).value = '问题说明';
      row.font = { bold: true };
    }
    const result = results.get(source.row);
    if (result) {
      row.getCell(statusColumn).value = STATUS_LABELS[result.status];
      if (result.messages.length > 0) {
        row.getCell(statusColumn + 1).value = describe(result);
        row.getCell(statusColumn + 1).alignment = { wrapText: true, vertical: 'top' };
      }
      const fill = FILLS[result.status];
      if (fill) for (let c = 1; c <= statusColumn + 1; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    }
    row.commit();
  }
  ws.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
