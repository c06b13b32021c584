import { z } from 'zod';

// The body of every PATCH (#13 item 1): a field left out is unchanged, a field sent as null is
// cleared where clearing is allowed, and a field that cannot be empty refuses null by name.
//
// Built from the fields of the matching create, because zod 4's `.partial()` keeps each field's
// default and fills it in when the field is absent: `PersonInputSchema.partial()` turned a missing
// phone into null, and editing an address wiped the person's phone and bank numbers.

/** The message key of a null sent for a field that cannot be empty (a 422 naming the field). */
export const CANNOT_CLEAR = 'cannot_clear';

type Unwrapped<S> = S extends z.ZodDefault<infer I> ? I : S extends z.ZodOptional<infer I> ? I : S;
export type PatchShape<S extends z.ZodRawShape> = { -readonly [K in keyof S]: z.ZodOptional<Unwrapped<S[K]>> };

function patchField(field: z.ZodType): z.ZodType {
  const inner = (field instanceof z.ZodDefault || field instanceof z.ZodOptional ? field.unwrap() : field) as z.ZodType;
  // Text kept as '' when empty (an address, a note): null clears it to ''.
  if (field instanceof z.ZodDefault && field.def.defaultValue === '') return inner.nullable().transform((v) => v ?? '').optional();
  // Nullable (a phone, an end date): null clears it.
  if (inner.safeParse(null).success) return inner.optional();
  // Anything else cannot be empty: null is refused with CANNOT_CLEAR rather than "wrong type".
  return inner
    .nullable()
    .refine((v) => v !== null, { message: CANNOT_CLEAR })
    .optional();
}

/**
 * A strict PATCH body from a create's fields (its `.shape`): each optional with no default. Its
 * static type is the fields' own types, all optional; null where a field is nullable.
 */
export function patchOf<S extends z.ZodRawShape>(shape: S): z.ZodObject<PatchShape<S>, z.core.$strict> {
  const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, patchField(field as z.ZodType)]));
  return z.strictObject(fields) as unknown as z.ZodObject<PatchShape<S>, z.core.$strict>;
}
