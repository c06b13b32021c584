import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeOf } from '../assessment/scoring.js';
import { addDays } from '../dates.js';
import { CATEGORY_CODES } from '../org/vocabulary.js';
import { ruleValue } from '../rules/rule-values.js';
import { ANNUAL_OUTCOMES } from '../staffing/vocabulary.js';
import { EMPLOYMENT_BASES, INSURANCE_KINDS, PAY_SCHEMES, SPECIAL_POSTS } from '../workers/vocabulary.js';
import { annualBaseOf, prorate, type MonthPay, type WorkerPay } from './calc.js';
import { checkPolicy, type PayPolicy } from './policy.js';
import type { Festival, PayLineKind } from './vocabulary.js';
import { computeYear, type YearFacts } from './year.js';

// The pay engine's invariants (#7 part 9) over random valid policies, workers and years: net is the
// sum of the cash lines, every amount whole fen, the floor holds every month in post (R14), the
// yearly caps hold across months and policy versions (R17), the annual bonus stays inside the
// category's range (R19), and the same inputs give the same pay.

const ON = '2026-01-01';
const fen = (max: number) => fc.integer({ min: 0, max });
const bonusBp = (max: number) => fc.record({ excellent: fc.integer({ min: 200, max }), pass: fc.integer({ min: 200, max }), basic_pass: fc.integer({ min: 200, max }) });

/** Policies inside the notice's limits, the way checkPolicy accepts them. */
const policyArb: fc.Arbitrary<PayPolicy> = fc.record({
  floorFen: fc.integer({ min: 157_000, max: 400_000 }),
  teams: fc.record({ t1: fc.record({ baseFen: fen(400_000), bonusFen: fen(200_000) }) }),
  specialAllowanceFen: fc.record({ community_security: fen(50_000), sanitation: fen(50_000), pump_station: fen(50_000) }),
  elderlyHelpRateFen: fen(20_000),
  welfareFen: fc.record({ new_year: fen(100_000), spring_festival: fen(100_000), may_day: fen(100_000), national_day: fen(100_000) }),
  highTemperature: fc.record({ months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }), monthlyFen: fen(150_000), yearCapFen: fen(100_000) }),
  inKind: fc.record({ perFestivalFen: fc.record({ lantern: fen(30_000), dragon_boat: fen(30_000), mid_autumn: fen(30_000) }), yearCapFen: fen(30_000) }),
  annualBonusBp: fc.record({ social_coordination: bonusBp(2500), public_service: bonusBp(2800) }),
  annualBonusMonth: fc.integer({ min: 1, max: 12 }),
  deductionFen: fc.record({ urban_employee: fen(60_000), community_comprehensive: fen(60_000), none: fc.constant(0) }),
});

/** One to three stretches in post, in order and apart, from a month before the year to a month after. */
const periodsArb = (year: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 425 }), { minLength: 2, maxLength: 6 })
    .chain((days) => fc.tuple(fc.constant(days.sort((a, b) => a - b)), fc.boolean()))
    .map(([days, open]) => {
      const start = `${year - 1}-12-01`;
      const periods = [];
      for (let i = 0; i + 1 < days.length; i += 2) periods.push({ from: addDays(start, days[i]!), to: addDays(start, days[i + 1]!) as string | null });
      if (open) periods[periods.length - 1]!.to = null;
      return periods;
    });

const workerArb = (year: number): fc.Arbitrary<WorkerPay> =>
  fc.record({
    teamId: fc.constantFrom('t1', 'not-in-policy'),
    categoryCode: fc.constantFrom(...CATEGORY_CODES),
    scheme: fc.constantFrom(...PAY_SCHEMES),
    legacyBaseFen: fc.option(fen(400_000)),
    legacyBonusFen: fc.option(fen(200_000)),
    specialPost: fc.option(fc.constantFrom(...SPECIAL_POSTS)),
    employmentBasis: fc.constantFrom(...EMPLOYMENT_BASES),
    insurance: fc.constantFrom(...INSURANCE_KINDS),
    periods: periodsArb(year),
  });

const FESTIVALS: Festival[] = ['new_year', 'spring_festival', 'lantern', 'may_day', 'dragon_boat', 'mid_autumn', 'national_day'];
const monthMap = <T>(arb: fc.Arbitrary<T>) => fc.dictionary(fc.integer({ min: 1, max: 12 }).map(String), arb).map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v])) as Partial<Record<number, T>>);

const bands = ruleValue('assessment.gradeBands', ON);
const yearFactsArb = (year: number): fc.Arbitrary<Omit<YearFacts, 'gradeOf'>> =>
  fc.record({
    year: fc.constant(year),
    monthlyTotalsTenths: monthMap(fc.integer({ min: 0, max: 1000 })),
    peopleServed: monthMap(fc.integer({ min: 0, max: 200 })),
    festivalDates: fc.tuple(...FESTIVALS.map(() => fc.integer({ min: 0, max: 364 }))).map((offsets) => Object.fromEntries(FESTIVALS.map((f, i) => [f, addDays(`${year}-01-01`, offsets[i]!)]))),
    annualOutcome: fc.option(fc.constantFrom(...ANNUAL_OUTCOMES)),
  });

