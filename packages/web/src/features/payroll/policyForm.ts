import {
  ANNUAL_OUTCOME_LABELS,
  CATEGORY_LABELS,
  FESTIVAL_LABELS,
  INSURANCE_KINDS,
  INSURANCE_LABELS,
  RULE_VALUES,
  SPECIAL_POST_LABELS,
  SPECIAL_POSTS,
  type CategoryCode,
  type PayPolicy,
  type RuleKey,
} from '@gongyi/domain';
import type { Lang, MessageKey, Translate } from '../../i18n';

// The pay policy as a form (#7 part 1): one description of its fields serves the form, the read-only
// view and the what-if page. The form keeps the API's field paths (so a server error naming
// "policy.annualBonusBp.public_service.pass" lands on its box) but holds yuan and percents.

export type FieldKind = 'fen' | 'bp' | 'months' | 'month';

export interface PolicyField {
  /** The path inside PayPolicy, e.g. ['welfareFen', 'spring_festival']. */
  path: string[];
  kind: FieldKind;
  label: (t: Translate, lang: Lang) => string;
  /** R19: a percent's allowed range comes from this category. */
  category?: CategoryCode;
}

export interface PolicySection {
  key: string;
  title: MessageKey;
  /** What the section applies, said once above its fields. */
  help: MessageKey;
  /** The rule values whose notice text is shown as the defaults' source. */
  sources: RuleKey[];
  fields: PolicyField[];
  /** The per-team base wage and bonus table goes in this section. */
  teams?: boolean;
}

const key = (k: MessageKey) => (t: Translate) => t(k);
const word = (labels: Record<string, { zh: string; en: string }>, k: string) => (_t: Translate, lang: Lang) => labels[k]![lang];
const GRADES = ['excellent', 'pass', 'basic_pass'] as const;
const CATEGORIES = ['social_coordination', 'public_service'] as const satisfies readonly CategoryCode[];

export const POLICY_SECTIONS: PolicySection[] = [
  {
    key: 'wage',
    title: 'payroll.policy.sec.wage',
    help: 'payroll.policy.sec.wageHelp',
    sources: ['pay.floorFen'],
    fields: [{ path: ['floorFen'], kind: 'fen', label: key('payroll.policy.floor') }],
    teams: true,
  },
  {
    key: 'allowance',
    title: 'payroll.policy.sec.allowance',
    help: 'payroll.policy.sec.allowanceHelp',
    sources: [],
    fields: [
      ...SPECIAL_POSTS.map((s): PolicyField => ({ path: ['specialAllowanceFen', s], kind: 'fen', label: word(SPECIAL_POST_LABELS, s) })),
      { path: ['elderlyHelpRateFen'], kind: 'fen', label: key('payroll.policy.elderlyHelpRate') },
    ],
  },
  {
    key: 'welfare',
    title: 'payroll.policy.sec.welfare',
    help: 'payroll.policy.sec.welfareHelp',
    sources: ['pay.welfareFen', 'pay.inKindYearCapFen'],
    fields: [
      ...(['new_year', 'spring_festival', 'may_day', 'national_day'] as const).map((f): PolicyField => ({ path: ['welfareFen', f], kind: 'fen', label: word(FESTIVAL_LABELS, f) })),
      ...(['lantern', 'dragon_boat', 'mid_autumn'] as const).map(
        (f): PolicyField => ({ path: ['inKind', 'perFestivalFen', f], kind: 'fen', label: (t, lang) => t('payroll.policy.inKindOf', { festival: FESTIVAL_LABELS[f][lang] }) }),
      ),
      { path: ['inKind', 'yearCapFen'], kind: 'fen', label: key('payroll.policy.inKindCap') },
    ],
  },
  {
    key: 'heat',
    title: 'payroll.policy.sec.heat',
    help: 'payroll.policy.sec.heatHelp',
    sources: ['pay.highTemperatureMonths', 'pay.highTemperatureYearCapFen'],
    fields: [
      { path: ['highTemperature', 'months'], kind: 'months', label: key('payroll.policy.heatMonths') },
      { path: ['highTemperature', 'monthlyFen'], kind: 'fen', label: key('payroll.policy.heatMonthly') },
      { path: ['highTemperature', 'yearCapFen'], kind: 'fen', label: key('payroll.policy.heatCap') },
    ],
  },
  {
    key: 'annual',
    title: 'payroll.policy.sec.annual',
    help: 'payroll.policy.sec.annualHelp',
    sources: ['pay.annualBonusRangeBp', 'pay.annualBonusMonth'],
    fields: [
      ...CATEGORIES.flatMap((c) =>
        GRADES.map(
          (g): PolicyField => ({
            path: ['annualBonusBp', c, g],
            kind: 'bp',
            category: c,
            label: (_t, lang) => `${CATEGORY_LABELS[c][lang]} · ${ANNUAL_OUTCOME_LABELS[g][lang]}`,
          }),
        ),
      ),
      { path: ['annualBonusMonth'], kind: 'month', label: key('payroll.policy.annualMonth') },
    ],
  },
  {
    key: 'deduction',
    title: 'payroll.policy.sec.deduction',
    help: 'payroll.policy.sec.deductionHelp',
    sources: [],
    fields: INSURANCE_KINDS.map((i): PolicyField => ({ path: ['deductionFen', i], kind: 'fen', label: word(INSURANCE_LABELS, i) })),
  },
];

