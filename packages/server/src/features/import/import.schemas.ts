import { z } from 'zod';
import { IMPORT_FIELDS } from './fields.js';

// Requests and responses of the worker import. TODO(domain): move to packages/domain/src/api/workers.ts
// so the web wizard shares them.

export const IMPORT_ROW_STATUSES = ['create', 'unchanged', 'differs', 'error'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

const FieldSchema = z.enum(IMPORT_FIELDS);

/** The multipart `mapping` field: column number (1 = A) → field, or null to ignore the column. */
export const ColumnMappingSchema = z.record(z.string().regex(/^\d{1,4}$/), FieldSchema.nullable());

/** A town's saved mapping: header text → field, or null to ignore such a column. */
export const ImportMappingSchema = z.strictObject({
  columns: z
    .record(z.string().trim().min(1, { message: 'required' }).max(100, { message: 'too_long' }), FieldSchema.nullable())
    .refine((c) => Object.keys(c).length <= 200, { message: 'too_long' }),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

const MessageSchema = z.object({ column: z.string(), value: z.string(), message: z.string() });

export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  sheetName: z.string(),
  headerRow: z.number().int(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), field: FieldSchema.nullable() })),
  /** Labels of required columns the sheet lacks (every row then reports them). */
  missingFields: z.array(z.string()),
  /** The first rows in detail (values of ID, phone and bank account masked); `counts` covers all. */
  rows: z.array(z.object({ row: z.number().int(), status: z.enum(IMPORT_ROW_STATUSES), name: z.string(), messages: z.array(MessageSchema) })),
  counts: z.object({ total: z.number().int(), create: z.number().int(), unchanged: z.number().int(), differs: z.number().int(), error: z.number().int() }),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  fileName: z.string(),
  total: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
