import { openDatabase, type ConnectOptions } from '../packages/server/src/index.ts';
import { runEveryCoop } from './payroll-run.ts';

// The timed part of the payroll scenario in a process of its own, as an app server would run it:
// its peak RSS is the run's, not the 100k-worker set-up's. argv: <target json> <town id> <month>.
// Says "ready" once the database is open; runs on "go"; answers with the time, workers and peak RSS.

const [target, townId, month] = process.argv.slice(2) as [string, string, string];
const database = await openDatabase(JSON.parse(target) as ConnectOptions);
// What the process holds before the run (modules, the TypeScript loader, the connection), for telling the run's own share.
await database.db.selectFrom('towns').select('id').execute();
const idleRssMb = Math.round(process.memoryUsage().rss / 1048576);
process.send!('ready');
process.once('message', async () => {
  const start = performance.now();
  const runs = await runEveryCoop(database, townId, month);
  const ms = performance.now() - start;
  await database.close();
  process.send!({ ms, workers: runs.reduce((n, r) => n + r.workerCount, 0), idleRssMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, () => process.exit(0));
});
