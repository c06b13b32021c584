import { describe, expect, it } from 'vitest';
import { isPassing } from './vocabulary.js';
import { AGREEMENT_EVENTS, AGREEMENT_STATES, allowedAgreementEvents, assessmentYearFor, effectiveAgreementState, nextAgreementState } from './agreement-states.js';

// R6: draft → signed → witnessed → filed → in force → expired | renewed | terminated; nothing else.

const LEGAL: Record<string, string> = {
  'draft:sign': 'signed',
  'draft:terminate': 'terminated',
  'signed:witness': 'witnessed',
  'signed:terminate': 'terminated',
  'witnessed:file': 'filed',
  'witnessed:terminate': 'terminated',
  'filed:renew': 'renewed',
  'filed:terminate': 'terminated',
  'in_force:renew': 'renewed',
  'in_force:terminate': 'terminated',
  'expired:renew': 'renewed',
  'expired:terminate': 'terminated',
};

describe('agreement state machine (R6)', () => {
  it('allows exactly the listed transitions and refuses every other one', () => {
    for (const state of AGREEMENT_STATES) {
      for (const event of AGREEMENT_EVENTS) {
        expect(nextAgreementState(state, event), `${state} → ${event}`).toBe(LEGAL[`${state}:${event}`] ?? null);
      }
    }
    expect(allowedAgreementEvents('renewed')).toEqual([]);
    expect(allowedAgreementEvents('terminated')).toEqual([]);
  });

  it('reads in force and expired from a filed agreement and the date', () => {
    const term = { start: '2026-01-01', end: '2026-12-31' };
    expect(effectiveAgreementState('filed', term, '2025-12-31')).toBe('filed');
    expect(effectiveAgreementState('filed', term, '2026-01-01')).toBe('in_force');
    expect(effectiveAgreementState('filed', term, '2026-12-31')).toBe('in_force');
    expect(effectiveAgreementState('filed', term, '2027-01-01')).toBe('expired');
    expect(effectiveAgreementState('draft', term, '2027-01-01')).toBe('draft');
  });

  it('takes the annual assessment of the year the term began (R8)', () => {
    expect(assessmentYearFor({ start: '2026-01-01' })).toBe(2026);
    expect(assessmentYearFor({ start: '2025-10-01' })).toBe(2025);
    // a pass is 合格 or better; 基本合格 does not renew
    expect((['excellent', 'pass', 'basic_pass', 'fail'] as const).map(isPassing)).toEqual([true, true, false, false]);
  });
});
