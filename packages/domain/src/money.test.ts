import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from './money.js';

describe('money in fen', () => {
  it('formats yuan with two decimals and thousands separators (UI.md)', () => {
    expect(formatYuan(157000)).toBe('¥1,570.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-123456789)).toBe('-¥1,234,567.89');
  });

  it('refuses a fractional amount', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('parses what it formats, fen for fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });

  it('rejects amounts with more than two decimals or no digits', () => {
    expect(parseYuan('1570.005')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parseYuan('1,570.5')).toBe(157050);
  });
});
