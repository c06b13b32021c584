import { createHash } from 'node:crypto';
import { maskBankAccount, maskIdNumber, maskPhone } from '@gongyi/domain';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { importWorkers, matchExisting, startWorkerImport, type ComparedFields, type ImportCounts } from '../workers/worker-import.service.js';
import { markActiveElsewhere } from './active-elsewhere.js';
import type { CheckedRow, RowMessage } from './check-row.js';
import { checkSheet, type CheckedSheet } from './check-sheet.js';
import type { ColumnMapping } from './columns.js';
import { comparedFields, IMPORT_FIELD_LABELS, type ImportField } from './fields.js';
import { checkUpload } from './file-guard.js';
import { savedMapping } from './import-mapping.js';
import { buildReport, type ReportRow } from './import-report.js';
import type { ImportPreview, ImportResult } from '@gongyi/domain';
import { loadLookups } from './load-lookups.js';
import { PARALLEL_IMPORT, prepareOnWorker, type PreparedFile } from './prepare-on-worker.js';
import { readSheet, type Sheet } from './read-sheet.js';
import { IMPORT_LIMITS, refuse, type ImportLimits } from './refusals.js';

// Dry run, report and commit of a roster file (#4 part 6). Each re-reads the file: nothing is
// kept on the server between the steps, and the commit checks exactly what it writes. A large
// file's commit reads and checks it on a worker thread while the rows are written (importFile).

export interface Upload {
  fileName: string;
  data: Buffer;
  mapping: ColumnMapping;
}

/** Rows shown in detail in the preview; the report and the counts cover every row. */
export const PREVIEW_ROWS = 500;

async function check(ctx: ReadContext, townId: string, upload: Upload, limits: ImportLimits): Promise<{ sheet: Sheet; checked: CheckedSheet }> {
  const kind = checkUpload(upload.data, upload.fileName, limits);
  const sheet = await readSheet(upload.data, kind, upload.fileName, limits);
  const [saved, lookups] = await Promise.all([savedMapping(ctx.db, townId), loadLookups(ctx, townId)]);
  const checked = checkSheet(sheet, { saved, requested: upload.mapping }, lookups, limits);
  await markActiveElsewhere(ctx, townId, checked.rows, checked.columns);
  return { sheet, checked };
}

const note = (message: string): RowMessage => ({ field: null, column: '', value: '', message });

/** Valid rows against the town's workers: new, already there and equal, or already there but different. */
async function classify(ctx: ReadContext, townId: string, rows: CheckedRow[], compared: ComparedFields): Promise<ReportRow[]> {
  const ids = rows.flatMap((r) => (r.worker ? [r.worker.person.idNumber] : []));
  const existing = await matchExisting(ctx, townId, ids);
  return rows.map((r): ReportRow => {
    if (!r.worker) return { ...r, status: 'error' };
    const match = existing.get(r.worker.person.idNumber);
    if (!match) return { ...r, status: 'create' };
    const differences = match.differences(r.worker, compared);
    if (differences.length === 0) return { ...r, status: 'unchanged', messages: [note('系统中已有此人，信息一致，不会重复导入。')] };
    return {
      ...r,
      status: 'differs',
      messages: [note(`系统中已有此人，以下信息与表中不一致：${differences.join('、')}。本行不导入；如需修改，请到该人员页面办理。`)],
    };
  });
}

const MASKS: Partial<Record<ImportField, (value: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  emergencyContactPhone: maskPhone,
  bankAccount: maskBankAccount,
};

/** Personal numbers never leave in clear in JSON, even the uploader's own (#4 part 4). */
const presentMessage = (m: RowMessage) => ({ column: m.column, value: m.field && MASKS[m.field] ? MASKS[m.field]!(m.value) : m.value, message: m.message });

export async function previewImport(ctx: ReadContext, townId: string, upload: Upload, limits = IMPORT_LIMITS): Promise<ImportPreview> {
  authorize(ctx.actor, 'worker.import');
  const { checked } = await check(ctx, townId, upload, limits);
  const rows = await classify(ctx, townId, checked.rows, comparedFields(checked.columns));
  const count = (status: ReportRow['status']) => rows.filter((r) => r.status === status).length;
  return {
    fileName: upload.fileName,
    sheetName: checked.sheetName,
    headerRow: checked.headerRow.row,
    columns: checked.columns,
    missingFields: checked.missing.map((f) => IMPORT_FIELD_LABELS[f]),
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, status: r.status, name: r.name, messages: r.messages.map(presentMessage) })),
    counts: { total: rows.length, create: count('create'), unchanged: count('unchanged'), differs: count('differs'), error: count('error') },
  };
}

