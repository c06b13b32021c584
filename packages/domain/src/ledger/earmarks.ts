import type { Fen } from '../money.js';
import type { ExpenseClass } from './vocabulary.js';
import { TOWN_SUBSIDY } from './vocabulary.js';

// #8 part 3: earmark rules say which source may pay which team or expense class (e.g. the district
// disability fund for 助残 work). A run's cost is attributed to sources by them, each source up to
// what the coop holds of it, and the town subsidy covers the rest (R20, R22).

export interface Earmark {
  sourceCode: string;
  /** null = any team. */
  teamId: string | null;
  expenseClass: ExpenseClass;
}

/** A source with earmarks for a class pays only those teams; without any it pays every team; the town subsidy pays anything. */
export function sourceAllows(earmarks: readonly Earmark[], sourceCode: string, teamId: string, cls: ExpenseClass): boolean {
  if (sourceCode === TOWN_SUBSIDY) return true;
  const own = earmarks.filter((e) => e.sourceCode === sourceCode && e.expenseClass === cls);
  return own.length === 0 || own.some((e) => e.teamId === null || e.teamId === teamId);
}

export interface Attribution {
  teamId: string;
  sourceCode: string;
  amountFen: Fen;
}

/**
 * Each team's cost to sources, in `sources` order (the town subsidy last, whatever the order), each
 * source drawn up to `available` of it; what no source covers goes to the town subsidy. The parts of
 * a team add up to its cost exactly.
 */
export function attributeCost(costs: readonly { teamId: string; amountFen: Fen }[], sources: readonly string[], available: ReadonlyMap<string, Fen>, earmarks: readonly Earmark[], cls: ExpenseClass): Attribution[] {
  const left = new Map(available);
  const out: Attribution[] = [];
  for (const { teamId, amountFen } of costs) {
    let due = amountFen;
    for (const source of sources) {
      if (due <= 0 || source === TOWN_SUBSIDY || !sourceAllows(earmarks, source, teamId, cls)) continue;
      const take = Math.min(due, Math.max(0, left.get(source) ?? 0));
      if (take <= 0) continue;
      out.push({ teamId, sourceCode: source, amountFen: take });
      left.set(source, (left.get(source) ?? 0) - take);
      due -= take;
    }
    if (due !== 0) out.push({ teamId, sourceCode: TOWN_SUBSIDY, amountFen: due });
  }
  return out;
}
