import {
  AGREEMENT_EVENTS,
  checkQuotaPlan,
  type Agreement,
  type AgreementEvent,
  type Grant,
  type QuotaBoard,
  type QuotaPlan,
  type QuotaPlanInput,
  type QuotaProblem,
} from '@gongyi/domain';

// The #5 pages' logic that is not React: what a selection of agreements allows, who witnesses,
// the quota plan form, and what a decision must explain.

/** The steps every selected agreement allows (the batch buttons enabled), in the state machine's order. */
export function commonEvents(agreements: readonly Pick<Agreement, 'allowedEvents'>[]): AgreementEvent[] {
  if (agreements.length === 0) return [];
  return AGREEMENT_EVENTS.filter((e) => agreements.every((a) => a.allowedEvents.includes(e)));
}

/**
 * The department that witnesses (R6): the one the user's supervising-department grant names, else
 * the selected agreements' own supervising department when they share one; undefined when neither
 * settles it (the server then says which agreement the department does not supervise).
 */
export function witnessDepartmentOf(
  grants: readonly Pick<Grant, 'role' | 'scopeKind' | 'scopeId'>[],
  agreements: readonly Pick<Agreement, 'supervisingDepartmentId'>[],
): string | undefined {
  const granted = grants.find((g) => g.role === 'supervising_dept' && g.scopeKind === 'department' && g.scopeId)?.scopeId;
  if (granted) return granted;
  const ids = new Set(agreements.map((a) => a.supervisingDepartmentId));
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** The department a department user files for (a quota proposal), from their grants. */
export function ownDepartmentOf(grants: readonly Pick<Grant, 'scopeKind' | 'scopeId'>[]): string | undefined {
  return grants.find((g) => g.scopeKind === 'department' && g.scopeId)?.scopeId ?? undefined;
}

/** Whole days from `today` to `day` (negative when past), both YYYY-MM-DD. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

// ---------- the quota plan form (R9) ----------

export interface PlanValues {
  total?: number | null;
  basis?: string;
  /** Category id → quota. */
  categories?: Record<string, number | null | undefined>;
  /** Team id → quota. */
  teams?: Record<string, number | null | undefined>;
}

/** The form starts from the plan in force (or the newest), else from the board's figures. */
export function planValuesOf(board: QuotaBoard, plans: readonly QuotaPlan[]): PlanValues {
  const plan = plans.find((p) => p.id === board.plan?.id) ?? plans[0];
  const categories: Record<string, number | null> = {};
  const teams: Record<string, number | null> = {};
  for (const c of board.categories) categories[c.id] = plan?.categories.find((x) => x.categoryId === c.id)?.quota ?? c.quota;
  for (const t of board.teams) teams[t.id] = plan?.teams.find((x) => x.teamId === t.id)?.quota ?? t.quota;
  return { total: plan?.total ?? board.total.quota, basis: plan?.basis ?? '', categories, teams };
}

/** The request body: blank numbers are left out (no quota set for that line). */
export function planInputOf(values: PlanValues, validFrom: string): QuotaPlanInput {
  const entries = (record: Record<string, number | null | undefined> | undefined) =>
    Object.entries(record ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number');
  return {
    validFrom,
    total: values.total ?? 0,
    basis: values.basis?.trim() ?? '',
    categories: entries(values.categories).map(([categoryId, quota]) => ({ categoryId, quota })),
    teams: entries(values.teams).map(([teamId, quota]) => ({ teamId, quota })),
  };
}

/** R9's checks on the form as typed, so the user sees a sum that overshoots before saving. */
export function planProblems(values: PlanValues, board: QuotaBoard): QuotaProblem[] {
  const input = planInputOf(values, '2000-01-01');
  const categoryOf = new Map(board.teams.map((t) => [t.id, t.categoryId]));
  return checkQuotaPlan({
    total: input.total,
    categories: input.categories,
    teams: input.teams.map((t) => ({ ...t, categoryId: categoryOf.get(t.teamId) ?? '' })),
  });
}

/** A proposal's decision needs a reason when it rejects, or approves a number other than the one asked for. */
export function decisionNeedsReason(decision: 'approve' | 'reject' | undefined, requested: number, quota: number | null | undefined): boolean {
  if (decision === 'reject') return true;
  return decision === 'approve' && typeof quota === 'number' && quota !== requested;
}
