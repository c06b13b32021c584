import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_FEN } from '../money.js';
import { hasForbiddenCharacters, stripInvisible } from '../text.js';
import { FenSchema, IsoDateSchema, IsoMonthSchema, textSchema, VersionSchema, MAX_STORED_INT } from './common.js';
import { ManualLineInputSchema, PayPolicySchema } from './payroll.js';
import { ReceiptInputSchema } from './ledger.js';

// #13 items 14–16: the shared primitives every request schema is built from.

describe('the money primitive (#13 item 15)', () => {
  it('takes every integer amount within ±MAX_ENTRY_FEN and refuses every one beyond, fractions and non-finite numbers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -MAX_ENTRY_FEN, max: MAX_ENTRY_FEN }), fc.double(), fc.integer({ min: MAX_ENTRY_FEN + 1, max: Number.MAX_SAFE_INTEGER }).map((n) => (n % 2 ? n : -n))), (fen) => {
        const within = Number.isInteger(fen) && Math.abs(fen) <= MAX_ENTRY_FEN;
        expect(FenSchema.safeParse(fen).success).toBe(within);
      }),
    );
  });

  it('keeps any sum of a plausible number of bounded entries exact', () => {
    // 90,000 entries of the largest amount still add up below Number.MAX_SAFE_INTEGER.
    expect(Number.isSafeInteger(90_000 * MAX_ENTRY_FEN)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_ENTRY_FEN, max: MAX_ENTRY_FEN }), { maxLength: 500 }), (amounts) => {
        const sum = amounts.reduce((s, a) => s + a, 0);
        expect(Number.isSafeInteger(sum)).toBe(true);
        expect(BigInt(sum)).toBe(amounts.reduce((s, a) => s + BigInt(a), 0n));
      }),
    );
  });

  it('bounds the amounts of receipts, policies and manual lines with it', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_ENTRY_FEN + 1, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(ReceiptInputSchema.safeParse({ sourceCode: 'city', amountFen: fen, receiptNo: 'R-1', date: '2026-03-01' }).success).toBe(false);
        expect(ManualLineInputSchema.safeParse({ personId: 'p', amountFen: -fen, reason: 'x', version: 0 }).success).toBe(false);
        expect(PayPolicySchema.shape.floorFen.safeParse(fen).success).toBe(false);
      }),
    );
  });
});

describe('the date, month, version and text primitives (#13 items 14, 16)', () => {
  it('refuses years outside 1900–2100', () => {
    expect(IsoDateSchema.safeParse('0000-01-01').success).toBe(false);
    expect(IsoDateSchema.safeParse('1899-12-31').success).toBe(false);
    expect(IsoDateSchema.safeParse('2101-01-01').success).toBe(false);
    expect(IsoDateSchema.safeParse('1900-01-01').success).toBe(true);
    expect(IsoMonthSchema.safeParse('0000-01').success).toBe(false);
    expect(IsoMonthSchema.safeParse('2100-12').success).toBe(true);
    expect(IsoDateSchema.safeParse('2026-02-30').error?.issues[0]?.message).toBe('invalid_date');
    expect(IsoDateSchema.safeParse('0000-01-01').error?.issues[0]?.message).toBe('date_out_of_range');
  });

  it("bounds a version to PostgreSQL's integer", () => {
    expect(VersionSchema.safeParse(MAX_STORED_INT).success).toBe(true);
    expect(VersionSchema.safeParse(2 ** 31).success).toBe(false);
  });

  it('refuses NUL, controls and bidi overrides, removes zero-width characters, keeps everything else', () => {
    const text = textSchema();
    for (const bad of ['\u0000', 'a\u0000b', '\u202Eevil', '\u2066x\u2069', '\u0007', '\u007F']) expect(text.safeParse(bad).error?.issues[0]?.message).toBe('invalid_characters');
    expect(text.parse('\uFEFFR-\u200B001\u200D')).toBe('R-001');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = stripInvisible(Array.from(s).filter((ch) => !hasForbiddenCharacters(ch)).join(''));
        expect(text.parse(clean)).toBe(clean);
      }),
    );
  });
});
