import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberFacts, idNumberProblem, makeIdNumber, normaliseIdNumber } from './id-number.js';
import { maskBankAccount, maskIdNumber, maskPhone } from './masking.js';

describe('resident ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null],
    ['110105194912310021', 'check_digit'],
    ['11010519491231002', 'length'],
    ['1101051949123100AX', 'characters'],
    ['110105194913310029', 'birth_date'],
  ])('%s → %s', (id, problem) => expect(idNumberProblem(id)).toBe(problem));

  it('derives birth date and sex, never typed', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(idNumberFacts(makeIdNumber('310117', '1970-05-06', 1)).sex).toBe('male');
  });

  it('normalises full-width digits, spaces and a lower-case x', () => {
    expect(normaliseIdNumber('１１０１０５ １９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('the check character catches every single-digit error', () => {
    const date = fc.integer({ min: 0, max: 30000 }).map((d) => new Date(Date.UTC(1940, 0, 1) + d * 86400000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (born, seq, pos, delta) => {
        const id = makeIdNumber('310117', born, seq);
        expect(idNumberProblem(id)).toBeNull();
        const digit = (Number(id[pos]) + delta) % 10;
        const corrupted = id.slice(0, pos) + digit + id.slice(pos + 1);
        const problem = idNumberProblem(corrupted);
        expect(problem === 'check_digit' || problem === 'birth_date').toBe(true);
        expect(idCheckCharacter(id.slice(0, 17))).toBe(id[17]);
      }),
    );
  });

  it('masks as 310***********123X, phones and bank accounts to their tails', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskBankAccount('6228480402564890018')).toBe('***************0018');
  });
});
