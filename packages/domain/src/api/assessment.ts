import { z } from 'zod';
import { INDICATOR_PARTS, LEAVE_TYPES, SCORERS, SHEET_EVENTS, SHEET_STATES } from '../assessment/vocabulary.js';
import { ANNUAL_OUTCOMES } from '../staffing/vocabulary.js';
import { IdSchema, IsoDateSchema, IsoMonthSchema, NoteSchema, textSchema } from './common.js';

// Attendance and assessment (#6, R25, R23, R11). Scores travel in tenths of a point and days in
// halves are sent as decimals (0.5 steps), so a sheet pasted from Excel reads as typed.

const Reason = textSchema().trim().min(1, { message: 'required' }).max(500, { message: 'too_long' });

export const IndicatorSchema = z.strictObject({
  id: textSchema().trim().min(1, { message: 'required' }).max(40),
  name: textSchema().trim().min(1, { message: 'required' }).max(60, { message: 'too_long' }),
  part: z.enum(INDICATOR_PARTS),
  scorer: z.enum(SCORERS),
  pointsTenths: z.number().int().min(1).max(1000),
});

export const TemplateInputSchema = z.strictObject({
  teamId: IdSchema,
  /** Applies from this month on (a changed template never rewrites earlier months). */
  validFromMonth: IsoMonthSchema,
  indicators: z.array(IndicatorSchema).min(1, { message: 'required' }).max(40),
  /** Points off per absent day, in tenths; omitted = the dated default (R23). */
  absencePointsPerDayTenths: z.number().int().min(0).max(1000).optional(),
});
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

export const TemplateSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  validFromMonth: z.string(),
  indicators: z.array(IndicatorSchema),
  absencePointsPerDayTenths: z.number().int(),
  state: z.enum(['draft', 'approved']),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Template = z.infer<typeof TemplateSchema>;
export const TemplateQuerySchema = z.strictObject({ teamId: IdSchema.optional() });

export const CalendarSchema = z.object({
  year: z.number().int(),
  /** Where the year's days come from: the calendar package, an administrator, or nowhere yet. */
  source: z.enum(['package', 'admin', 'missing']),
  holidays: z.array(z.object({ date: IsoDateSchema, name: z.string() })),
  workdays: z.array(z.object({ date: IsoDateSchema, name: z.string() })),
});
export type Calendar = z.infer<typeof CalendarSchema>;
export const CalendarInputSchema = z.strictObject({
  holidays: z.array(z.strictObject({ date: IsoDateSchema, name: textSchema().trim().max(40).default('') })).max(60),
  workdays: z.array(z.strictObject({ date: IsoDateSchema, name: textSchema().trim().max(40).default('') })).max(30),
});
export type CalendarInput = z.infer<typeof CalendarInputSchema>;
export const YearParams = z.strictObject({ townId: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });

export const SheetCreateSchema = z.strictObject({ departmentId: IdSchema, teamId: IdSchema, month: IsoMonthSchema });
export type SheetCreate = z.infer<typeof SheetCreateSchema>;

