import { z } from 'zod';
import { textSchema } from './common.js';

// The worker import (#4 part 6): the columns a town's roster may hold and the preview/result
// shapes, shared by the server and the web wizard.

export const IMPORT_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'team',
  'community',
  'managingDepartment',
  'duty',
  'startDate',
  'bankAccount',
  'bankName',
  'householdRegistration',
  'address',
  'education',
  'disabilityCertificate',
  'emergencyContactName',
  'emergencyContactPhone',
  'offRoster',
  'payScheme',
  'legacyBase',
  'legacyBonus',
  'insurance',
  'employmentBasis',
  'specialPost',
  'fieldOrHazardous',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Columns every row needs; the managing unit falls back to the team's (R4), the rest have defaults. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['name', 'idNumber', 'team', 'startDate'];

/** The canonical header of each field, used in messages when the sheet has no such column. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: '姓名',
  idNumber: '身份证号码',
  phone: '联系电话',
  team: '所属队伍',
  community: '村居',
  managingDepartment: '日常管理单位',
  duty: '岗位',
  startDate: '入职日期',
  bankAccount: '银行卡号',
  bankName: '开户银行',
  householdRegistration: '户籍',
  address: '住址',
  education: '学历',
  disabilityCertificate: '残疾证号',
  emergencyContactName: '紧急联系人',
  emergencyContactPhone: '紧急联系电话',
  offRoster: '编外',
  payScheme: '待遇办法',
  legacyBase: '原月基本工资',
  legacyBonus: '原月奖金',
  insurance: '参保类型',
  employmentBasis: '用工方式',
  specialPost: '特殊岗位',
  fieldOrHazardous: '野外作业',
};


export const IMPORT_ROW_STATUSES = ['create', 'unchanged', 'differs', 'error'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);
const FieldSchema = ImportFieldSchema;

/** The multipart `mapping` field: column number (1 = A) → field, or null to ignore the column. */
export const ColumnMappingSchema = z
  .record(z.string().regex(/^\d{1,4}$/), FieldSchema.nullable())
  .transform((m) => Object.fromEntries(Object.entries(m).map(([column, field]) => [String(Number(column)), field])));

/** A town's saved mapping: header text → field, or null to ignore such a column. */
export const ImportMappingSchema = z.strictObject({
  columns: z
    .record(textSchema().trim().min(1, { message: 'required' }).max(100, { message: 'too_long' }), FieldSchema.nullable())
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
