// Headcount quotas (R9) and "one out, one in" (R10), as pure arithmetic over a plan and the posts
// that fill it. The server enforces the same checks inside the transaction that changes a post.

export interface QuotaPlanShape {
  total: number;
  categories: readonly { categoryId: string; quota: number }[];
  teams: readonly { teamId: string; categoryId: string; quota: number }[];
}

export type QuotaProblem =
  | { kind: 'teams_exceed_category'; categoryId: string; sum: number; quota: number }
  | { kind: 'categories_exceed_total'; sum: number; quota: number }
  | { kind: 'team_without_category_quota'; teamId: string; categoryId: string };

function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((s, i) => s + value(i), 0);
}

/** R9: team quotas never sum past their category's, categories never past the total. */
export function checkQuotaPlan(plan: QuotaPlanShape): QuotaProblem[] {
  const problems: QuotaProblem[] = [];
  const categorySum = sumBy(plan.categories, (c) => c.quota);
  if (categorySum > plan.total) problems.push({ kind: 'categories_exceed_total', sum: categorySum, quota: plan.total });
  for (const c of plan.categories) {
    const sum = sumBy(plan.teams.filter((t) => t.categoryId === c.categoryId), (t) => t.quota);
    if (sum > c.quota) problems.push({ kind: 'teams_exceed_category', categoryId: c.categoryId, sum, quota: c.quota });
  }
  for (const t of plan.teams) {
    if (!plan.categories.some((c) => c.categoryId === t.categoryId)) problems.push({ kind: 'team_without_category_quota', teamId: t.teamId, categoryId: t.categoryId });
  }
  return problems;
}

/** Posts holding a place per team: filled (active or suspended, on the roster) and reserved (an approved hire). */
export interface TeamOccupancy {
  teamId: string;
  categoryId: string;
  filled: number;
  reserved: number;
}

export interface QuotaLine {
  quota: number | null;
  filled: number;
  reserved: number;
  /** quota − filled − reserved; null where no quota is set. */
  vacancies: number | null;
  over: boolean;
}

function line(quota: number | null, filled: number, reserved: number): QuotaLine {
  const vacancies = quota === null ? null : quota - filled - reserved;
  return { quota, filled, reserved, vacancies, over: vacancies !== null && vacancies < 0 };
}

export interface QuotaBoardFigures {
  total: QuotaLine;
  categories: Map<string, QuotaLine>;
  teams: Map<string, QuotaLine>;
}

/** The quota board's figures at every level (R9, R10). Teams or categories without a quota line show null quota. */
export function quotaBoard(plan: QuotaPlanShape | null, occupancy: readonly TeamOccupancy[]): QuotaBoardFigures {
  const teams = new Map<string, QuotaLine>();
  const teamIds = new Set([...(plan?.teams.map((t) => t.teamId) ?? []), ...occupancy.map((o) => o.teamId)]);
  for (const id of teamIds) {
    const o = occupancy.filter((x) => x.teamId === id);
    teams.set(id, line(plan?.teams.find((t) => t.teamId === id)?.quota ?? null, sumBy(o, (x) => x.filled), sumBy(o, (x) => x.reserved)));
  }
  const categories = new Map<string, QuotaLine>();
  const categoryIds = new Set([...(plan?.categories.map((c) => c.categoryId) ?? []), ...occupancy.map((o) => o.categoryId)]);
  for (const id of categoryIds) {
    const o = occupancy.filter((x) => x.categoryId === id);
    categories.set(id, line(plan?.categories.find((c) => c.categoryId === id)?.quota ?? null, sumBy(o, (x) => x.filled), sumBy(o, (x) => x.reserved)));
  }
  const total = line(plan?.total ?? null, sumBy(occupancy, (x) => x.filled), sumBy(occupancy, (x) => x.reserved));
  return { total, categories, teams };
}

export type QuotaBreach = { level: 'total' } | { level: 'category'; categoryId: string } | { level: 'team'; teamId: string };

/**
 * R10: where occupancy passes the plan. Only levels that the given teams touch are checked, so a
 * plan made over-full by an earlier, approved change does not block unrelated teams.
 */
export function quotaBreaches(plan: QuotaPlanShape, occupancy: readonly TeamOccupancy[], touchedTeams: readonly string[]): QuotaBreach[] {
  const board = quotaBoard(plan, occupancy);
  const breaches: QuotaBreach[] = [];
  const touched = occupancy.filter((o) => touchedTeams.includes(o.teamId));
  for (const teamId of new Set(touched.map((o) => o.teamId))) {
    if (board.teams.get(teamId)?.over || board.teams.get(teamId)?.quota === null) breaches.push({ level: 'team', teamId });
  }
  for (const categoryId of new Set(touched.map((o) => o.categoryId))) {
    if (board.categories.get(categoryId)?.over || board.categories.get(categoryId)?.quota === null) breaches.push({ level: 'category', categoryId });
  }
  if (touched.length > 0 && board.total.over) breaches.push({ level: 'total' });
  return breaches;
}
