import { makeIdNumber, type CreateWorker } from '@gongyi/domain';
import { seedDemo, systemClock, testKeyring, uuidv7, type Database, type Runtime } from '../packages/server/src/index.ts';
import { allCommunities } from '../packages/server/src/features/communities/communities.service.ts';
import { demoIdentity, demoWorkers, type DemoOrg } from '../packages/server/src/features/demo/demo-workers.ts';
import { DATES } from '../packages/server/src/features/demo/xiaokunshan.ts';
import { SYSTEM } from '../packages/server/src/features/policy.ts';
import { allTeams } from '../packages/server/src/features/teams/teams.service.ts';
import { importWorkers } from '../packages/server/src/features/workers/worker-import.service.ts';
import { inTransaction, type ReadContext } from '../packages/server/src/http/context.ts';

// Synthetic workers by the hundred thousand, for the scenarios that need a big town.

/** The runtime of every scenario: testKeyring is key k1 = 32 bytes of 7 (GONGYI_SECRET_KEY below). */
export const benchRuntime = (): Runtime => ({ clock: systemClock, newId: uuidv7(), keyring: testKeyring() });
export const BENCH_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export const DEMO_WORKERS = 659;

/** The demo town's organisation as demoWorkers takes it (as seed-demo.ts builds it). */
export async function demoOrg(ctx: ReadContext, townId: string): Promise<DemoOrg> {
  const teams = await allTeams(ctx, townId, { on: DATES.integration });
  const communities = await allCommunities(ctx, townId, {});
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, managingUnits: t.assignment?.managingUnits ?? [], communityShare: t.assignment?.communityScoreShare ?? false })),
    communityIds: communities.map((c) => c.id),
  };
}

/**
 * `count` workers in the demo proportions. demoWorkers numbers IDs region + birth + (n % 999), which
 * repeats past 999 rows, so each block of 999 rows gets a region of its own (52xxxx, unused by the
 * demo's 310117 and by demoIdentity's 3xxxxx): every ID number is unique in the deployment.
 */
export function manyWorkers(org: DemoOrg, count: number): CreateWorker[] {
  // Per-team sizes are rounded, so ask for a little more and cut.
  const rows = demoWorkers(org, demoIdentity('bench'), Math.ceil(count * 1.001) + 20).slice(0, count);
  if (rows.length !== count) throw new Error(`demoWorkers gave ${rows.length} rows, wanted ${count}`);
  return rows.map((w, k) => {
    const id = w.person.idNumber;
    const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const region = `52${String(Math.floor(k / 999)).padStart(4, '0')}`;
    return { ...w, person: { ...w.person, idNumber: makeIdNumber(region, born, (k % 999) + 1) } };
  });
}

/**
 * The demo town with no headcount plan: the demo's quotas (#5, R9) hold the 小昆山镇 of ~700 places,
 * and R10 would refuse a roster of 100,000 into them. Without a plan a town is not limited.
 */
export async function benchTown(database: Database, runtime: Runtime): Promise<string> {
  const { townId } = await seedDemo(database, runtime);
  await database.db.deleteFrom('quota_lines').where('town_id', '=', townId).execute();
  await database.db.deleteFrom('quota_plans').where('town_id', '=', townId).execute();
  return townId;
}

/** Seeds the demo town (659 workers, the demo users) and tops it up to `total` workers in one transaction. */
export async function bigTown(database: Database, total: number): Promise<{ townId: string; org: DemoOrg }> {
  const runtime = benchRuntime();
  const townId = await benchTown(database, runtime);
  const org = await inTransaction(database, runtime, { actor: SYSTEM, requestId: 'bench', ip: '127.0.0.1' }, async (ctx) => {
    const found = await demoOrg(ctx, townId);
    const result = await importWorkers(ctx, townId, manyWorkers(found, total - DEMO_WORKERS));
    if (result.created !== total - DEMO_WORKERS) throw new Error(`created ${result.created} of ${total - DEMO_WORKERS} workers`);
    return found;
  });
  return { townId, org };
}
