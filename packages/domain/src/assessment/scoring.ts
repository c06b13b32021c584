import type { GradeBands } from '../rules/rule-values.js';
import type { AnnualOutcome } from '../staffing/vocabulary.js';
import type { IndicatorPart, Scorer } from './vocabulary.js';

// R25: the monthly total of one worker, from the team's indicator template, the community's share
// where it applies, and the attendance deduction. Scores are kept in tenths of a point (integers),
// so totals never drift by floating-point rounding.

export interface Indicator {
  id: string;
  name: string;
  part: IndicatorPart;
  scorer: Scorer;
  /** Maximum points, in tenths (10 = 1 point). */
  pointsTenths: number;
}

export interface TemplateShape {
  indicators: readonly Indicator[];
  /** Points taken off per absent day, in tenths. */
  absencePointsPerDayTenths: number;
}

export type TemplateProblem =
  | { kind: 'no_indicators' }
  | { kind: 'points_not_100'; sumTenths: number }
  | { kind: 'duplicate_id'; id: string }
  | { kind: 'no_points'; id: string };

/** A template's indicators are worth 100 points in all, each more than zero, ids unique. */
export function checkTemplate(t: TemplateShape): TemplateProblem[] {
  if (t.indicators.length === 0) return [{ kind: 'no_indicators' }];
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  for (const i of t.indicators) {
    if (seen.has(i.id)) problems.push({ kind: 'duplicate_id', id: i.id });
    seen.add(i.id);
    if (i.pointsTenths <= 0) problems.push({ kind: 'no_points', id: i.id });
  }
  const sum = t.indicators.reduce((s, i) => s + i.pointsTenths, 0);
  if (sum !== 1000) problems.push({ kind: 'points_not_100', sumTenths: sum });
  return problems;
}

export interface MonthlyInput {
  /** Score per indicator id, in tenths; a missing indicator counts as not yet scored. */
  scores: Readonly<Record<string, number>>;
  absenceDays: number;
  /** The community's share in percent where the team holds one (R4), else null. */
  communitySharePercent: number | null;
}

export interface MonthlyScore {
  /** The daily-managing unit's part after weighting, in tenths. */
  unitTenths: number;
  /** The community's part after weighting, in tenths (0 without a share). */
  communityTenths: number;
  deductionTenths: number;
  totalTenths: number;
  /** Indicators without a score yet. */
  missing: string[];
}

const sumOf = (items: readonly Indicator[], scores: Readonly<Record<string, number>>) => items.reduce((s, i) => s + (scores[i.id] ?? 0), 0);
const maxOf = (items: readonly Indicator[]) => items.reduce((s, i) => s + i.pointsTenths, 0);

/**
 * R25: business part + conduct part. With a community share s%, the community-scored indicators
 * are worth s% of the total and the unit's indicators the rest, each scaled from its own maximum;
 * without one, every indicator is the unit's and the total is their sum. Absence days are then
 * deducted (R23), and the total is kept within 0–100.
 */
export function monthlyScore(template: TemplateShape, input: MonthlyInput): MonthlyScore {
  const missing = template.indicators.filter((i) => input.scores[i.id] === undefined).map((i) => i.id);
  const share = input.communitySharePercent;
  let unitTenths: number;
  let communityTenths = 0;
  if (share === null) {
    unitTenths = sumOf(template.indicators, input.scores);
  } else {
    const unit = template.indicators.filter((i) => i.scorer === 'unit');
    const community = template.indicators.filter((i) => i.scorer === 'community');
    unitTenths = maxOf(unit) === 0 ? 0 : Math.round((sumOf(unit, input.scores) * (100 - share) * 10) / maxOf(unit));
    communityTenths = maxOf(community) === 0 ? 0 : Math.round((sumOf(community, input.scores) * share * 10) / maxOf(community));
  }
  const deductionTenths = input.absenceDays * template.absencePointsPerDayTenths;
  const totalTenths = Math.min(1000, Math.max(0, unitTenths + communityTenths - deductionTenths));
  return { unitTenths, communityTenths, deductionTenths, totalTenths, missing };
}

/** R25: the grade of a total (in tenths) by the dated bands. */
export function gradeOf(totalTenths: number, bands: GradeBands): AnnualOutcome {
  if (totalTenths >= bands.excellent * 10) return 'excellent';
  if (totalTenths >= bands.pass * 10) return 'pass';
  if (totalTenths >= bands.basic_pass * 10) return 'basic_pass';
  return 'fail';
}

/** A score cell's problem: above the indicator's points, negative, or not a tenth of a point. */
export function scoreProblem(indicator: Indicator, tenths: number): 'negative' | 'above_points' | 'not_tenths' | null {
  if (!Number.isInteger(tenths)) return 'not_tenths';
  if (tenths < 0) return 'negative';
  if (tenths > indicator.pointsTenths) return 'above_points';
  return null;
}
