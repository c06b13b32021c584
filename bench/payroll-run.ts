import type { RunDetail } from '@gongyi/domain';
import type { Database } from '../packages/server/src/index.ts';
import { createRun } from '../packages/server/src/features/payroll/runs.service.ts';
import { SYSTEM } from '../packages/server/src/features/policy.ts';
import { inTransaction } from '../packages/server/src/http/context.ts';
import { benchRuntime } from './workers.ts';

/** One monthly run per coop of the town, each in its own transaction (as the console does it). */
export async function runEveryCoop(database: Database, townId: string, month: string): Promise<RunDetail[]> {
  const coops = await database.db.selectFrom('coops').select('id').where('town_id', '=', townId).execute();
  const runs: RunDetail[] = [];
  for (const coop of coops) {
    runs.push(await inTransaction(database, benchRuntime(), { actor: SYSTEM, requestId: 'bench-payroll', ip: '127.0.0.1' }, (ctx) => createRun(ctx, townId, { kind: 'monthly', coopId: coop.id, month })));
  }
  return runs;
}
