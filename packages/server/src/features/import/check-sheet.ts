import { checkRow, type CheckedRow } from './check-row.js';
import { findHeaderRow, mapColumns, type ColumnMapping, type HeaderMatch, type ImportColumn, type SavedMapping } from './columns.js';
import type { ImportField } from './fields.js';
import type { ImportLookups } from './lookups.js';
import type { Sheet } from './read-sheet.js';
import { refuse, type ImportLimits } from './refusals.js';

// A whole sheet checked without a database: header, mapping, limits, every row, in-file duplicates.

export interface CheckedSheet extends HeaderMatch {
  sheetName: string;
  rows: CheckedRow[];
}

export interface MappingChoices {
  saved: SavedMapping;
  requested: ColumnMapping;
}

/** A second row with an ID number already seen in the file is an error; the first row stands. */
function markDuplicates(rows: CheckedRow[], columns: ImportColumn[]): void {
  const idColumn = columns.find((c) => c.field === 'idNumber')!;
  const indexOf = (field: ImportField | null) => columns.find((c) => c.field === field)?.index ?? Number.POSITIVE_INFINITY;
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.idNumber) continue;
    const earlier = first.get(row.idNumber);
    if (earlier === undefined) {
      first.set(row.idNumber, row.row);
      continue;
    }
    const message = { field: 'idNumber' as const, column: idColumn.header, value: row.idNumber, message: `与第 ${earlier} 行身份证号重复。同一人只能导入一次，请删除其中一行。` };
    const at = row.messages.findIndex((m) => indexOf(m.field) > idColumn.index);
    row.messages.splice(at < 0 ? row.messages.length : at, 0, message);
    row.worker = null;
  }
}

export function checkSheet(sheet: Sheet, choices: MappingChoices, lookups: ImportLookups, limits: ImportLimits): CheckedSheet {
  const headerRow = findHeaderRow(sheet.rows, choices.saved, choices.requested, limits);
  const dataRows = sheet.rows.filter((r) => r.row > headerRow.row);
  if (dataRows.length === 0) throw refuse.noRows(headerRow.row);
  if (sheet.overLimit || dataRows.length > limits.maxRows) throw refuse.tooManyRows(limits);
  const width = Math.max(...sheet.rows.slice(0, limits.headerScanRows + 1).map((r) => r.cells.length), 0);
  const match = mapColumns(headerRow, width, choices.saved, choices.requested);
  const byField = new Map<ImportField, ImportColumn>(match.columns.filter((c) => c.field).map((c) => [c.field!, c]));
  const rows = dataRows.map((r) => checkRow(r, byField, lookups));
  markDuplicates(rows, match.columns);
  return { ...match, sheetName: sheet.name, rows };
}
