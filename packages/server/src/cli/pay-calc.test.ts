import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioSchema } from '@gongyi/domain';
import type { z } from 'zod';
import type { PayCalcOutput } from './pay-calc.js';

// `gongyi pay calc` as a real process: a scenario on stdin, the year's pay on stdout. The scenario
// and February's output are the ones docs/pay-calc.md prints, so the document cannot drift.

const BIN = new URL('../../bin/gongyi.js', import.meta.url).pathname;
const DOC = readFileSync(new URL('../../../../docs/pay-calc.md', import.meta.url), 'utf8');
const [SCENARIO, FEBRUARY] = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

function payCalc(input: string) {
  const r = spawnSync(process.execPath, [BIN, 'pay', 'calc'], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const withScenario = (change: (s: z.input<typeof ScenarioSchema>) => void) => {
  const s = JSON.parse(SCENARIO!) as z.input<typeof ScenarioSchema>;
  change(s);
  return JSON.stringify(s);
};
const months = (out: PayCalcOutput, kind: string) => out.months.map((m) => m.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0));

describe('gongyi pay calc (#7 part 6)', () => {
  it('prints the documented scenario\u2019s year: February as in docs/pay-calc.md, the floor, the caps and the annual bonus', () => {
    const r = payCalc(SCENARIO!);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as PayCalcOutput;
    expect(out).toMatchObject({ year: 2026, policySource: 'scenario', festivalDates: { spring_festival: '2026-02-17', lantern: '2026-03-03' } });
    expect(out.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(out.months[1]).toEqual(JSON.parse(FEBRUARY!));
    expect(out.months[0]!.lines).toEqual([]); // not yet in post
    expect(months(out, 'floor_top_up')[3]).toBe(37_000); // April: 55 points, R14
    expect(months(out, 'high_temperature')).toEqual([0, 0, 0, 0, 0, 30_000, 30_000, 30_000, 10_000, 0, 0, 0]); // R17 cap
    expect(out.annualBonus).toMatchObject({ amountFen: 163_243, rule: 'R19' });
    expect(out.totalNetFen).toBe(out.months.reduce((s, m) => s + m.netFen, 0));
  });

  it('without a policy uses the notice\u2019s defaults at zero team amounts and says so on stderr', () => {
    const r = payCalc(withScenario((s) => delete s.policy));
    expect(r.code).toBe(0);
    expect(r.err).toContain('未提供 policy');
    const out = JSON.parse(r.out) as PayCalcOutput;
    expect(out.policySource).toBe('default');
    expect(months(out, 'base').every((fen) => fen === 0)).toBe(true);
    expect(months(out, 'floor_top_up')[2]).toBe(157_000);
  });

  it('refuses text that is not JSON with one clear line, exit code 2, no stack', () => {
    const r = payCalc('{"year": 2026,');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('输入不是有效的 JSON');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(payCalc('').err).toContain('标准输入为空');
  });

  it('names every bad field: schema, the notice\u2019s limits (R14, R19) and month keys', () => {
    const r = payCalc(
      withScenario((s) => {
        s.worker.periods[0]!.from = '2026-02-30';
        s.worker.categoryCode = 'sanitation' as never;
        s.policy!.floorFen = 0;
      }),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('worker.periods.0.from：不是有效日期');
    expect(r.err).toContain('worker.categoryCode：取值无效');
    expect(r.err).not.toMatch(/\n\s+at /);
    const limits = payCalc(
      withScenario((s) => {
        s.policy!.floorFen = 0;
        s.policy!.annualBonusBp.social_coordination.excellent = 3000;
        s.monthlyTotals = { '13': 80, '2': 86.25 };
      }),
    );
    expect(limits.code).toBe(2);
    expect(limits.err).toContain('policy.floorFen：月收入保底不得低于 1570.00 元（R14）');
    expect(limits.err).toContain('policy.annualBonusBp.social_coordination.excellent：年度考核奖比例须在 2%–25% 之间（R19）');
    expect(limits.err).toContain('monthlyTotals.13：月份应为 1–12');
    expect(limits.err).toContain('monthlyTotals.2：月度考核分最多保留一位小数');
  });
});
