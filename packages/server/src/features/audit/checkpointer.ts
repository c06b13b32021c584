import type { Database } from '../../db/database.js';
import type { Runtime } from '../../runtime.js';
import { listTowns } from '../towns/towns.repository.js';
import { checkpointNow } from './audit.service.js';

// `gongyi serve` checkpoints every town's chain heads into the database and the checkpoint file at
// an interval (GONGYI_CHECKPOINT_MINUTES, default 10) and once more on shutdown (#13 item 7), so the
// file is at most one interval behind the chains; a town whose heads did not move gets no new line.

export async function checkpointAllTowns(database: Database, runtime: Runtime, reason: string): Promise<void> {
  for (const town of await listTowns(database.db, null)) await checkpointNow(database, runtime, town.id, reason);
}

export function startCheckpointer(database: Database, runtime: Runtime, minutes: number): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = (reason: string) =>
    (running = running.then(() => checkpointAllTowns(database, runtime, reason)).catch((e: unknown) => console.error(`检查点写入失败：${(e as Error).message}`)));
  const timer = setInterval(() => void run('interval'), minutes * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await run('shutdown');
    },
  };
}
