import { z } from 'zod';
import { isValidIdNumber, normaliseIdNumber, toHalfWidth } from '../workers/id-number.js';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_BASES,
  EXIT_REASONS,
  INSURANCE_KINDS,
  PAY_SCHEMES,
  POST_STATUSES,
  SPECIAL_POSTS,
  WORKER_FLAGS,
} from '../workers/vocabulary.js';
import { IdSchema, IsoDateSchema, NameSchema, NoteSchema, pageOf, textSchema } from './common.js';
import { patchOf } from './patch.js';

// The worker registry (#4): people, their effective-dated posts, masking and reveal, import.

export const IdNumberSchema = z
  .string()
  .transform(normaliseIdNumber)
  .refine(isValidIdNumber, { message: 'invalid_id_number' });
export const PhoneSchema = z
  .string()
  .transform((s) => toHalfWidth(s).replace(/[\s-]/g, ''))
  .refine((s) => /^1\d{10}$/.test(s) || /^0\d{9,11}$/.test(s), { message: 'invalid_phone' });
export const BankAccountSchema = z
  .string()
  .transform((s) => toHalfWidth(s).replace(/\s/g, ''))
  .refine((s) => /^\d{12,30}$/.test(s), { message: 'invalid_bank_account' });
const ShortText = textSchema().trim().max(200, { message: 'too_long' });

