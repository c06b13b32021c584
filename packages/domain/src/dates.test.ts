import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isIsoMonth, shanghaiDate, shanghaiTimestamp } from './dates.js';

describe('calendar dates', () => {
  it.each([
    ['2012-11-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2012-13-01', false],
    ['2012-00-10', false],
    ['2012-1-1', false],
    ['2012-11-31', false],
    ['20121101', false],
  ])('isIsoDate(%s) is %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));

  it('knows months', () => {
    expect(isIsoMonth('2012-11')).toBe(true);
    expect(isIsoMonth('2012-13')).toBe(false);
  });

  it('adds days across month, year and leap day', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2012-12-31', 1)).toBe('2013-01-01');
  });

  it('adding then subtracting days returns the same date, and order follows string order', () => {
    const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(isIsoDate(moved)).toBe(true);
        expect(addDays(moved, -n)).toBe(d);
        expect(Math.sign(moved.localeCompare(d))).toBe(Math.sign(n));
      }),
    );
  });

  it('reads instants in Asia/Shanghai whatever the process time zone', () => {
    const lateUtc = new Date('2026-03-31T17:30:00Z');
    expect(shanghaiDate(lateUtc)).toBe('2026-04-01');
    expect(shanghaiTimestamp(lateUtc)).toBe('2026-04-01T01:30:00.000+08:00');
  });
});
