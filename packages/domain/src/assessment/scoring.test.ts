import { describe, expect, it } from 'vitest';
import { ruleValue } from '../rules/rule-values.js';
import { annualAssessment } from './annual.js';
import { checkTemplate, gradeOf, monthlyScore, scoreProblem, type TemplateShape } from './scoring.js';

// R25 as table tests: scoring with and without a community share, grading by dated bands, the annual mean.

const template: TemplateShape = {
  absencePointsPerDayTenths: 50,
  indicators: [
    { id: 'duty', name: '岗位职责完成', part: 'business', scorer: 'unit', pointsTenths: 400 },
    { id: 'quality', name: '工作质量', part: 'business', scorer: 'unit', pointsTenths: 300 },
    { id: 'discipline', name: '劳动纪律', part: 'conduct', scorer: 'unit', pointsTenths: 100 },
    { id: 'residents', name: '群众评价', part: 'conduct', scorer: 'community', pointsTenths: 200 },
  ],
};
const bands = ruleValue('assessment.gradeBands', '2026-01-01');
const full = { duty: 400, quality: 300, discipline: 100, residents: 200 };

describe('monthly score (R25)', () => {
  it.each([
    // without a community share the unit scores every indicator and the total is their sum
    { share: null, scores: full, absence: 0, unit: 1000, community: 0, total: 1000 },
    { share: null, scores: { duty: 360, quality: 240, discipline: 80, residents: 150 }, absence: 0, unit: 830, community: 0, total: 830 },
    // with a 30% share: unit indicators (max 80) scaled to 70, community (max 20) to 30
    { share: 30, scores: full, absence: 0, unit: 700, community: 300, total: 1000 },
    { share: 30, scores: { duty: 320, quality: 240, discipline: 80, residents: 100 }, absence: 0, unit: 560, community: 150, total: 710 },
    { share: 40, scores: { duty: 320, quality: 240, discipline: 80, residents: 100 }, absence: 0, unit: 480, community: 200, total: 680 },
    // absence deducts 5 points a day and never takes the total below zero
    { share: 30, scores: full, absence: 2, unit: 700, community: 300, total: 900 },
    { share: null, scores: { duty: 100, quality: 0, discipline: 0, residents: 0 }, absence: 5, unit: 100, community: 0, total: 0 },
  ])('share $share, absence $absence → $total tenths', ({ share, scores, absence, unit, community, total }) => {
    const s = monthlyScore(template, { scores, absenceDays: absence, communitySharePercent: share });
    expect(s).toMatchObject({ unitTenths: unit, communityTenths: community, totalTenths: total, missing: [] });
    expect(s.deductionTenths).toBe(absence * 50);
  });

  it('lists indicators not yet scored', () => {
    expect(monthlyScore(template, { scores: { duty: 400 }, absenceDays: 0, communitySharePercent: 30 }).missing).toEqual(['quality', 'discipline', 'residents']);
  });

  it('grades by the dated bands (优秀 ≥ 90, 合格 ≥ 75, 基本合格 ≥ 60)', () => {
    expect([1000, 900, 899, 750, 749, 600, 599, 0].map((t) => gradeOf(t, bands))).toEqual(['excellent', 'excellent', 'pass', 'pass', 'basic_pass', 'basic_pass', 'fail', 'fail']);
  });

  it('refuses a score above the indicator, negative, or finer than a tenth', () => {
    const duty = template.indicators[0]!;
    expect([400, 401, -1, 0.5].map((v) => scoreProblem(duty, v))).toEqual([null, 'above_points', 'negative', 'not_tenths']);
  });

  it('checks that a template is worth 100 points', () => {
    expect(checkTemplate(template)).toEqual([]);
    expect(checkTemplate({ ...template, indicators: template.indicators.slice(1) })).toEqual([{ kind: 'points_not_100', sumTenths: 600 }]);
    expect(checkTemplate({ ...template, indicators: [] })).toEqual([{ kind: 'no_indicators' }]);
  });
});

describe('annual assessment (R25, R8)', () => {
  it('averages the months in post only: a worker who joined in September has four months', () => {
    const joinedSeptember = [820, 860, 900, 780];
    expect(annualAssessment(joinedSeptember, bands)).toEqual({ months: 4, meanTenths: 840, computed: 'pass', final: 'pass', pass: true });
  });

  it('lets the leadership group move the grade one step, and passes only 合格 or better', () => {
    expect(annualAssessment([700, 720], bands)).toMatchObject({ computed: 'basic_pass', final: 'basic_pass', pass: false });
    expect(annualAssessment([700, 720], bands, { step: 1, reason: '抗台抢险表现突出' })).toMatchObject({ final: 'pass', pass: true });
    expect(annualAssessment([950], bands, { step: 1, reason: '' })).toMatchObject({ final: 'excellent' });
    expect(annualAssessment([], bands)).toEqual({ months: 0, meanTenths: null, computed: null, final: null, pass: false });
  });
});