/** A year under one policy version, or two with the second in force from `switchMonth`. */
const caseArb = fc.constantFrom(2025, 2026).chain((year) =>
  fc.record({
    policies: fc.tuple(policyArb, policyArb),
    switchMonth: fc.integer({ min: 1, max: 13 }),
    worker: workerArb(year),
    facts: yearFactsArb(year),
  }),
);
type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;
const policyFor = (c: Case) => (month: string) => (Number(month.slice(5, 7)) >= c.switchMonth ? c.policies[1] : c.policies[0]);
const run = (c: Case) => computeYear(policyFor(c), c.worker, { ...c.facts, gradeOf: (t) => gradeOf(t, bands) });
const inForce = (c: Case) => (c.switchMonth > 12 ? [c.policies[0]] : c.switchMonth === 1 ? [c.policies[1]] : c.policies);

const sum = (m: MonthPay, ...kinds: PayLineKind[]) => m.lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + l.amountFen, 0);
const yearSum = (months: MonthPay[], kind: PayLineKind) => months.reduce((s, m) => s + sum(m, kind), 0);
const RUNS = { numRuns: 300 };
/** The domain has no structuredClone (no DOM or Node types); cases are plain JSON. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('pay engine properties', () => {
  it('generated policies pass checkPolicy', () => {
    fc.assert(
      fc.property(policyArb, (p) => {
        expect(checkPolicy(p, ON)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('net = sum of the cash lines, gross and deduction add up, every amount whole fen', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const y = run(c);
        for (const m of y.months) {
          for (const l of m.lines) expect(Number.isSafeInteger(l.amountFen)).toBe(true);
          const cash = m.lines.filter((l) => l.cash);
          expect(m.netFen).toBe(cash.reduce((s, l) => s + l.amountFen, 0));
          expect(m.netFen).toBe(m.grossFen - m.deductionFen);
          expect(m.deductionFen + sum(m, 'deduction')).toBe(0);
          expect(m.inKindFen).toBe(m.lines.filter((l) => !l.cash).reduce((s, l) => s + l.amountFen, 0));
          expect(m.lines.every((l) => l.cash === (l.kind !== 'in_kind'))).toBe(true);
        }
        expect(Number.isSafeInteger(y.annualBonus.amountFen)).toBe(true);
        expect(y.totalNetFen).toBe(y.months.reduce((s, m) => s + m.netFen, 0));
      }),
      RUNS,
    );
  });

  it('R14: base + performance + top-up reach the prorated floor every month in post, and no more when topped up', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const m of run(c).months) {
          if (m.daysInPost === 0) continue;
          const floor = prorate(policyFor(c)(m.month).floorFen, m.daysInPost, m.daysInMonth);
          const floorPay = sum(m, 'base', 'elderly_help', 'performance', 'floor_top_up');
          expect(floorPay).toBeGreaterThanOrEqual(floor);
          if (sum(m, 'floor_top_up') > 0) expect(floorPay).toBe(floor);
        }
      }),
      RUNS,
    );
  });

  it('R17: over any year high-temperature pay ≤ its cap ≤ 1000 yuan and in-kind value ≤ its cap ≤ 300 yuan', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { months } = run(c);
        const heatCap = Math.max(...inForce(c).map((p) => p.highTemperature.yearCapFen));
        const kindCap = Math.max(...inForce(c).map((p) => p.inKind.yearCapFen));
        expect(yearSum(months, 'high_temperature')).toBeLessThanOrEqual(heatCap);
        expect(yearSum(months, 'in_kind')).toBeLessThanOrEqual(kindCap);
        expect(heatCap).toBeLessThanOrEqual(ruleValue('pay.highTemperatureYearCapFen', ON));
        expect(kindCap).toBeLessThanOrEqual(ruleValue('pay.inKindYearCapFen', ON));
      }),
      RUNS,
    );
  });

  it('R19: one annual bonus a year at most, inside the category\u2019s range of the annual base; fail or no result → 0', () => {
    const range = ruleValue('pay.annualBonusRangeBp', ON);
    fc.assert(
      fc.property(caseArb, (c) => {
        const y = run(c);
        const paid = y.months.flatMap((m) => m.lines.filter((l) => l.kind === 'annual_bonus'));
        expect(paid.length).toBeLessThanOrEqual(1);
        expect(yearSum(y.months, 'annual_bonus')).toBe(y.annualBonus.amountFen);
        const outcome = c.facts.annualOutcome;
        if (outcome === null || outcome === 'fail') {
          expect(y.annualBonus.amountFen).toBe(0);
          return;
        }
        const base = annualBaseOf(y.months);
        const { min, max } = range[c.worker.categoryCode];
        // rounded to the fen once, so within half a fen of the exact percent
        expect(y.annualBonus.amountFen).toBeGreaterThanOrEqual((base * min) / 10_000 - 0.5);
        expect(y.annualBonus.amountFen).toBeLessThanOrEqual((base * max) / 10_000 + 0.5);
        if (y.annualBonus.amountFen > 0) expect(paid).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it('the same inputs give the same pay, and the inputs are left as they were', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const before = copy(c);
        expect(run(copy(c))).toEqual(run(c));
        expect(c).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
