import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeCost, sourceAllows, type Earmark } from './earmarks.js';
import { TOWN_SUBSIDY } from './vocabulary.js';

// #8 part 3 (R20, R22): a run's cost attributed to sources by the earmarks, the town subsidy covering the rest.

const SOURCES = ['city', 'district', 'disability', TOWN_SUBSIDY];
const disability: Earmark = { sourceCode: 'disability', teamId: 'zhucan', expenseClass: 'personnel' };

describe('attributeCost', () => {
  it('draws a team’s earmarked source first, keeps it from other teams, and leaves the rest to the town subsidy', () => {
    const available = new Map([['city', 250], ['disability', 80]]);
    const parts = attributeCost([{ teamId: 'zhulao', amountFen: 200 }, { teamId: 'zhucan', amountFen: 150 }], SOURCES, available, [disability], 'personnel');
    expect(parts).toEqual([
      { teamId: 'zhulao', sourceCode: 'city', amountFen: 200 },
      { teamId: 'zhucan', sourceCode: 'disability', amountFen: 80 },
      { teamId: 'zhucan', sourceCode: 'city', amountFen: 50 },
      { teamId: 'zhucan', sourceCode: TOWN_SUBSIDY, amountFen: 20 },
    ]);
    expect(sourceAllows([disability], 'disability', 'zhulao', 'personnel')).toBe(false);
    expect(sourceAllows([disability], 'disability', 'zhulao', 'special')).toBe(true);
  });

  it('adds up per team, never draws a source beyond what is held, and honours every earmark (property)', () => {
    const team = fc.constantFrom('zhucan', 'zhulao', 'baojie');
    fc.assert(
      fc.property(
        fc.array(fc.record({ teamId: team, amountFen: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 6 }),
        fc.array(fc.record({ sourceCode: fc.constantFrom('city', 'district', 'disability'), teamId: fc.option(team, { nil: null }), expenseClass: fc.constant('personnel' as const) }), { maxLength: 3 }),
        fc.tuple(fc.nat(20_000), fc.nat(20_000), fc.nat(20_000), fc.nat(20_000)),
        (costs, earmarks, held) => {
          const available = new Map(SOURCES.map((s, i) => [s, held[i]!]));
          const parts = attributeCost(costs, SOURCES, available, earmarks, 'personnel');
          const drawn = new Map<string, number>();
          for (const p of parts) {
            expect(p.amountFen).toBeGreaterThan(0);
            expect(sourceAllows(earmarks, p.sourceCode, p.teamId, 'personnel')).toBe(true);
            drawn.set(p.sourceCode, (drawn.get(p.sourceCode) ?? 0) + p.amountFen);
          }
          for (const s of SOURCES) if (s !== TOWN_SUBSIDY) expect(drawn.get(s) ?? 0).toBeLessThanOrEqual(available.get(s)!);
          const due = new Map<string, number>();
          for (const c of costs) due.set(c.teamId, (due.get(c.teamId) ?? 0) + c.amountFen);
          const paid = new Map<string, number>();
          for (const p of parts) paid.set(p.teamId, (paid.get(p.teamId) ?? 0) + p.amountFen);
          for (const [t, amount] of due) expect(paid.get(t) ?? 0).toBe(amount);
          // The subsidy pays only what the allowed sources could not: then they are used up for that class.
          const subsidy = drawn.get(TOWN_SUBSIDY) ?? 0;
          const unused = SOURCES.filter((s) => s !== TOWN_SUBSIDY).reduce((n, s) => n + available.get(s)! - (drawn.get(s) ?? 0), 0);
          if (subsidy > 0 && earmarks.length === 0) expect(unused).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