export const PersonInputSchema = z.strictObject({
  name: NameSchema,
  idNumber: IdNumberSchema,
  phone: PhoneSchema.nullable().default(null),
  householdRegistration: ShortText.default(''),
  address: ShortText.default(''),
  bankName: ShortText.default(''),
  bankAccount: BankAccountSchema.nullable().default(null),
  education: z.enum(EDUCATION_LEVELS).nullable().default(null),
  disabilityCertificate: ShortText.default(''),
  emergencyContactName: ShortText.default(''),
  emergencyContactPhone: PhoneSchema.nullable().default(null),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;
/** 修改个人信息 (#13 item 1): only the fields sent change; the ID number never does. */
export const PersonUpdateSchema = patchOf(PersonInputSchema.omit({ idNumber: true }).shape);
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;

const PostFields = {
  teamId: IdSchema,
  /** The daily-managing unit this worker answers to, and the duty within the team (R4). */
  managingDepartmentId: IdSchema,
  duty: ShortText.default(''),
  /** The community where the worker is stationed (R24 grid); null when not stationed. */
  communityId: IdSchema.nullable().default(null),
  specialPost: z.enum(SPECIAL_POSTS).nullable().default(null),
  fieldOrHazardous: z.boolean().default(false),
  offRoster: z.boolean().default(false),
  payScheme: z.enum(PAY_SCHEMES).default('standard'),
  /** R12: a legacy worker's own monthly amounts, in fen. */
  legacyBaseFen: z.number().int().min(0).max(10_000_000).nullable().default(null),
  legacyBonusFen: z.number().int().min(0).max(10_000_000).nullable().default(null),
  employmentBasis: z.enum(EMPLOYMENT_BASES).default('full_time'),
  insurance: z.enum(INSURANCE_KINDS).default('none'),
};

export const PostInputSchema = z.strictObject({ ...PostFields, startDate: IsoDateSchema, note: NoteSchema.default('') });
export type PostInput = z.infer<typeof PostInputSchema>;

/** A new worker with a first post, active from its start date. */
export const CreateWorkerSchema = z.strictObject({ person: PersonInputSchema, post: PostInputSchema });
export type CreateWorker = z.infer<typeof CreateWorkerSchema>;

/** A dated change of the post: any post field, or the status (suspend, resume, exit with reason). */
export const PostChangeSchema = z.strictObject({
  validFrom: IsoDateSchema,
  teamId: IdSchema.optional(),
  managingDepartmentId: IdSchema.optional(),
  duty: ShortText.optional(),
  communityId: IdSchema.nullable().optional(),
  specialPost: z.enum(SPECIAL_POSTS).nullable().optional(),
  fieldOrHazardous: z.boolean().optional(),
  offRoster: z.boolean().optional(),
  payScheme: z.enum(PAY_SCHEMES).optional(),
  legacyBaseFen: z.number().int().min(0).max(10_000_000).nullable().optional(),
  legacyBonusFen: z.number().int().min(0).max(10_000_000).nullable().optional(),
  employmentBasis: z.enum(EMPLOYMENT_BASES).optional(),
  insurance: z.enum(INSURANCE_KINDS).optional(),
  status: z.enum(POST_STATUSES).optional(),
  exitReason: z.enum(EXIT_REASONS).nullable().optional(),
  note: NoteSchema.default(''),
});
export type PostChange = z.infer<typeof PostChangeSchema>;

export const PostVersionSchema = z.object({
  id: z.string(),
  employmentId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  categoryName: z.string(),
  coopName: z.string(),
  managingDepartmentId: z.string(),
  managingDepartmentName: z.string(),
  duty: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  specialPost: z.enum(SPECIAL_POSTS).nullable(),
  fieldOrHazardous: z.boolean(),
  offRoster: z.boolean(),
  payScheme: z.enum(PAY_SCHEMES),
  legacyBaseFen: z.number().int().nullable(),
  legacyBonusFen: z.number().int().nullable(),
  employmentBasis: z.enum(EMPLOYMENT_BASES),
  insurance: z.enum(INSURANCE_KINDS),
  startDate: IsoDateSchema,
  status: z.enum(POST_STATUSES),
  exitReason: z.enum(EXIT_REASONS).nullable(),
  note: z.string(),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type PostVersion = z.infer<typeof PostVersionSchema>;

/** ID, phone and bank account are masked (310***********123X) unless revealed. */
export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  birthDate: IsoDateSchema,
  sex: z.enum(['male', 'female']),
  phoneMasked: z.string().nullable(),
  householdRegistration: z.string(),
  address: z.string(),
  bankName: z.string(),
  bankAccountMasked: z.string().nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  disabilityCertificate: z.string(),
  emergencyContactName: z.string(),
  emergencyContactPhoneMasked: z.string().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

export const WorkerRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: IsoDateSchema,
  phoneMasked: z.string().nullable(),
  post: PostVersionSchema.nullable(),
  flags: z.array(z.enum(WORKER_FLAGS)),
});
export type WorkerRow = z.infer<typeof WorkerRowSchema>;
export const WorkerPageSchema = pageOf(WorkerRowSchema);

export const WorkerDetailSchema = z.object({
  person: PersonSchema,
  post: PostVersionSchema.nullable(),
  history: z.array(PostVersionSchema),
  flags: z.array(z.enum(WORKER_FLAGS)),
});
export type WorkerDetail = z.infer<typeof WorkerDetailSchema>;

export const WORKER_SORTS = ['name', 'team', 'startDate', 'status', 'birthDate'] as const;
export const WorkerQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(WORKER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Name contains. */
  q: textSchema().trim().max(50).optional(),
  /** The last 4 characters of the ID number. */
  idTail: textSchema().trim().regex(/^[0-9xX]{4}$/, { message: 'invalid_id_tail' }).optional(),
  /** A whole ID number (found by keyed hash). */
  idNumber: textSchema().trim().max(30).optional(),
  teamId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
  coopId: IdSchema.optional(),
  communityId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  status: z.enum(POST_STATUSES).optional(),
  payScheme: z.enum(PAY_SCHEMES).optional(),
  flag: z.enum(WORKER_FLAGS).optional(),
});
export type WorkerQuery = z.infer<typeof WorkerQuerySchema>;
export type WorkerFilter = Omit<WorkerQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const WorkerFacetsSchema = z.object({
  total: z.number().int(),
  status: z.array(z.object({ value: z.enum(POST_STATUSES), count: z.number().int() })),
  payScheme: z.array(z.object({ value: z.enum(PAY_SCHEMES), count: z.number().int() })),
  teams: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
  categories: z.array(z.object({ id: z.string(), count: z.number().int() })),
  coops: z.array(z.object({ id: z.string(), count: z.number().int() })),
  communities: z.array(z.object({ id: z.string(), count: z.number().int() })),
  departments: z.array(z.object({ id: z.string(), count: z.number().int() })),
  flags: z.array(z.object({ value: z.enum(WORKER_FLAGS), count: z.number().int() })),
});
export type WorkerFacets = z.infer<typeof WorkerFacetsSchema>;

export const RevealSchema = z.strictObject({ field: z.enum(['idNumber', 'phone', 'bankAccount', 'emergencyContactPhone']) });
export type Reveal = z.infer<typeof RevealSchema>;
export const RevealedSchema = z.object({ field: z.string(), value: z.string().nullable() });
