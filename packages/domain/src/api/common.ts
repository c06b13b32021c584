import { z } from 'zod';
import { isIsoDate, isIsoMonth, isWithinDateYears } from '../dates.js';
import { MAX_ENTRY_FEN } from '../money.js';
import { hasForbiddenCharacters, stripInvisible } from '../text.js';

// Zod messages here are stable keys; the server turns them into Chinese or English sentences
// (packages/server/src/http/validation-messages.ts), so one schema serves both languages.

/** Text as a person types it (src/text.ts): zero-width characters removed, NUL, controls and bidi overrides refused. */
export const textSchema = () => z.string().overwrite(stripInvisible).refine((v) => !hasForbiddenCharacters(v), { message: 'invalid_characters' });

/** The one date primitive: `YYYY-MM-DD`, a real calendar day, a year within DATE_YEARS. */
export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'invalid_date', abort: true }).refine(isWithinDateYears, { message: 'date_out_of_range' });
/** The one month primitive: `YYYY-MM`, a year within DATE_YEARS. */
export const IsoMonthSchema = z.string().refine(isIsoMonth, { message: 'invalid_month', abort: true }).refine(isWithinDateYears, { message: 'date_out_of_range' });

/** The one money primitive: integer fen within ±MAX_ENTRY_FEN (#13 item 15). */
export const FenSchema = z
  .number()
  .int({ message: 'not_integer' })
  .min(-MAX_ENTRY_FEN, { message: 'amount_too_large' })
  .max(MAX_ENTRY_FEN, { message: 'amount_too_large' });

/**
 * A counter or version stored in an integer column: PostgreSQL's integer holds up to 2^31 − 1,
 * and a larger number in a query is an error there, not a miss (#13 item 16).
 */
export const MAX_STORED_INT = 2 ** 31 - 1;
export const VersionSchema = z.number().int().min(0).max(MAX_STORED_INT);

export const IdSchema = textSchema().min(1).max(64);
export const NameSchema = textSchema().trim().min(1, { message: 'required' }).max(100, { message: 'too_long' });
export const NoteSchema = textSchema().trim().max(500, { message: 'too_long' });

export const PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: textSchema().trim().max(100).optional(),
  /** Only records in force on this date; omit for all. */
  on: IsoDateSchema.optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const EffectiveSchema = {
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable(),
};

/** validTo, when given, may not precede validFrom. */
export function validToNotBeforeFrom(v: { validFrom?: string; validTo?: string | null }): boolean {
  return !v.validFrom || !v.validTo || v.validTo >= v.validFrom;
}
export const VALID_TO_REFINEMENT = { message: 'valid_to_before_from', path: ['validTo'] };

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
/** /api/health when the database does not answer `select 1` in time (#13 item 3): HTTP 503. */
export const HealthDownSchema = z.object({
  status: z.literal('unavailable'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  message: z.string(),
});