export async function importReport(ctx: ReadContext, townId: string, upload: Upload, limits = IMPORT_LIMITS): Promise<Buffer> {
  authorize(ctx.actor, 'worker.import');
  const { sheet, checked } = await check(ctx, townId, upload, limits);
  return buildReport(sheet, checked.headerRow.row, await classify(ctx, townId, checked.rows, comparedFields(checked.columns)));
}

export interface ImportPlan {
  fileName: string;
  sheetName: string;
  sha256: string;
  rows: CheckedRow[];
  /** What an existing person is compared on: the fields the sheet has columns for. */
  compared: ComparedFields;
}

/** Reads and checks the whole file on this thread; refuses it if any row has an error. */
export async function planImport(ctx: ReadContext, townId: string, upload: Upload, limits = IMPORT_LIMITS): Promise<ImportPlan> {
  authorize(ctx.actor, 'worker.import');
  const { checked } = await check(ctx, townId, upload, limits);
  const errors = checked.rows.filter((r) => !r.worker).length;
  if (errors > 0) throw refuse.rowsHaveErrors(errors);
  const sha256 = createHash('sha256').update(upload.data).digest('hex');
  return { fileName: upload.fileName, sheetName: checked.sheetName, sha256, rows: checked.rows, compared: comparedFields(checked.columns) };
}

/** All valid rows in the caller's one transaction, and one audit record without personal data. */
export async function commitImport(ctx: MutationContext, townId: string, plan: ImportPlan): Promise<ImportResult> {
  authorize(ctx.actor, 'worker.import');
  // The dry run's checks hashed each ID already (markActiveElsewhere).
  const hashes = plan.rows.every((r) => r.idHash !== undefined) ? plan.rows.map((r) => r.idHash!) : undefined;
  const counts = await importWorkers(ctx, townId, plan.rows.map((r) => r.worker!), hashes, plan.compared);
  return recordImport(ctx, townId, plan, plan.rows.length, counts);
}

async function recordImport(ctx: MutationContext, townId: string, file: Omit<ImportPlan, 'rows' | 'compared'>, total: number, counts: ImportCounts): Promise<ImportResult> {
  const summary = { fileName: file.fileName, total, ...counts };
  await recordAudit(ctx, { townId, action: 'worker.import', objectType: 'import', objectId: file.sha256, after: { ...summary, sheetName: file.sheetName, sha256: file.sha256 } });
  return summary;
}

/** The commit of POST …/import/commit: every row, or (any row with an error) nothing. */
export async function importFile(ctx: MutationContext, townId: string, upload: Upload, limits = IMPORT_LIMITS): Promise<ImportResult> {
  authorize(ctx.actor, 'worker.import');
  const kind = checkUpload(upload.data, upload.fileName, limits);
  const file = upload.data.length >= PARALLEL_IMPORT.fromBytes ? prepareOnWorker(ctx.keyring, upload, kind, limits) : null;
  if (!file) return commitImport(ctx, townId, await planImport(ctx, townId, upload, limits));
  try {
    return await importPrepared(ctx, townId, upload, file);
  } finally {
    await file.close();
  }
}

/**
 * Writes each batch the worker has checked as it comes. A row with an error stops the writing (the
 * refusal rolls back what was written) but the rest is still checked, so the refusal counts every
 * such row, as the dry run does.
 */
async function importPrepared(ctx: MutationContext, townId: string, upload: Upload, file: PreparedFile): Promise<ImportResult> {
  const [saved, lookups] = await Promise.all([savedMapping(ctx.db, townId), loadLookups(ctx, townId)]);
  file.start({ choices: { saved, requested: upload.mapping }, lookups });
  const { sheetName, match } = await file.header();
  const workers = startWorkerImport(ctx, townId, null, comparedFields(match.columns));
  let total = 0;
  let errors = 0;
  for await (const batch of file.batches()) {
    total += batch.rows.length;
    await markActiveElsewhere(ctx, townId, batch.rows, match.columns);
    errors += batch.rows.filter((r) => !r.worker).length;
    if (errors === 0) await workers.add(batch.rows.map((r) => r.worker!), batch.rows.map((r) => r.idHash!), batch.sealed);
  }
  if (errors > 0) throw refuse.rowsHaveErrors(errors);
  const sha256 = createHash('sha256').update(upload.data).digest('hex');
  return recordImport(ctx, townId, { fileName: upload.fileName, sheetName, sha256 }, total, await workers.finish());
}
