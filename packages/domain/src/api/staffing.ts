import { z } from 'zod';
import { AGREEMENT_EVENTS, AGREEMENT_STATES } from '../staffing/agreement-states.js';
import { ANNUAL_OUTCOMES, COMPLEXITY_LEVELS, DISMISSAL_BASES, HIRING_KINDS, HIRING_STATES, PROPOSAL_STATES } from '../staffing/vocabulary.js';
import { EXIT_REASONS, PAY_SCHEMES } from '../workers/vocabulary.js';
import { IdSchema, IsoDateSchema, NoteSchema, pageOf, textSchema } from './common.js';
import { PersonInputSchema, PostInputSchema } from './workers.js';

// Headcount quotas, hiring, exits and work agreements (#5, R6–R10).

const Count = z.number().int().min(0, { message: 'not_negative' }).max(1_000_000);
const Reason = textSchema().trim().min(1, { message: 'required' }).max(500, { message: 'too_long' });

// ---------- quota plans (R9) ----------

export const QuotaPlanInputSchema = z.strictObject({
  validFrom: IsoDateSchema,
  total: Count,
  /** The approval the plan rests on, e.g. "市、区核定，截至2011-12-31". */
  basis: NoteSchema.default(''),
  categories: z.array(z.strictObject({ categoryId: IdSchema, quota: Count })).max(100),
  teams: z.array(z.strictObject({ teamId: IdSchema, quota: Count })).max(1000),
});
export type QuotaPlanInput = z.infer<typeof QuotaPlanInputSchema>;

export const QuotaPlanSchema = z.object({
  id: z.string(),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable(),
  total: z.number().int(),
  basis: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  categories: z.array(z.object({ categoryId: z.string(), quota: z.number().int() })),
  teams: z.array(z.object({ teamId: z.string(), quota: z.number().int() })),
});
export type QuotaPlan = z.infer<typeof QuotaPlanSchema>;

const QuotaLineSchema = z.object({
  quota: z.number().int().nullable(),
  filled: z.number().int(),
  reserved: z.number().int(),
  vacancies: z.number().int().nullable(),
  over: z.boolean(),
});

export const QuotaBoardSchema = z.object({
  on: IsoDateSchema,
  plan: QuotaPlanSchema.omit({ categories: true, teams: true }).nullable(),
  total: QuotaLineSchema,
  categories: z.array(QuotaLineSchema.extend({ id: z.string(), code: z.string(), name: z.string() })),
  teams: z.array(QuotaLineSchema.extend({ id: z.string(), name: z.string(), categoryId: z.string(), coopName: z.string() })),
});
export type QuotaBoard = z.infer<typeof QuotaBoardSchema>;
export const QuotaBoardQuerySchema = z.strictObject({ on: IsoDateSchema.optional() });

// ---------- quota proposals (R9: area, people served, complexity) ----------

export const QuotaProposalInputSchema = z.strictObject({
  departmentId: IdSchema,
  teamId: IdSchema,
  /** Jurisdiction area in km², two decimals. */
  areaKm2: z.number().min(0, { message: 'not_negative' }).max(100_000),
  peopleServed: Count,
  complexity: z.enum(COMPLEXITY_LEVELS),
  requested: Count,
  reason: Reason,
});
export type QuotaProposalInput = z.infer<typeof QuotaProposalInputSchema>;

export const QuotaProposalDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  /** The approved number; may differ from the request ("adjust"), then the reason says why. */
  quota: Count.optional(),
  reason: NoteSchema.default(''),
  validFrom: IsoDateSchema,
});
export type QuotaProposalDecision = z.infer<typeof QuotaProposalDecisionSchema>;

export const QuotaProposalSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  areaKm2: z.number(),
  peopleServed: z.number().int(),
  complexity: z.enum(COMPLEXITY_LEVELS),
  requested: z.number().int(),
  currentQuota: z.number().int().nullable(),
  reason: z.string(),
  state: z.enum(PROPOSAL_STATES),
  approvedQuota: z.number().int().nullable(),
  decisionReason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type QuotaProposal = z.infer<typeof QuotaProposalSchema>;
