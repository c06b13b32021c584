import { checkRow, type CheckedRow } from './check-row.js';
import { findHeaderRow, mapColumns, type ColumnMapping, type HeaderMatch, type ImportColumn, type SavedMapping } from './columns.js';
import type { ImportField } from './fields.js';
import type { ImportLookups } from './lookups.js';
import type { Sheet, SheetRow } from './read-sheet.js';
import { refuse, type ImportLimits } from './refusals.js';

// A whole sheet checked without a database: header, mapping, limits, every row, in-file duplicates.
// The same checks run row batch by row batch on the import's worker thread (SheetChecker).

export interface CheckedSheet extends HeaderMatch {
  sheetName: string;
  rows: CheckedRow[];
}

export interface MappingChoices {
  saved: SavedMapping;
  requested: ColumnMapping;
}

/** The rows the header is looked for in (and the sheet's width taken from). */
export const headRowCount = (limits: ImportLimits) => limits.headerScanRows + 1;

/**
 * Checks a sheet's rows in order, a batch at a time, once its first rows have given the header and
 * the mapping. A second row with an ID number already seen is an error; the first row stands.
 */
export class SheetChecker {
  readonly match: HeaderMatch;
  private readonly byField: Map<ImportField, ImportColumn>;
  private readonly idColumn: ImportColumn;
  private readonly firstRowOf = new Map<string, number>();
  private dataRows = 0;

  constructor(
    headRows: SheetRow[],
    choices: MappingChoices,
    private readonly lookups: ImportLookups,
    private readonly limits: ImportLimits,
  ) {
    const headerRow = findHeaderRow(headRows, choices.saved, choices.requested, limits);
    const width = Math.max(...headRows.slice(0, headRowCount(limits)).map((r) => r.cells.length), 0);
    this.match = mapColumns(headerRow, width, choices.saved, choices.requested);
    this.byField = new Map(this.match.columns.filter((c) => c.field).map((c) => [c.field!, c]));
    this.idColumn = this.match.columns.find((c) => c.field === 'idNumber')!;
  }

  /** The rows below the header among `rows`, checked; refuses once the data exceeds the row limit. */
  check(rows: SheetRow[]): CheckedRow[] {
    const data = rows.filter((r) => r.row > this.match.headerRow.row);
    this.dataRows += data.length;
    if (this.dataRows > this.limits.maxRows) throw refuse.tooManyRows(this.limits);
    return data.map((r) => this.markDuplicate(checkRow(r, this.byField, this.lookups)));
  }

  /** Refuses a sheet with nothing below its header; call once every row has been checked. */
  finish(): void {
    if (this.dataRows === 0) throw refuse.noRows(this.match.headerRow.row);
  }

  private markDuplicate(row: CheckedRow): CheckedRow {
    if (!row.idNumber) return row;
    const earlier = this.firstRowOf.get(row.idNumber);
    if (earlier === undefined) {
      this.firstRowOf.set(row.idNumber, row.row);
      return row;
    }
    const indexOf = (field: ImportField | null) => this.match.columns.find((c) => c.field === field)?.index ?? Number.POSITIVE_INFINITY;
    const message = { field: 'idNumber' as const, column: this.idColumn.header, value: row.idNumber, message: `与第 ${earlier} 行身份证号重复。同一人只能导入一次，请删除其中一行。` };
    const at = row.messages.findIndex((m) => indexOf(m.field) > this.idColumn.index);
    row.messages.splice(at < 0 ? row.messages.length : at, 0, message);
    row.worker = null;
    return row;
  }
}

export function checkSheet(sheet: Sheet, choices: MappingChoices, lookups: ImportLookups, limits: ImportLimits): CheckedSheet {
  const checker = new SheetChecker(sheet.rows.slice(0, headRowCount(limits)), choices, lookups, limits);
  if (sheet.overLimit) throw refuse.tooManyRows(limits);
  const rows = checker.check(sheet.rows);
  checker.finish();
  return { ...checker.match, sheetName: sheet.name, rows };
}