type Tree = { [k: string]: Tree | number | number[] | null | undefined };

/** Walks a policy-shaped tree, changing each amount (under a "…Fen" key) and percent (under "…Bp"). */
function mapAmounts(tree: Tree, fen: (n: number) => number, bp: (n: number) => number, unit: 'fen' | 'bp' | null = null): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) {
    const here = k.endsWith('Bp') ? 'bp' : k.endsWith('Fen') ? 'fen' : unit;
    if (typeof v === 'number') out[k] = here === 'bp' ? bp(v) : here === 'fen' ? fen(v) : v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = mapAmounts(v, fen, bp, here);
    else out[k] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/** The form's copy of a policy: yuan (1570.00) for fen, percents (25) for basis points. */
export type PolicyFormValues = Record<string, unknown>;

export function policyToForm(policy: PayPolicy): PolicyFormValues {
  return mapAmounts(policy as unknown as Tree, (f) => f / 100, (b) => b / 100);
}

/** Back to the API: whole fen and basis points, rounded so 0.1 + 0.2 noise never reaches the server. */
export function formToPolicy(values: PolicyFormValues): PayPolicy {
  const whole = (n: number) => Math.round(n * 100);
  const policy = mapAmounts(values as Tree, whole, whole) as unknown as PayPolicy;
  return { ...policy, highTemperature: { ...policy.highTemperature, months: [...policy.highTemperature.months].sort((a, b) => a - b) } };
}

/** The value at a field's path. */
export function valueAt(policy: PayPolicy, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), policy);
}

/** The teams a policy form lists: the town's teams in their order, then any the policy names that the list no longer has. */
export function teamRows(policy: PayPolicy, teams: readonly { id: string; name: string }[]): { id: string; name: string | null }[] {
  const known = new Set(teams.map((x) => x.id));
  return [...teams.map((x) => ({ id: x.id, name: x.name })), ...Object.keys(policy.teams).filter((id) => !known.has(id)).map((id) => ({ id, name: null }))];
}

/** A policy whose team table has a row (of zeros) for every listed team, so the form can show them all. */
export function withTeams(policy: PayPolicy, teamIds: readonly string[]): PayPolicy {
  const teams = { ...policy.teams };
  for (const id of teamIds) teams[id] ??= { baseFen: 0, bonusFen: 0 };
  return { ...policy, teams };
}

/** The notice's wording behind a rule value in force on `on` (where the defaults come from). */
export function ruleSource(rule: RuleKey, on: string): string | undefined {
  const versions = RULE_VALUES[rule] as readonly { validFrom: string; source: string }[];
  return versions.filter((v) => v.validFrom <= on).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]?.source;
}

/** "1–3、6–9月" style month lists: 6,7,8,9 → "6–9月". */
export function monthsText(months: readonly number[], t: Translate): string {
  if (months.length === 0) return t('payroll.policy.noMonths');
  const sorted = [...months].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return t('payroll.policy.monthsOf', { months: runs.join(t('payroll.policy.monthsSep')) });
}
