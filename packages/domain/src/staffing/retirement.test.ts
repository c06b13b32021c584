import { describe, expect, it } from 'vitest';
import { ruleValue } from '../rules/rule-values.js';
import { addMonths, retirementDate } from './retirement.js';

// Statutory ages as dated data, including the gradual raise that began on 2025-01-01.

describe('retirement dates', () => {
  it('keeps the old ages for people who retired before the reform', () => {
    expect(retirementDate('1964-12-15', 'male')).toBe('2024-12-15');
    expect(retirementDate('1974-12-15', 'female')).toBe('2024-12-15');
  });

  it('raises men by a month per four months of birth from 1965, to 63', () => {
    expect(retirementDate('1965-01-10', 'male')).toBe('2025-02-10'); // 60 y 1 m
    expect(retirementDate('1965-05-10', 'male')).toBe('2025-07-10'); // 60 y 2 m
    expect(retirementDate('1976-12-01', 'male')).toBe('2039-12-01'); // capped at 63
  });

  it('raises women workers by a month per two months of birth from 1975, to 55', () => {
    expect(retirementDate('1975-01-31', 'female')).toBe('2025-02-28'); // 50 y 1 m, end of a short month
    expect(retirementDate('1975-03-05', 'female')).toBe('2025-05-05'); // 50 y 2 m
    expect(retirementDate('1985-01-01', 'female')).toBe('2040-01-01'); // capped at 55
  });

  it('reads the values through one dated function', () => {
    expect(ruleValue('retirement.male', '2024-12-31').raiseFromBirthMonth).toBeNull();
    expect(ruleValue('retirement.male', '2025-01-01').maxRaiseMonths).toBe(36);
    expect(ruleValue('agreement.termMonths', '2026-01-01')).toBe(12);
    expect(() => ruleValue('agreement.termMonths', '2000-01-01')).toThrow(/no version/);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});
