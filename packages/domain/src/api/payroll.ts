import { z } from 'zod';
import { CATEGORY_CODES } from '../org/vocabulary.js';
import { PAY_LINE_KINDS, RUN_KINDS, RUN_STATES, SIGNOFF_STEPS } from '../payroll/vocabulary.js';
import { ANNUAL_OUTCOMES } from '../staffing/vocabulary.js';
import { EMPLOYMENT_BASES, INSURANCE_KINDS, PAY_SCHEMES, SPECIAL_POSTS } from '../workers/vocabulary.js';
import { FenSchema, IdSchema, IsoDateSchema, IsoMonthSchema, MAX_STORED_INT, textSchema, VersionSchema } from './common.js';

// Payroll (#7). Money travels as integer fen; percents as basis points (100 = 1%).

const Fen = FenSchema;
const Bp = z.number().int({ message: 'not_integer' });
const Month = z.number().int().min(1).max(12);
const Reason = textSchema().trim().min(1, { message: 'required' }).max(500, { message: 'too_long' });

const GradePercentsSchema = z.strictObject({ excellent: Bp, pass: Bp, basic_pass: Bp });

/** A policy's values (checked against the notice's limits by `checkPolicy`). */
export const PayPolicySchema = z.strictObject({
  floorFen: Fen,
  teams: z.record(IdSchema, z.strictObject({ baseFen: Fen, bonusFen: Fen })),
  specialAllowanceFen: z.strictObject({ community_security: Fen, sanitation: Fen, pump_station: Fen }),
  elderlyHelpRateFen: Fen,
  welfareFen: z.strictObject({ new_year: Fen, spring_festival: Fen, may_day: Fen, national_day: Fen }),
  highTemperature: z.strictObject({ months: z.array(Month).max(12), monthlyFen: Fen, yearCapFen: Fen }),
  inKind: z.strictObject({ perFestivalFen: z.strictObject({ lantern: Fen, dragon_boat: Fen, mid_autumn: Fen }), yearCapFen: Fen }),
  annualBonusBp: z.strictObject({ social_coordination: GradePercentsSchema, public_service: GradePercentsSchema }),
  annualBonusMonth: Month,
  deductionFen: z.strictObject({ urban_employee: Fen, community_comprehensive: Fen, none: Fen }),
});

export const PolicyVersionInputSchema = z.strictObject({
  /** The first day the version applies; pay months from this date's month on use it. */
  validFrom: IsoDateSchema,
  policy: PayPolicySchema,
  note: textSchema().trim().max(500).default(''),
});
export type PolicyVersionInput = z.infer<typeof PolicyVersionInputSchema>;

export const PolicyVersionSchema = z.object({
  id: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  policy: PayPolicySchema,
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PayLineSchema = z.object({
  kind: z.enum(PAY_LINE_KINDS),
  amountFen: z.number().int(),
  cash: z.boolean(),
  rule: z.string(),
  explanation: z.string(),
});

export const RunCreateSchema = z.strictObject({
  kind: z.enum(RUN_KINDS).default('monthly'),
  coopId: IdSchema,
  /** The pay month (monthly) or the year's bonus month (annual bonus, e.g. 2026-12). */
  month: IsoMonthSchema,
});
export type RunCreate = z.infer<typeof RunCreateSchema>;

export const SignoffSchema = z.object({
  step: z.enum(SIGNOFF_STEPS),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  userName: z.string(),
  signedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string(),
});

/** Who still has to sign the current step. */
export const PendingSchema = z.object({ step: z.enum(SIGNOFF_STEPS), departmentId: z.string().nullable(), departmentName: z.string().nullable() });

export const RunSchema = z.object({
  id: z.string(),
  kind: z.enum(RUN_KINDS),
  coopId: z.string(),
  coopName: z.string(),
  month: z.string(),
  state: z.enum(RUN_STATES),
  version: z.number().int(),
  policyId: z.string(),
  workerCount: z.number().int(),
  grossFen: z.number().int(),
  deductionFen: z.number().int(),
  netFen: z.number().int(),
  inKindFen: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  computedAt: z.string(),
});
export type Run = z.infer<typeof RunSchema>;
export const RunDetailSchema = RunSchema.extend({
  signoffs: z.array(SignoffSchema),
  pending: z.array(PendingSchema),
  /** Totals per team for the register and the approvers. */
  teams: z.array(z.object({ teamId: z.string(), teamName: z.string(), workerCount: z.number().int(), grossFen: z.number().int(), netFen: z.number().int() })),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const RunQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  kind: z.enum(RUN_KINDS).optional(),
  coopId: IdSchema.optional(),
  month: IsoMonthSchema.optional(),
  state: z.enum(RUN_STATES).optional(),
});

export const SlipSchema = z.object({
  runId: z.string(),
  month: z.string(),
  kind: z.enum(RUN_KINDS),
  personId: z.string(),
  name: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  daysInPost: z.number().int(),
  grossFen: z.number().int(),
  deductionFen: z.number().int(),
  netFen: z.number().int(),
  inKindFen: z.number().int(),
  lines: z.array(PayLineSchema),
});
export type Slip = z.infer<typeof SlipSchema>;
export const SlipQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  teamId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  q: textSchema().trim().max(50).optional(),
});

