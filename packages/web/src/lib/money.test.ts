import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './money';

describe('yuan and fen', () => {
  it('converts typed yuan to integer fen, rounding float noise away', () => {
    expect(yuanToFen(1570.5)).toBe(157050);
    expect(yuanToFen(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(yuanToFen(1234.56)).toBe(123456);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(0)).toBe(0);
  });

  it('keeps empty amounts empty', () => {
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
    expect(fenToYuan(null)).toBeNull();
    expect(fenToYuan(undefined)).toBeNull();
  });

  it('round-trips every fen amount', () => {
    for (const fen of [0, 1, 29, 99, 100, 157050, 123456, 9_999_999, 10_000_000]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
