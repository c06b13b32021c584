import { describe, expect, it } from 'vitest';
import { annualBonusLine, computeMonth, daysInPost, type MonthFacts, type WorkerPay } from './calc.js';
import { checkPolicy, defaultPolicy, type PayPolicy } from './policy.js';
import type { PayLineKind } from './vocabulary.js';
import { computeYear } from './year.js';

// The pay engine as table tests (R11–R19): one worker, one month (or one year), amounts in fen.

/** 2026's festivals as chinese-days gives them (server features/payroll/festivals.ts). */
const FESTIVALS_2026 = {
  new_year: '2026-01-01',
  spring_festival: '2026-02-17',
  lantern: '2026-03-03',
  may_day: '2026-05-01',
  dragon_boat: '2026-06-19',
  mid_autumn: '2026-09-25',
  national_day: '2026-10-01',
} as const;

const POLICY: PayPolicy = {
  ...defaultPolicy('2026-01-01'),
  teams: { t1: { baseFen: 120_000, bonusFen: 60_000 } },
  specialAllowanceFen: { community_security: 20_000, sanitation: 15_000, pump_station: 10_000 },
  elderlyHelpRateFen: 5_000,
  highTemperature: { months: [6, 7, 8, 9], monthlyFen: 30_000, yearCapFen: 100_000 },
  inKind: { perFestivalFen: { lantern: 15_000, dragon_boat: 15_000, mid_autumn: 15_000 }, yearCapFen: 30_000 },
  deductionFen: { urban_employee: 25_000, community_comprehensive: 5_000, none: 0 },
};

const WORKER: WorkerPay = {
  teamId: 't1',
  categoryCode: 'social_coordination',
  scheme: 'standard',
  legacyBaseFen: null,
  legacyBonusFen: null,
  specialPost: null,
  employmentBasis: 'full_time',
  insurance: 'none',
  periods: [{ from: '2020-01-01', to: null }],
};

const graded = (totalTenths: number) => ({ totalTenths, grade: totalTenths >= 900 ? 'excellent' : totalTenths >= 750 ? 'pass' : totalTenths >= 600 ? 'basic_pass' : 'fail' }) as const;

function pay(month: string, worker: Partial<WorkerPay> = {}, facts: Partial<MonthFacts> = {}) {
  return computeMonth(POLICY, { ...WORKER, ...worker }, { month, assessment: graded(860), peopleServed: null, festivalDates: FESTIVALS_2026, yearToDate: { highTemperatureFen: 0, inKindFen: 0 }, ...facts });
}
const amount = (p: ReturnType<typeof pay>, kind: PayLineKind) => p.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);
const kinds = (p: ReturnType<typeof pay>) => p.lines.map((l) => l.kind);

