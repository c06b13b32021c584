import { z } from 'zod';
import { ACCOUNT_TYPES, ENTRY_KINDS, EXPENSE_CLASSES } from '../ledger/vocabulary.js';
import { FenSchema, IdSchema, IsoDateSchema, IsoMonthSchema, textSchema } from './common.js';

// Funds (#8): the town special account as a double-entry ledger. Money travels as integer fen.

const Fen = FenSchema.min(1, { message: 'positive' });
const Text = textSchema().trim().max(500, { message: 'too_long' });
const Ref = textSchema().trim().min(1, { message: 'required' }).max(60, { message: 'too_long' });
const Period = IsoMonthSchema;
const SourceCode = textSchema().trim().min(1, { message: 'required' }).max(40);

/** R20: money from city or district arrives in the town special account only. */
export const PAYEES = ['special_account', 'coop', 'worker'] as const;
export const ReceiptInputSchema = z.strictObject({
  sourceCode: SourceCode,
  amountFen: Fen,
  /** The receipt (到账凭证) number; one unreversed receipt per number. */
  receiptNo: Ref,
  date: IsoDateSchema,
  payee: z.enum(PAYEES).default('special_account'),
  memo: Text.default(''),
});
export type ReceiptInput = z.infer<typeof ReceiptInputSchema>;

export const AllocationInputSchema = z.strictObject({
  sourceCode: SourceCode,
  coopId: IdSchema,
  amountFen: Fen,
  /** The approved allocation document (拨款审批单号). */
  documentRef: Ref,
  date: IsoDateSchema,
  memo: Text.default(''),
});
export type AllocationInput = z.infer<typeof AllocationInputSchema>;

/** R22: special funds (uniforms, training, health checks, insurance) paid by a coop from an approved application. */
export const SpecialExpenseInputSchema = z.strictObject({
  applicationId: IdSchema,
  sourceCode: SourceCode,
  date: IsoDateSchema,
  memo: Text.default(''),
});

export const ReversalInputSchema = z.strictObject({ reason: textSchema().trim().min(1, { message: 'required' }).max(500), date: IsoDateSchema.optional() });
export const ClosePeriodSchema = z.strictObject({ period: Period });
export const SourceInputSchema = z.strictObject({ code: textSchema().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'invalid_source_code' }), name: textSchema().trim().min(1, { message: 'required' }).max(40) });
export const EarmarkInputSchema = z.strictObject({ sourceCode: SourceCode, teamId: IdSchema.nullable(), expenseClass: z.enum(EXPENSE_CLASSES), note: Text.default('') });

export const LedgerLineSchema = z.object({
  accountId: z.string(),
  accountCode: z.string(),
  accountName: z.string(),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
});
export const LedgerEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(ENTRY_KINDS),
  date: z.string(),
  period: z.string(),
  documentKind: z.string(),
  documentRef: z.string(),
  memo: z.string(),
  amountFen: z.number().int(),
  reversesEntryId: z.string().nullable(),
  reversedByEntryId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lines: z.array(LedgerLineSchema),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export const LedgerEntryQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  kind: z.enum(ENTRY_KINDS).optional(),
  period: Period.optional(),
  q: textSchema().trim().max(60).optional(),
});

export const AccountBalanceSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  sourceCode: z.string().nullable(),
  coopId: z.string().nullable(),
  expenseClass: z.string().nullable(),
  /** On the account's normal side (a coop account's money held, a fund's money given). */
  balanceFen: z.number().int(),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
});
export type AccountBalance = z.infer<typeof AccountBalanceSchema>;

export const SourceSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  receivedFen: z.number().int(),
  specialBalanceFen: z.number().int(),
  allocatedFen: z.number().int(),
  coopBalanceFen: z.number().int(),
  paidFen: z.number().int(),
});
export const LedgerSummarySchema = z.object({
  year: z.number().int(),
  sources: z.array(SourceSummarySchema),
  accounts: z.array(AccountBalanceSchema),
  closedPeriods: z.array(z.string()),
});
export type LedgerSummary = z.infer<typeof LedgerSummarySchema>;