/** #7 part 4: sign the run's current step; `version` is the run version the signer saw. */
export const SignInputSchema = z.strictObject({ version: VersionSchema, departmentId: IdSchema.optional() });
/** A manual correction of one worker's line before approval (voids that unit's confirmation and every later step). */
export const ManualLineInputSchema = z.strictObject({ personId: IdSchema, amountFen: Fen, reason: Reason, version: VersionSchema });
/** A correction of an approved run: carried into the coop's next monthly run as an adjustment line. */
export const AdjustmentInputSchema = z.strictObject({ personId: IdSchema, amountFen: Fen.refine((v) => v !== 0, { message: 'required' }), reason: Reason });

export const AdjustmentSchema = z.object({
  id: z.string(),
  runId: z.string(),
  runMonth: z.string(),
  personId: z.string(),
  name: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  appliedRunId: z.string().nullable(),
});

// What-if (#7 part 6): `npx gongyi pay calc` reads this on stdin; docs/pay-calc.md describes it.
export const ScenarioSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  policy: PayPolicySchema.optional(),
  worker: z.strictObject({
    teamId: z.string().default('team'),
    categoryCode: z.enum(CATEGORY_CODES),
    scheme: z.enum(PAY_SCHEMES).default('standard'),
    legacyBaseFen: Fen.nullable().default(null),
    legacyBonusFen: Fen.nullable().default(null),
    specialPost: z.enum(SPECIAL_POSTS).nullable().default(null),
    employmentBasis: z.enum(EMPLOYMENT_BASES).default('full_time'),
    insurance: z.enum(INSURANCE_KINDS).default('urban_employee'),
    periods: z.array(z.strictObject({ from: IsoDateSchema, to: IsoDateSchema.nullable().default(null) })).min(1),
  }),
  /** Monthly totals in points (0–100, one decimal) per month 1–12; a month left out has no assessment. */
  monthlyTotals: z.record(z.string(), z.number().min(0).max(100)).default({}),
  peopleServed: z.record(IdSchema, z.number().int().min(0).max(MAX_STORED_INT)).default({}),
  /** The year's annual result (R8, R19); null = none yet. */
  annualOutcome: z.enum(ANNUAL_OUTCOMES).nullable().default(null),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** 政策测算: a draft policy over the whole town, cost before and after. */
export const SimulationInputSchema = z.strictObject({ month: IsoMonthSchema, policy: PayPolicySchema });
export const SimulationSchema = z.object({
  month: z.string(),
  workerCount: z.number().int(),
  /** Workers without a locked assessment that month (their performance bonus counts as 0). */
  unassessed: z.number().int(),
  /** The version in force that month ('' = none yet: the notice's defaults). */
  currentPolicyId: z.string(),
  current: z.object({ grossFen: z.number().int(), netFen: z.number().int(), floorTopUpFen: z.number().int() }),
  draft: z.object({ grossFen: z.number().int(), netFen: z.number().int(), floorTopUpFen: z.number().int() }),
  teams: z.array(z.object({ teamId: z.string(), teamName: z.string(), workerCount: z.number().int(), currentFen: z.number().int(), draftFen: z.number().int() })),
});
export type Simulation = z.infer<typeof SimulationSchema>;
