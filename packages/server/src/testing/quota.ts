import type { Api } from './harness.js';

/**
 * R9: a new quota plan version (from `validFrom`) adding room to some teams by name, with their
 * category and the total raised to match; how tests that register workers make their vacancies.
 */
export async function widenQuota(hr: Api, extra: Record<string, number>, validFrom = '2026-03-01'): Promise<void> {
  const teams = (await hr('GET', '/teams?pageSize=100')).body.items as { id: string; name: string; categoryId: string }[];
  const [plan] = (await hr('GET', '/quota/plans')).body as { total: number; categories: { categoryId: string; quota: number }[]; teams: { teamId: string; quota: number }[] }[];
  if (!plan) throw new Error('the demo town has no quota plan');
  const add = (teamId: string) => extra[teams.find((t) => t.id === teamId)?.name ?? ''] ?? 0;
  const categoryOf = (teamId: string) => teams.find((t) => t.id === teamId)?.categoryId;
  const res = await hr('POST', '/quota/plans', {
    validFrom,
    total: plan.total + Object.values(extra).reduce((s, n) => s + n, 0),
    basis: '测试：增加职数',
    categories: plan.categories.map((c) => ({ ...c, quota: c.quota + plan.teams.filter((t) => categoryOf(t.teamId) === c.categoryId).reduce((s, t) => s + add(t.teamId), 0) })),
    teams: plan.teams.map((t) => ({ ...t, quota: t.quota + add(t.teamId) })),
  });
  if (res.status !== 201) throw new Error(`widenQuota: ${res.status} ${JSON.stringify(res.body)}`);
}
