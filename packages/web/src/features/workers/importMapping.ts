import { IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS, type ImportField, type ImportMapping, type ImportPreview } from '@gongyi/domain';
import type { ColumnMapping } from '../../api/workers';

// Step 2 of the import wizard: the columns the server detected, as the user corrects them. Each
// field belongs to at most one column; the whole mapping goes with every later request, because
// the server keeps nothing between steps.

export type MappedColumn = ImportPreview['columns'][number];

export { REQUIRED_IMPORT_FIELDS };

/** The saved mapping holds at most this many headers (the server's limit). */
const MAX_SAVED = 200;

/** Gives a column a field (or none); a column that held the same field loses it. */
export function assignField(columns: readonly MappedColumn[], index: number, field: ImportField | null): MappedColumn[] {
  return columns.map((c) => {
    if (c.index === index) return { ...c, field };
    if (field !== null && c.field === field) return { ...c, field: null };
    return c;
  });
}

/** Every column's field by column number, as the multipart `mapping` field. */
export function columnMapping(columns: readonly MappedColumn[]): ColumnMapping {
  return Object.fromEntries(columns.map((c) => [String(c.index), c.field]));
}

/** Required fields no column holds: every row would be refused. */
export function missingFields(columns: readonly MappedColumn[]): ImportField[] {
  const held = new Set(columns.map((c) => c.field));
  return REQUIRED_IMPORT_FIELDS.filter((f) => !held.has(f));
}

/** Column numbers whose field the user changed from what the server detected. */
export function changedColumns(detected: readonly MappedColumn[], current: readonly MappedColumn[]): number[] {
  const before = new Map(detected.map((c) => [c.index, c.field]));
  return current.filter((c) => before.get(c.index) !== c.field).map((c) => c.index);
}

/**
 * The town's saved mapping (header text → field) with this sheet's headers added: later files
 * with the same headers map the same way. Headers of this sheet win over older entries.
 */
export function mergeSavedMapping(saved: ImportMapping['columns'], columns: readonly MappedColumn[]): ImportMapping {
  const fresh = columns.filter((c) => c.header.trim()).map((c) => [c.header.trim(), c.field] as const);
  const keys = new Set(fresh.map(([header]) => header));
  const older = Object.entries(saved).filter(([header]) => !keys.has(header));
  const merged = [...older, ...fresh].slice(-MAX_SAVED);
  return { columns: Object.fromEntries(merged) };
}

const ENGLISH: Record<ImportField, string> = {
  name: 'Name',
  idNumber: 'ID number',
  phone: 'Phone',
  team: 'Team',
  community: 'Community',
  managingDepartment: 'Daily-managing unit',
  duty: 'Duty',
  startDate: 'Start date',
  bankAccount: 'Bank account',
  bankName: 'Bank',
  householdRegistration: 'Household registration',
  address: 'Address',
  education: 'Education',
  disabilityCertificate: 'Disability certificate',
  emergencyContactName: 'Emergency contact',
  emergencyContactPhone: 'Emergency phone',
  offRoster: 'Off-roster',
  payScheme: 'Pay scheme',
  legacyBase: 'Own monthly base wage',
  legacyBonus: 'Own monthly bonus',
  insurance: 'Insurance',
  employmentBasis: 'Employment basis',
  specialPost: 'Special post',
  fieldOrHazardous: 'Field or hazardous work',
};

/** A field's name as the wizard shows it: the usual Chinese header, or English. */
export function importFieldLabel(field: ImportField, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? IMPORT_FIELD_LABELS[field] : ENGLISH[field];
}

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** One line of the problem table: a row's message, with the row's number and name. */
export interface ProblemLine {
  key: string;
  row: number;
  name: string;
  status: 'error' | 'differs';
  column: string;
  value: string;
  message: string;
}

/** The rows that will not be imported (errors, and rows differing from the registry), a line per message. */
export function problemLines(rows: ImportPreview['rows']): ProblemLine[] {
  return rows.flatMap((r) => {
    if (r.status !== 'error' && r.status !== 'differs') return [];
    const status = r.status;
    const messages = r.messages.length > 0 ? r.messages : [{ column: '', value: '', message: '' }];
    return messages.map((m, i) => ({ key: `${r.row}-${i}`, row: r.row, name: r.name, status, ...m }));
  });
}
