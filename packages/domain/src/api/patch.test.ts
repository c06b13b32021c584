import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CANNOT_CLEAR, patchOf } from './patch.js';
import { PersonUpdateSchema } from './workers.js';

describe('patchOf (#13 item 1: a PATCH changes only what it is sent)', () => {
  const Create = z.strictObject({
    name: z.string().min(1),
    note: z.string().trim().default(''),
    phone: z.string().nullable().default(null),
    validTo: z.string().nullable(),
    sortOrder: z.number().int().default(0),
    shortName: z.string().optional(),
  });
  const Patch = patchOf(Create.shape);

  it('fills in no default for a field left out (zod 4’s .partial() does)', () => {
    expect(Create.partial().parse({})).toEqual({ note: '', phone: null, sortOrder: 0 });
    expect(Patch.parse({})).toEqual({});
    expect(PersonUpdateSchema.parse({ address: '新址' })).toEqual({ address: '新址' });
  });

  it('clears with null where a field may be empty: text to "", a nullable field to null', () => {
    expect(Patch.parse({ note: null, phone: null, validTo: null })).toEqual({ note: '', phone: null, validTo: null });
  });

  it('refuses null for a field that cannot be empty, naming it', () => {
    for (const field of ['name', 'sortOrder', 'shortName']) {
      const issues = Patch.safeParse({ [field]: null }).error?.issues;
      expect(issues).toEqual([expect.objectContaining({ path: [field], message: CANNOT_CLEAR })]);
    }
  });

  it('keeps each field’s own checks, and stays strict', () => {
    expect(Patch.safeParse({ name: '' }).success).toBe(false);
    expect(Patch.safeParse({ unknown: 1 }).success).toBe(false);
    expect(PersonUpdateSchema.safeParse({ idNumber: '11010119900307777X' }).success).toBe(false); // the ID never changes
    expect(PersonUpdateSchema.parse({ phone: '139-1234-5678' })).toEqual({ phone: '13912345678' });
  });
});
