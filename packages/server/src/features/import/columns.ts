import { cellText } from '@gongyi/domain';
import { fieldOfHeader, IMPORT_FIELD_LABELS, IMPORT_FIELDS, normaliseHeader, REQUIRED_FIELDS, type ImportField } from './fields.js';
import type { SheetRow } from './read-sheet.js';
import { refuse, type ImportLimits } from './refusals.js';

// Which row is the header and which column holds which field. Precedence: the mapping sent with
// the request (by column number), then the town's saved mapping (by header text), then synonyms.

export interface ImportColumn {
  /** 1-based column number (A = 1). */
  index: number;
  header: string;
  field: ImportField | null;
}

/** A town's saved choices: normalised header text → field, or null to ignore that column. */
export type SavedMapping = Record<string, ImportField | null>;
/** One request's corrections: column number → field, or null to ignore that column. */
export type ColumnMapping = Record<string, ImportField | null>;

export interface HeaderMatch {
  headerRow: SheetRow;
  columns: ImportColumn[];
  /** Required fields no column holds; every row will then report them missing. */
  missing: ImportField[];
}

function savedOrSynonym(header: string, saved: SavedMapping): ImportField | null | undefined {
  const key = normaliseHeader(header);
  if (Object.hasOwn(saved, key)) return saved[key] ?? null;
  return fieldOfHeader(header);
}

/**
 * The row among the first few that names the most known fields (at least two), counting the
 * request's own column choices. A merged title row above the header (“小昆山镇公益性岗位人员花名册”)
 * names none, so it is passed over.
 */
export function findHeaderRow(rows: SheetRow[], saved: SavedMapping, requested: ColumnMapping, limits: ImportLimits): SheetRow {
  let best: SheetRow | undefined;
  let bestScore = 1;
  for (const row of rows.slice(0, limits.headerScanRows)) {
    const fields = new Set<ImportField>();
    row.cells.forEach((cell, i) => {
      if (typeof cell !== 'string' || !cell.trim()) return;
      const field = Object.hasOwn(requested, String(i + 1)) ? requested[String(i + 1)] : savedOrSynonym(cell, saved);
      if (field) fields.add(field);
    });
    if (fields.size > bestScore) {
      best = row;
      bestScore = fields.size;
    }
  }
  if (!best) throw refuse.noHeader(limits);
  return best;
}

function checkRequested(requested: ColumnMapping, width: number): void {
  const seen = new Map<ImportField, string>();
  for (const [key, field] of Object.entries(requested)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 1 || index > width) {
      throw refuse.badMapping(`列对应关系中的第 ${key} 列不存在（表格共 ${width} 列）。请刷新后重新选择。`, `Column ${key} does not exist (the sheet has ${width}).`);
    }
    if (field === null || field === undefined) continue;
    if (!IMPORT_FIELDS.includes(field)) throw refuse.badMapping(`列对应关系中的“${String(field)}”不是可导入的字段。`, `"${String(field)}" is not an importable field.`);
    const other = seen.get(field);
    if (other) {
      throw refuse.badMapping(
        `第 ${other} 列和第 ${key} 列都对应“${IMPORT_FIELD_LABELS[field]}”。请只保留其中一列。`,
        `Columns ${other} and ${key} both map to ${field}; keep one.`,
      );
    }
    seen.set(field, key);
  }
}

/** The columns of the header row with their fields; the first column naming a field wins. */
export function mapColumns(headerRow: SheetRow, width: number, saved: SavedMapping, requested: ColumnMapping): HeaderMatch {
  checkRequested(requested, width);
  const taken = new Set(Object.values(requested).filter((f): f is ImportField => !!f));
  const columns: ImportColumn[] = [];
  for (let index = 1; index <= width; index++) {
    const header = cellText(headerRow.cells[index - 1]);
    let field: ImportField | null = null;
    if (Object.hasOwn(requested, String(index))) field = requested[String(index)] ?? null;
    else {
      const guess = header ? savedOrSynonym(header, saved) : undefined;
      if (guess && !taken.has(guess)) {
        field = guess;
        taken.add(guess);
      }
    }
    columns.push({ index, header, field });
  }
  return { headerRow, columns, missing: REQUIRED_FIELDS.filter((f) => !taken.has(f)) };
}
