import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuotaPlan, quotaBoard, quotaBreaches, type QuotaPlanShape, type TeamOccupancy } from './quota.js';

// R9, R10 as pure arithmetic: the server runs these same checks inside the transaction.

const plan: QuotaPlanShape = {
  total: 10,
  categories: [
    { categoryId: 'A', quota: 6 },
    { categoryId: 'B', quota: 4 },
  ],
  teams: [
    { teamId: 'a1', categoryId: 'A', quota: 3 },
    { teamId: 'a2', categoryId: 'A', quota: 3 },
    { teamId: 'b1', categoryId: 'B', quota: 4 },
  ],
};

describe('quota plans (R9)', () => {
  it('refuses teams that add up past their category and categories past the total', () => {
    expect(checkQuotaPlan(plan)).toEqual([]);
    expect(checkQuotaPlan({ ...plan, total: 9 })).toEqual([{ kind: 'categories_exceed_total', sum: 10, quota: 9 }]);
    expect(checkQuotaPlan({ ...plan, teams: [...plan.teams, { teamId: 'a3', categoryId: 'A', quota: 1 }] })).toEqual([{ kind: 'teams_exceed_category', categoryId: 'A', sum: 7, quota: 6 }]);
    expect(checkQuotaPlan({ ...plan, teams: [{ teamId: 'c1', categoryId: 'C', quota: 1 }] })).toEqual([{ kind: 'team_without_category_quota', teamId: 'c1', categoryId: 'C' }]);
  });
});

type Op = { kind: 'hire'; team: string } | { kind: 'exit'; team: string } | { kind: 'transfer'; from: string; to: string };
const TEAMS = ['a1', 'a2', 'b1'];
const categoryOf = (team: string) => plan.teams.find((t) => t.teamId === team)!.categoryId;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('hire' as const), team: fc.constantFrom(...TEAMS) }),
  fc.record({ kind: fc.constant('exit' as const), team: fc.constantFrom(...TEAMS) }),
  fc.record({ kind: fc.constant('transfer' as const), from: fc.constantFrom(...TEAMS), to: fc.constantFrom(...TEAMS) }),
);

/** Applies an operation the way the server does: change, then refuse (roll back) on any breach of a touched level. */
function apply(filled: Map<string, number>, o: Op): Map<string, number> {
  const next = new Map(filled);
  const add = (team: string, n: number) => next.set(team, (next.get(team) ?? 0) + n);
  if (o.kind === 'hire') add(o.team, 1);
  if (o.kind === 'exit') {
    if ((filled.get(o.team) ?? 0) === 0) return filled;
    add(o.team, -1);
  }
  if (o.kind === 'transfer') {
    if ((filled.get(o.from) ?? 0) === 0 || o.from === o.to) return filled;
    add(o.from, -1);
    add(o.to, 1);
  }
  const touched = o.kind === 'transfer' ? [o.to] : [o.team];
  return quotaBreaches(plan, occupancy(next), touched).length > 0 ? filled : next;
}
const occupancy = (filled: Map<string, number>): TeamOccupancy[] => TEAMS.map((t) => ({ teamId: t, categoryId: categoryOf(t), filled: filled.get(t) ?? 0, reserved: 0 }));

describe('one out, one in (R10)', () => {
  it('keeps filled ≤ quota at every level, and vacancies = quota − filled, after any sequence of hires, exits and transfers', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let filled = new Map<string, number>();
        for (const o of ops) {
          filled = apply(filled, o);
          const board = quotaBoard(plan, occupancy(filled));
          for (const line of [board.total, ...board.categories.values(), ...board.teams.values()]) {
            expect(line.filled).toBeLessThanOrEqual(line.quota!);
            expect(line.vacancies).toBe(line.quota! - line.filled);
            expect(line.over).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts an approved hire as holding its place', () => {
    const board = quotaBoard(plan, [{ teamId: 'a1', categoryId: 'A', filled: 2, reserved: 1 }]);
    expect(board.teams.get('a1')).toEqual({ quota: 3, filled: 2, reserved: 1, vacancies: 0, over: false });
    expect(quotaBreaches(plan, [{ teamId: 'a1', categoryId: 'A', filled: 3, reserved: 1 }], ['a1'])).toEqual([{ level: 'team', teamId: 'a1' }]);
  });
});