export const QuotaProposalPageSchema = pageOf(QuotaProposalSchema);
export const QuotaProposalQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(PROPOSAL_STATES).optional(),
});

// ---------- hiring (R10) ----------

export const HiringRequestInputSchema = z.strictObject({
  person: PersonInputSchema,
  post: PostInputSchema,
  reason: NoteSchema.default(''),
});
export type HiringRequestInput = z.infer<typeof HiringRequestInputSchema>;

/** A transfer between teams: an exit and a hire, approved by town HR (R10). */
export const TransferInputSchema = z.strictObject({
  personId: IdSchema,
  post: PostInputSchema,
  reason: Reason,
});
export type TransferInput = z.infer<typeof TransferInputSchema>;

export const HiringDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  /** Required for a rejection: it is kept and shown to the requester. */
  reason: NoteSchema.default(''),
});
export type HiringDecision = z.infer<typeof HiringDecisionSchema>;
export const HiringCancelSchema = z.strictObject({ reason: Reason });

export const HiringRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(HIRING_KINDS),
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  coopName: z.string(),
  managingDepartmentName: z.string(),
  duty: z.string(),
  startDate: IsoDateSchema,
  state: z.enum(HIRING_STATES),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string(),
  agreementId: z.string().nullable(),
  agreementState: z.enum(AGREEMENT_STATES).nullable(),
});
export type HiringRequest = z.infer<typeof HiringRequestSchema>;
export const HiringRequestPageSchema = pageOf(HiringRequestSchema);
export const HiringQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(HIRING_STATES).optional(),
  teamId: IdSchema.optional(),
});

// ---------- exits ----------

export const ExitInputSchema = z.strictObject({
  reason: z.enum(EXIT_REASONS).exclude(['transfer']),
  /** Pay ends from this day. */
  exitDate: IsoDateSchema,
  note: NoteSchema.default(''),
  /** Required for a dismissal: the approved rule of the team, or the supervising department's approval. */
  dismissal: z.strictObject({ basis: z.enum(DISMISSAL_BASES), citation: Reason }).optional(),
});
export type ExitInput = z.infer<typeof ExitInputSchema>;

export const ExitRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  teamName: z.string(),
  coopName: z.string(),
  exitDate: IsoDateSchema,
  reason: z.enum(EXIT_REASONS).nullable(),
  note: z.string(),
  recordedBy: z.string(),
});
export type ExitRow = z.infer<typeof ExitRowSchema>;
export const ExitPageSchema = pageOf(ExitRowSchema);
export const ExitQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  reason: z.enum(EXIT_REASONS).optional(),
});

export const RetirementRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: IsoDateSchema,
  retirementDate: IsoDateSchema,
  teamName: z.string(),
});
export type RetirementRow = z.infer<typeof RetirementRowSchema>;
export const RetirementQuerySchema = z.strictObject({ withinDays: z.coerce.number().int().min(1).max(3650).optional() });

// ---------- agreements (R6, R8) ----------

export const AgreementDraftInputSchema = z.strictObject({
  hiringRequestId: IdSchema,
  /** Defaults to the hire's start date. */
  termStart: IsoDateSchema.optional(),
  termMonths: z.number().int().min(1).max(60).optional(),
});
export type AgreementDraftInput = z.infer<typeof AgreementDraftInputSchema>;

export const AgreementActionSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('sign'), date: IsoDateSchema }),
  z.strictObject({ event: z.literal('file'), date: IsoDateSchema, filingNumber: textSchema().trim().min(1, { message: 'required' }).max(60, { message: 'too_long' }) }),
  z.strictObject({ event: z.literal('terminate'), date: IsoDateSchema, reason: Reason }),
]);
export type AgreementAction = z.infer<typeof AgreementActionSchema>;

/** R6: the supervising department witnesses (鉴证); it must supervise the agreement's team on that date. */
export const WitnessInputSchema = z.strictObject({ date: IsoDateSchema, departmentId: IdSchema });
export type WitnessInput = z.infer<typeof WitnessInputSchema>;

