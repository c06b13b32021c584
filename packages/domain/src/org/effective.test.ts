import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { isInForce, supersede, versionOn, type Effective } from './effective.js';

describe('effective-dated versions (R5)', () => {
  it('a record is in force from its first through its last day', () => {
    const r = { validFrom: '2012-11-01', validTo: '2013-10-31' };
    expect(isInForce(r, '2012-10-31')).toBe(false);
    expect(isInForce(r, '2012-11-01')).toBe(true);
    expect(isInForce(r, '2013-10-31')).toBe(true);
    expect(isInForce({ ...r, validTo: null }, '2099-01-01')).toBe(true);
  });

  it('refuses a version that starts on or before the latest one', () => {
    const latest = { validFrom: '2012-11-01', validTo: null };
    expect(supersede(latest, '2012-11-01')).toEqual({ ok: false, reason: 'not_after_current' });
    expect(supersede(latest, '2012-12-01')).toEqual({ ok: true, closePreviousOn: '2012-11-30' });
    expect(supersede({ validFrom: '2012-11-01', validTo: '2012-12-31' }, '2013-03-01')).toEqual({ ok: true, closePreviousOn: null });
  });

  it('any sequence of superseding versions leaves exactly one version in force on every day', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }), (gaps) => {
        const history: Effective[] = [];
        let start = '2012-11-01';
        for (const gap of gaps) {
          const plan = supersede(history.at(-1), start);
          expect(plan.ok).toBe(true);
          if (plan.ok && plan.closePreviousOn) history.at(-1)!.validTo = plan.closePreviousOn;
          history.push({ validFrom: start, validTo: null });
          start = addDays(start, gap);
        }
        for (let day = '2012-11-01'; day < start; day = addDays(day, 7)) {
          expect(history.filter((v) => isInForce(v, day))).toHaveLength(1);
          expect(versionOn(history, day)).toBeDefined();
        }
      }),
    );
  });
});
