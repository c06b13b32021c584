import { csvRecords, decodeText } from './csv.js';
import type { UploadKind } from './file-guard.js';
import { refuse, type ImportLimits } from './refusals.js';
import { NotAWorkbook, openFirstSheet } from './xlsx-reader.js';

// The first worksheet as a grid of plain values. Only non-blank rows are kept, each with its
// sheet row number, so messages point at the row the clerk sees in Excel.

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number in the sheet (the CSV record number for CSV). */
  row: number;
  /** cells[0] is column A. */
  cells: CellValue[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
  /** Reading stopped early: the sheet holds more rows than the limit allows. */
  overLimit: boolean;
}

/** Columns beyond this are ignored (a roster has a few dozen; a stray cell at XFD would cost memory). */
const MAX_COLUMNS = 256;

/** Formula results, rich text, hyperlinks and error values as the plain value Excel shows. */
export function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  if ('result' in value) return plainValue(value.result);
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
  if ('text' in value) return plainValue(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

const isBlank = (cells: CellValue[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Enough rows to find the header and know the data exceeds the limit. */
const rowBudget = (limits: ImportLimits) => limits.maxRows + limits.headerScanRows + 1;

/** The first worksheet's non-blank rows as the reader meets them, each with the sheet's name. */
async function* xlsxRows(data: Buffer): AsyncGenerator<{ sheetName: string; row: SheetRow }> {
  try {
    const sheet = await openFirstSheet(data);
    for await (const row of sheet.rows) {
      const cells = Array.from((row.values as unknown[]).slice(1, MAX_COLUMNS + 1), plainValue);
      if (!isBlank(cells)) yield { sheetName: sheet.name, row: { row: row.number, cells } };
    }
  } catch (e) {
    throw e instanceof NotAWorkbook ? refuse.notWorkbook() : refuse.damaged();
  }
}

function* csvRows(data: Buffer): Generator<SheetRow> {
  let row = 0;
  for (const record of csvRecords(decodeText(data))) {
    row++;
    const cells: CellValue[] = record.slice(0, MAX_COLUMNS);
    if (!isBlank(cells)) yield { row, cells };
  }
}

/**
 * The first sheet's non-blank rows, read as they are needed (the import's worker thread checks
 * rows while the file is still being read). `sheetName` is known once the first row is out.
 */
export function sheetRows(data: Buffer, kind: UploadKind, fileName: string): { sheetName(): string; rows: AsyncIterable<SheetRow> | Iterable<SheetRow> } {
  if (kind === 'csv') {
    const name = fileName.replace(/\.[^.]*$/, '') || 'CSV';
    return { sheetName: () => name, rows: csvRows(data) };
  }
  let name = 'Sheet1';
  return {
    sheetName: () => name,
    rows: (async function* () {
      for await (const { sheetName, row } of xlsxRows(data)) {
        name = sheetName;
        yield row;
      }
    })(),
  };
}

async function collect(data: Buffer, kind: UploadKind, fileName: string, limits: ImportLimits): Promise<Sheet> {
  const source = sheetRows(data, kind, fileName);
  const rows: SheetRow[] = [];
  let overLimit = false;
  for await (const row of source.rows) {
    if (rows.length >= rowBudget(limits)) {
      overLimit = true;
      break;
    }
    rows.push(row);
  }
  return { name: source.sheetName(), rows, overLimit };
}

/** Reads the first sheet; refuses an empty one. */
export async function readSheet(data: Buffer, kind: UploadKind, fileName: string, limits: ImportLimits): Promise<Sheet> {
  const sheet = await collect(data, kind, fileName, limits);
  if (sheet.rows.length === 0) throw refuse.emptySheet(sheet.name);
  return sheet;
}
