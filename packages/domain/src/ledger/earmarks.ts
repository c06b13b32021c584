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

/** A source earmarked for this team (or for every team) in this class: drawn before the unrestricted ones. */
function earmarkedFor(earmarks: readonly Earmark[], sourceCode: string, teamId: string, cls: ExpenseClass): boolean {
  return earmarks.some((e) => e.sourceCode === sourceCode && e.expenseClass === cls && (e.teamId === null || e.teamId === teamId));
}

/**
 * Each team's cost to sources: first the sources earmarked for the team, then the unrestricted ones,
 * each group in `sources` order, each source drawn up to `available` of it; what no source covers
 * goes to the town subsidy (last, whatever the order). Earmarked money goes first so that it is not
 * left idle while unrestricted money — which other teams could use — pays its teams and the town
 * subsidy makes up the difference (R22: the town pays only the shortfall). The parts of a team add
 * up to its cost exactly.
 */
export function attributeCost(costs: readonly { teamId: string; amountFen: Fen }[], sources: readonly string[], available: ReadonlyMap<string, Fen>, earmarks: readonly Earmark[], cls: ExpenseClass): Attribution[] {
  const left = new Map(available);
  const out: Attribution[] = [];
  for (const { teamId, amountFen } of costs) {
    let due = amountFen;
    const ordered = [...sources.filter((s) => earmarkedFor(earmarks, s, teamId, cls)), ...sources.filter((s) => !earmarkedFor(earmarks, s, teamId, cls))];
    for (const source of ordered) {
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
