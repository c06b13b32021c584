import { defaultPolicy, type PayPolicy } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { formToPolicy, monthsText, POLICY_SECTIONS, policyToForm, ruleSource, teamRows, valueAt, withTeams } from './policyForm';

const policy: PayPolicy = {
  ...defaultPolicy('2026-01-01', ['team-a']),
  teams: { 'team-a': { baseFen: 120_000, bonusFen: 45_050 } },
  annualBonusBp: { social_coordination: { excellent: 2500, pass: 1250, basic_pass: 200 }, public_service: { excellent: 2800, pass: 1400, basic_pass: 250 } },
};
const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh', key, params);

describe('the policy as a form', () => {
  it('shows fen as yuan and basis points as percents, and leaves months alone', () => {
    const form = policyToForm(policy) as { policy?: never } & Record<string, unknown>;
    expect(form.floorFen).toBe(1570);
    expect(form.teams).toEqual({ 'team-a': { baseFen: 1200, bonusFen: 450.5 } });
    expect((form.welfareFen as Record<string, number>).spring_festival).toBe(500);
    expect((form.inKind as { perFestivalFen: Record<string, number> }).perFestivalFen.lantern).toBe(100);
    expect((form.annualBonusBp as Record<string, Record<string, number>>).public_service).toEqual({ excellent: 28, pass: 14, basic_pass: 2.5 });
    expect(form.annualBonusMonth).toBe(12);
    expect((form.highTemperature as { months: number[] }).months).toEqual([6, 7, 8, 9]);
  });

  it('comes back to whole fen and basis points, float noise rounded away', () => {
    expect(formToPolicy(policyToForm(policy))).toEqual(policy);
    const typed = policyToForm(policy) as Record<string, unknown>;
    typed.floorFen = 0.1 + 0.2 + 1600; // 1600.3000000000002
    (typed.annualBonusBp as Record<string, Record<string, number>>).social_coordination!.pass = 12.35;
    (typed.highTemperature as { months: number[] }).months = [9, 6, 7];
    const back = formToPolicy(typed);
    expect(back.floorFen).toBe(160_030);
    expect(back.annualBonusBp.social_coordination.pass).toBe(1235);
    expect(back.highTemperature.months).toEqual([6, 7, 9]);
  });

  it('describes every field of the policy once', () => {
    const paths = POLICY_SECTIONS.flatMap((s) => s.fields.map((f) => f.path.join('.')));
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) expect(valueAt(policy, p.split('.')), p).not.toBeUndefined();
    // every leaf except the team table
    expect(paths.length).toBe(1 + 3 + 1 + 4 + 3 + 1 + 3 + 6 + 1 + 3);
  });

  it('lists the town’s teams in order, then teams only the policy still names', () => {
    const teams = [
      { id: 'team-b', name: '社区巡逻' },
      { id: 'team-c', name: '河道保洁' },
    ];
    expect(teamRows(policy, teams)).toEqual([...teams, { id: 'team-a', name: null }]);
    expect(withTeams(policy, ['team-b']).teams).toEqual({ 'team-a': { baseFen: 120_000, bonusFen: 45_050 }, 'team-b': { baseFen: 0, bonusFen: 0 } });
  });

  it('names the notice behind a default and writes months as runs', () => {
    expect(ruleSource('pay.floorFen', '2026-01-01')).toContain('1570');
    expect(ruleSource('pay.floorFen', '2000-01-01')).toBeUndefined();
    expect(monthsText([9, 6, 7, 8], zh)).toBe('6–9月');
    expect(monthsText([1, 2, 7], zh)).toBe('1–2、7月');
    expect(monthsText([], zh)).toBe('不发放');
  });
});