describe('monthly pay (R13, R14)', () => {
  it('R13: a standard worker with 86 points earns base + bonus × 86 / 100, explained', () => {
    const p = pay('2026-04');
    expect(amount(p, 'base')).toBe(120_000);
    expect(amount(p, 'performance')).toBe(51_600);
    expect(p.lines.find((l) => l.kind === 'performance')!.explanation).toBe('绩效奖 = 600.00 × 86.0 / 100');
    expect(kinds(p)).not.toContain('floor_top_up');
    expect(p).toMatchObject({ daysInPost: 30, daysInMonth: 30, grossFen: 171_600, deductionFen: 0, netFen: 171_600, inKindFen: 0 });
  });

  it.each([
    { points: 55, bonus: 0, topUp: 37_000, grade: 'fail' },
    { points: 60, bonus: 36_000, topUp: 1_000, grade: 'basic pass' },
    { points: 62, bonus: 37_200, topUp: 0, grade: 'basic pass' },
  ])('R14: $points points ($grade) → bonus $bonus, floor top-up $topUp', ({ points, bonus, topUp }) => {
    const p = pay('2026-04', {}, { assessment: graded(points * 10) });
    expect(amount(p, 'performance')).toBe(bonus);
    expect(amount(p, 'floor_top_up')).toBe(topUp);
    expect(amount(p, 'base') + amount(p, 'performance') + amount(p, 'floor_top_up')).toBeGreaterThanOrEqual(POLICY.floorFen);
  });

  it('R14: allowances do not count toward the floor', () => {
    const p = pay('2026-04', { specialPost: 'community_security' }, { assessment: graded(550) });
    expect(amount(p, 'special_allowance')).toBe(20_000);
    expect(amount(p, 'floor_top_up')).toBe(37_000);
    expect(p.grossFen).toBe(157_000 + 20_000);
  });

  it('R13: no locked assessment → no bonus, said so, and the floor still holds', () => {
    const p = pay('2026-04', {}, { assessment: null });
    expect(p.lines.find((l) => l.kind === 'performance')!.explanation).toContain('无已锁定的考核');
    expect(amount(p, 'floor_top_up')).toBe(37_000);
  });

  it('R12: the legacy scheme pays the worker\u2019s own amounts, not the team\u2019s', () => {
    const p = pay('2026-04', { scheme: 'legacy', legacyBaseFen: 180_000, legacyBonusFen: 40_000 });
    const base = p.lines.find((l) => l.kind === 'base')!;
    expect(base).toMatchObject({ amountFen: 180_000, rule: 'R12' });
    expect(base.explanation).toContain('老办法');
    expect(amount(p, 'performance')).toBe(34_400);
  });

  it('R11: an elderly helper is paid per person served in place of the base wage', () => {
    const p = pay('2026-04', { employmentBasis: 'per_person_served' }, { peopleServed: 30 });
    expect(amount(p, 'elderly_help')).toBe(150_000);
    expect(kinds(p)).not.toContain('base');
    expect(amount(p, 'performance')).toBe(51_600);
    const few = pay('2026-04', { employmentBasis: 'per_person_served' }, { peopleServed: 12 });
    expect(amount(few, 'elderly_help') + amount(few, 'performance') + amount(few, 'floor_top_up')).toBe(157_000);
  });

  it('R16: the personal contribution is a negative line taken off net; none → no line', () => {
    const p = pay('2026-04', { insurance: 'urban_employee' });
    expect(amount(p, 'deduction')).toBe(-25_000);
    expect(p).toMatchObject({ grossFen: 171_600, deductionFen: 25_000, netFen: 146_600 });
    expect(kinds(pay('2026-04'))).not.toContain('deduction');
  });

  it('R21: an adjustment carried into the month moves net, even after the worker left', () => {
    const p = pay('2026-05', { periods: [{ from: '2020-01-01', to: '2026-04-30' }] }, { adjustments: [{ amountFen: -1_200, reason: '四月多发' }] });
    expect(p.lines).toEqual([expect.objectContaining({ kind: 'adjustment', amountFen: -1_200, explanation: '更正：四月多发' })]);
    expect(p.netFen).toBe(-1_200);
  });
});

describe('part months (prorated by calendar days)', () => {
  it('counts calendar days over several stretches in one month', () => {
    const periods = [
      { from: '2025-01-01', to: '2026-03-10' },
      { from: '2026-03-21', to: null },
    ];
    expect(daysInPost(periods, '2026-03')).toBe(21);
    expect(daysInPost(periods, '2026-02')).toBe(28);
    expect(daysInPost([{ from: '2026-03-11', to: '2026-03-11' }], '2026-03')).toBe(1);
    expect(daysInPost(periods.slice(0, 1), '2026-04')).toBe(0);
  });

  it('a hire on 16 April is paid 15/30 of base, bonus, floor and allowance', () => {
    const p = pay('2026-04', { periods: [{ from: '2026-04-16', to: null }], specialPost: 'sanitation' });
    expect(p).toMatchObject({ daysInPost: 15, daysInMonth: 30 });
    expect(amount(p, 'base')).toBe(60_000);
    expect(amount(p, 'performance')).toBe(25_800);
    expect(amount(p, 'special_allowance')).toBe(7_500);
    expect(p.lines.find((l) => l.kind === 'base')!.explanation).toContain('在岗 15/30 天');
  });

  it('an exit on 10 March is paid 10/31, each line rounded half up to the fen', () => {
    const p = pay('2026-03', { periods: [{ from: '2020-01-01', to: '2026-03-10' }] }, { assessment: graded(550) });
    expect(amount(p, 'base')).toBe(38_710); // 120000 × 10 / 31 = 38709.68
    expect(amount(p, 'floor_top_up')).toBe(50_645 - 38_710); // floor 157000 × 10 / 31 = 50645.16
  });

  it('a worker not in post that month gets no lines', () => {
    const p = pay('2026-04', { periods: [{ from: '2026-05-01', to: null }], insurance: 'urban_employee' });
    expect(p).toMatchObject({ lines: [], daysInPost: 0, netFen: 0 });
  });
});