export const EarmarkSchema = z.object({ id: z.string(), sourceCode: z.string(), sourceName: z.string(), teamId: z.string().nullable(), teamName: z.string().nullable(), expenseClass: z.enum(EXPENSE_CLASSES), note: z.string() });

/** #8 part 5: one worker's pay traced back to its fund sources. */
export const TraceSchema = z.object({
  personId: z.string(),
  name: z.string(),
  slips: z.array(
    z.object({
      runId: z.string(),
      month: z.string(),
      kind: z.string(),
      netFen: z.number().int(),
      paid: z.boolean(),
      sources: z.array(z.object({ sourceCode: z.string(), sourceName: z.string(), amountFen: z.number().int() })),
    }),
  ),
});

/** #8 part 5: coop payments, payroll runs and bank-file totals side by side. */
export const ReconciliationRowSchema = z.object({
  runId: z.string(),
  coopName: z.string(),
  month: z.string(),
  kind: z.string(),
  state: z.string(),
  runNetFen: z.number().int(),
  bankFileFen: z.number().int(),
  expensePostedFen: z.number().int(),
  paymentPostedFen: z.number().int(),
  matches: z.boolean(),
});

// Budget (#8 part 4, R22, R18).
export const APPLICATION_KINDS = ['uniform', 'training', 'health_check', 'insurance'] as const;
export const ApplicationInputSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(APPLICATION_KINDS),
  coopId: IdSchema,
  teamId: IdSchema.nullable().default(null),
  amountFen: Fen,
  description: textSchema().trim().min(1, { message: 'required' }).max(500),
});
export const ApplicationDecisionSchema = z.strictObject({ approve: z.boolean(), reason: Text.default('') });
export const ApplicationSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  kind: z.enum(APPLICATION_KINDS),
  coopId: z.string(),
  coopName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  departmentId: z.string().nullable(),
  amountFen: z.number().int(),
  description: z.string(),
  state: z.enum(['submitted', 'approved', 'rejected']),
  decisionReason: z.string(),
  decidedBy: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Paid out of the ledger already (special expense). */
  spentFen: z.number().int(),
});
/** One source's expected receipts for a year; a basis left out keeps the one recorded (#13 item 1: nothing is reset for not being sent). */
export const ExpectedReceiptInputSchema = z.strictObject({ sourceCode: SourceCode, amountFen: FenSchema.min(0, { message: 'not_negative' }), basis: Text.optional() });
export type ExpectedReceiptInput = z.infer<typeof ExpectedReceiptInputSchema>;
export const BudgetSchema = z.object({
  year: z.number().int(),
  /** Planned personnel cost from headcount × the pay policy in force on 1 January (per team). */
  personnel: z.array(z.object({ teamId: z.string(), teamName: z.string(), coopId: z.string(), headcount: z.number().int(), plannedFen: z.number().int(), actualFen: z.number().int() })),
  special: z.array(z.object({ applicationId: z.string(), kind: z.string(), coopName: z.string(), description: z.string(), plannedFen: z.number().int(), actualFen: z.number().int() })),
  receipts: z.array(z.object({ sourceCode: z.string(), sourceName: z.string(), expectedFen: z.number().int(), actualFen: z.number().int() })),
  months: z.array(z.object({ month: z.string(), plannedFen: z.number().int(), actualFen: z.number().int() })),
  plannedSpendingFen: z.number().int(),
  expectedReceiptsFen: z.number().int(),
  /** R22: 缺额镇级给付 — planned spending less city and district money. */
  shortfallFen: z.number().int(),
  /** What the town subsidy has actually paid so far. */
  townPaidFen: z.number().int(),
});
export type Budget = z.infer<typeof BudgetSchema>;