const AgreementIds = z.array(IdSchema).min(1, { message: 'required' }).max(1000);
/** The same step for many agreements; when several are filed, each filing number gets "-1", "-2"… appended. */
export const AgreementBatchActionSchema = z.strictObject({ agreementIds: AgreementIds, action: AgreementActionSchema });
export type AgreementBatchAction = z.infer<typeof AgreementBatchActionSchema>;
export const AgreementBatchWitnessSchema = z.strictObject({ agreementIds: AgreementIds, witness: WitnessInputSchema });
export type AgreementBatchWitness = z.infer<typeof AgreementBatchWitnessSchema>;
export const AgreementPdfQuerySchema = z.strictObject({ ids: z.string().min(1).max(40_000) });

export const RenewalInputSchema = z.strictObject({
  /** Either these agreements (withinDays is then ignored), or every renewable agreement of a team or a coop expiring within `withinDays`. */
  agreementIds: z.array(IdSchema).max(5000).optional(),
  teamId: IdSchema.optional(),
  coopId: IdSchema.optional(),
  withinDays: z.number().int().min(0).max(366).default(90),
  /** Only list who would be renewed and who is held back. */
  dryRun: z.boolean().default(false),
});
export type RenewalInput = z.infer<typeof RenewalInputSchema>;

export const RenewalGateSchema = z.object({
  year: z.number().int(),
  outcome: z.enum(ANNUAL_OUTCOMES).nullable(),
  eligible: z.boolean(),
  reason: z.string(),
});

export const AgreementSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  coopId: z.string(),
  coopName: z.string(),
  supervisingDepartmentId: z.string(),
  supervisingDepartmentName: z.string(),
  managingDepartmentName: z.string(),
  duty: z.string(),
  payScheme: z.enum(PAY_SCHEMES),
  termStart: IsoDateSchema,
  termEnd: IsoDateSchema,
  state: z.enum(AGREEMENT_STATES),
  signedOn: IsoDateSchema.nullable(),
  witnessedOn: IsoDateSchema.nullable(),
  witnessDepartmentName: z.string().nullable(),
  filingNumber: z.string().nullable(),
  filedOn: IsoDateSchema.nullable(),
  terminatedOn: IsoDateSchema.nullable(),
  terminationReason: z.string(),
  hiringRequestId: z.string().nullable(),
  previousAgreementId: z.string().nullable(),
  /** The agreement that renewed this one, once renewed. */
  nextAgreementId: z.string().nullable(),
  renewal: RenewalGateSchema,
  allowedEvents: z.array(z.enum(AGREEMENT_EVENTS)),
});
export type Agreement = z.infer<typeof AgreementSchema>;
export const AgreementPageSchema = pageOf(AgreementSchema);
export const AgreementQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(AGREEMENT_STATES).optional(),
  teamId: IdSchema.optional(),
  coopId: IdSchema.optional(),
  personId: IdSchema.optional(),
  /** Agreements in force (or filed) ending within this many days from today. */
  expiringWithin: z.coerce.number().int().min(1).max(366).optional(),
  q: textSchema().trim().max(50).optional(),
});
export type AgreementQuery = z.infer<typeof AgreementQuerySchema>;

export const RenewalResultSchema = z.object({
  dryRun: z.boolean(),
  renewed: z.array(z.object({ agreementId: z.string(), newAgreementId: z.string().nullable(), name: z.string(), termStart: IsoDateSchema, termEnd: IsoDateSchema })),
  heldBack: z.array(z.object({ agreementId: z.string(), name: z.string(), reason: z.string() })),
});
export type RenewalResult = z.infer<typeof RenewalResultSchema>;

export const BatchActionResultSchema = z.object({ done: z.number().int(), agreements: z.array(AgreementSchema) });

/** The annual result R8 reads (written by #6's annual assessment; entered by hand until then). */
export const AnnualResultInputSchema = z.strictObject({
  personId: IdSchema,
  year: z.number().int().min(2000).max(2100),
  outcome: z.enum(ANNUAL_OUTCOMES),
  note: NoteSchema.default(''),
});
export type AnnualResultInput = z.infer<typeof AnnualResultInputSchema>;