describe('welfare (R17)', () => {
  it('Spring Festival is paid in its lunar month to a worker in post on the day', () => {
    const feb = pay('2026-02');
    expect(feb.lines.filter((l) => l.kind === 'welfare')).toEqual([expect.objectContaining({ amountFen: 50_000, explanation: '春节福利（2026-02-17）' })]);
    expect(amount(pay('2026-01'), 'welfare')).toBe(20_000); // New Year's Day only; 2026's Spring Festival is in February
    expect(amount(pay('2026-02', { periods: [{ from: '2020-01-01', to: '2026-02-16' }] }), 'welfare')).toBe(0);
    expect(amount(pay('2026-02', { periods: [{ from: '2026-02-17', to: null }] }), 'welfare')).toBe(50_000);
    expect(amount(pay('2026-02', { periods: [{ from: '2026-02-18', to: null }] }), 'welfare')).toBe(0);
  });

  it('when Spring Festival falls in January (2025) both festivals are paid that month', () => {
    expect(amount(pay('2025-01', {}, { festivalDates: { new_year: '2025-01-01', spring_festival: '2025-01-29' } }), 'welfare')).toBe(70_000);
  });

  const year = (worker: Partial<WorkerPay> = {}, policy: PayPolicy = POLICY) =>
    computeYear(() => policy, { ...WORKER, ...worker }, { year: 2026, monthlyTotalsTenths: {}, peopleServed: {}, festivalDates: FESTIVALS_2026, annualOutcome: null, gradeOf: () => 'pass' });
  const byMonth = (y: ReturnType<typeof year>, kind: PayLineKind) => y.months.map((m) => amount(m, kind));

  it('high-temperature allowance in its months, stopping at the yearly cap', () => {
    expect(byMonth(year(), 'high_temperature')).toEqual([0, 0, 0, 0, 0, 30_000, 30_000, 30_000, 10_000, 0, 0, 0]);
    expect(byMonth(year({ periods: [{ from: '2026-06-16', to: null }] }), 'high_temperature')).toEqual([0, 0, 0, 0, 0, 15_000, 30_000, 30_000, 25_000, 0, 0, 0]);
  });

  it('in-kind festivals are recorded as value given, not cash, under the 300 yuan cap', () => {
    const y = year();
    expect(byMonth(y, 'in_kind')).toEqual([0, 0, 15_000, 0, 0, 15_000, 0, 0, 0, 0, 0, 0]); // mid-autumn finds the cap used up
    const march = y.months[2]!;
    expect(march.lines.find((l) => l.kind === 'in_kind')).toMatchObject({ cash: false, explanation: expect.stringContaining('元宵') });
    expect(march).toMatchObject({ inKindFen: 15_000, netFen: march.grossFen });
  });
});