const Days = z.number().min(-1000).max(1000);
/** One worker's row as typed or pasted: any field may be omitted (left as it is). */
export const EntryInputSchema = z.strictObject({
  personId: IdSchema,
  scores: z.record(z.string(), z.number().nullable()).optional(),
  daysWorked: Days.nullable().optional(),
  absenceDays: Days.optional(),
  leave: z.partialRecord(z.enum(LEAVE_TYPES), Days).optional(),
  peopleServed: z.number().int().min(-1_000_000).max(100_000).nullable().optional(),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;
export const EntriesInputSchema = z.strictObject({ rows: z.array(EntryInputSchema).min(1).max(2000) });

export const CellProblemSchema = z.object({ personId: z.string(), name: z.string(), field: z.string(), message: z.string() });
export type CellProblem = z.infer<typeof CellProblemSchema>;

export const EntrySchema = z.object({
  personId: z.string(),
  name: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  perPersonServed: z.boolean(),
  daysDue: z.number().int(),
  daysWorked: z.number().nullable(),
  absenceDays: z.number(),
  leave: z.partialRecord(z.enum(LEAVE_TYPES), z.number()),
  peopleServed: z.number().int().nullable(),
  scores: z.record(z.string(), z.number()),
  unitTenths: z.number().int().nullable(),
  communityTenths: z.number().int().nullable(),
  deductionTenths: z.number().int().nullable(),
  totalTenths: z.number().int().nullable(),
  grade: z.enum(ANNUAL_OUTCOMES).nullable(),
  missing: z.array(z.string()),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SheetSummarySchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  month: z.string(),
  state: z.enum(SHEET_STATES),
  dueDate: IsoDateSchema,
  overdue: z.boolean(),
  communitySharePercent: z.number().int().nullable(),
  workers: z.number().int(),
  complete: z.number().int(),
  returnedReason: z.string(),
  /** Who opened the sheet, and when each later step was taken (the page's timeline). */
  createdBy: z.string(),
  createdAt: z.string(),
  communityEnteredAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
});
export type SheetSummary = z.infer<typeof SheetSummarySchema>;
/** A change to a locked month (R25): the row's total and grade before and after, with its reason and approver. */
export const SheetCorrectionSchema = z.object({
  personId: z.string(),
  name: z.string(),
  totalTenthsBefore: z.number().int().nullable(),
  totalTenthsAfter: z.number().int().nullable(),
  gradeBefore: z.enum(ANNUAL_OUTCOMES).nullable(),
  gradeAfter: z.enum(ANNUAL_OUTCOMES).nullable(),
  reason: z.string(),
  approvedBy: z.string(),
  createdAt: z.string(),
});
export type SheetCorrection = z.infer<typeof SheetCorrectionSchema>;

export const SheetSchema = SheetSummarySchema.extend({
  template: TemplateSchema,
  entries: z.array(EntrySchema),
  allowedEvents: z.array(z.enum(SHEET_EVENTS)),
  /** Newest first; only a locked sheet has any. */
  corrections: z.array(SheetCorrectionSchema),
});
export type Sheet = z.infer<typeof SheetSchema>;
export const SheetQuerySchema = z.strictObject({ month: IsoMonthSchema.optional(), state: z.enum(SHEET_STATES).optional(), teamId: IdSchema.optional() });
export const SaveEntriesResultSchema = z.object({ saved: z.number().int(), problems: z.array(CellProblemSchema), sheet: SheetSchema });

export const SheetTransitionSchema = z.strictObject({ event: z.enum(SHEET_EVENTS), reason: NoteSchema.default('') });
export type SheetTransition = z.infer<typeof SheetTransitionSchema>;

export const CorrectionInputSchema = z.strictObject({ row: EntryInputSchema, reason: Reason });
export type CorrectionInput = z.infer<typeof CorrectionInputSchema>;

export const OverdueRowSchema = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  month: z.string(),
  dueDate: IsoDateSchema,
  sheetId: z.string().nullable(),
  state: z.enum(SHEET_STATES).nullable(),
  workers: z.number().int(),
});
export const OverdueQuerySchema = z.strictObject({ month: IsoMonthSchema });

export const AnnualComputeSchema = z.strictObject({ year: z.number().int().min(2000).max(2100), teamId: IdSchema.optional() });
export const AnnualRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  teamName: z.string(),
  year: z.number().int(),
  months: z.number().int().nullable(),
  meanTenths: z.number().int().nullable(),
  computed: z.enum(ANNUAL_OUTCOMES).nullable(),
  outcome: z.enum(ANNUAL_OUTCOMES),
  pass: z.boolean(),
  districtRating: z.string(),
  decisionStep: z.number().int(),
  decisionReason: z.string(),
});
export type AnnualRow = z.infer<typeof AnnualRowSchema>;
export const AnnualQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), teamId: IdSchema.optional() });
export const AnnualDecisionSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  step: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
  reason: NoteSchema.default(''),
  /** The district line department's yearly rating of the team, as a reference (R25). */
  districtRating: textSchema().trim().max(40).default(''),
});
export type AnnualDecisionInput = z.infer<typeof AnnualDecisionSchema>;