describe('annual bonus (R19)', () => {
  it.each([
    { category: 'social_coordination', outcome: 'excellent', fen: 360_000 },
    { category: 'social_coordination', outcome: 'pass', fen: 187_200 },
    { category: 'social_coordination', outcome: 'basic_pass', fen: 28_800 },
    { category: 'public_service', outcome: 'excellent', fen: 403_200 },
    { category: 'public_service', outcome: 'fail', fen: 0 },
    { category: 'public_service', outcome: null, fen: 0 },
  ] as const)('R19: $category, $outcome → $fen of an annual base of 14400.00', ({ category, outcome, fen }) => {
    expect(annualBonusLine(POLICY, category, outcome, 1_440_000, 2026)).toMatchObject({ kind: 'annual_bonus', amountFen: fen, cash: true, rule: 'R19' });
  });

  it('R19: the year pays the bonus once, in the policy\u2019s month, on the whole year\u2019s base', () => {
    const y = computeYear(() => ({ ...POLICY, annualBonusMonth: 10 }), WORKER, { year: 2026, monthlyTotalsTenths: {}, peopleServed: {}, festivalDates: {}, annualOutcome: 'excellent', gradeOf: () => 'pass' });
    expect(y.annualBonus.amountFen).toBe(360_000);
    expect(y.months.map((m) => amount(m, 'annual_bonus'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 360_000, 0, 0]);
  });

  it.each([
    { before: 3, after: 2, paidIn: 3 }, // the new version's month has passed: not paid again
    { before: 9, after: 5, paidIn: 7 }, // the old version's month never came: paid when the new one starts
  ])('R19: bonus month $before until July, then $after → paid once, in month $paidIn', ({ before, after, paidIn }) => {
    const policyFor = (month: string) => ({ ...POLICY, annualBonusMonth: month < '2026-07' ? before : after });
    const y = computeYear(policyFor, WORKER, { year: 2026, monthlyTotalsTenths: {}, peopleServed: {}, festivalDates: {}, annualOutcome: 'excellent', gradeOf: () => 'pass' });
    expect(y.months.flatMap((m, i) => (amount(m, 'annual_bonus') > 0 ? [i + 1] : []))).toEqual([paidIn]);
    expect(y.annualBonus.amountFen).toBe(360_000);
  });
});

describe('policy versions (checkPolicy)', () => {
  const on = '2026-01-01';
  const problems = (change: (p: PayPolicy) => PayPolicy) => checkPolicy(change(POLICY), on);

  it('the default policy and the test policy pass', () => {
    expect(checkPolicy(defaultPolicy(on, ['a']), on)).toEqual([]);
    expect(checkPolicy(POLICY, on)).toEqual([]);
  });

  it.each([
    { what: 'R14: a floor of 0', change: (p: PayPolicy) => ({ ...p, floorFen: 0 }), field: 'floorFen', kind: 'floor_below_rule' },
    { what: 'R14: a floor below 1570 yuan', change: (p: PayPolicy) => ({ ...p, floorFen: 156_999 }), field: 'floorFen', kind: 'floor_below_rule' },
    { what: 'R19: 1% for social coordination', change: (p: PayPolicy) => ({ ...p, annualBonusBp: { ...p.annualBonusBp, social_coordination: { ...p.annualBonusBp.social_coordination, basic_pass: 100 } } }), field: 'annualBonusBp.social_coordination.basic_pass', kind: 'bonus_out_of_range' },
    { what: 'R19: 26% for social coordination', change: (p: PayPolicy) => ({ ...p, annualBonusBp: { ...p.annualBonusBp, social_coordination: { ...p.annualBonusBp.social_coordination, excellent: 2600 } } }), field: 'annualBonusBp.social_coordination.excellent', kind: 'bonus_out_of_range' },
    { what: 'R19: 29% for public service', change: (p: PayPolicy) => ({ ...p, annualBonusBp: { ...p.annualBonusBp, public_service: { ...p.annualBonusBp.public_service, excellent: 2900 } } }), field: 'annualBonusBp.public_service.excellent', kind: 'bonus_out_of_range' },
    { what: 'R15: a negative allowance', change: (p: PayPolicy) => ({ ...p, specialAllowanceFen: { ...p.specialAllowanceFen, sanitation: -1 } }), field: 'specialAllowanceFen.sanitation', kind: 'negative' },
    { what: 'R13: a negative team base', change: (p: PayPolicy) => ({ ...p, teams: { t1: { baseFen: -100, bonusFen: 0 } } }), field: 'teams.t1.baseFen', kind: 'negative' },
    { what: 'R17: a high-temperature cap over 1000 yuan', change: (p: PayPolicy) => ({ ...p, highTemperature: { ...p.highTemperature, yearCapFen: 100_001 } }), field: 'highTemperature.yearCapFen', kind: 'over_cap' },
    { what: 'R17: an in-kind cap over 300 yuan', change: (p: PayPolicy) => ({ ...p, inKind: { ...p.inKind, yearCapFen: 30_001 } }), field: 'inKind.yearCapFen', kind: 'over_cap' },
    { what: 'R17: month 13', change: (p: PayPolicy) => ({ ...p, highTemperature: { ...p.highTemperature, months: [6, 13] } }), field: 'highTemperature.months', kind: 'bad_month' },
    { what: 'a fraction of a fen', change: (p: PayPolicy) => ({ ...p, elderlyHelpRateFen: 10.5 }), field: 'elderlyHelpRateFen', kind: 'not_integer' },
  ])('refuses $what', ({ change, field, kind }) => {
    expect(problems(change)).toEqual([expect.objectContaining({ field, kind })]);
  });

  it('R19: 26% is refused for social coordination but allowed for public service', () => {
    expect(problems((p) => ({ ...p, annualBonusBp: { ...p.annualBonusBp, public_service: { ...p.annualBonusBp.public_service, excellent: 2600 } } }))).toEqual([]);
  });
});
