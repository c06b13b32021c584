import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../packages/server/src/index.ts';
import { DEMO_PASSWORD } from '../../packages/server/src/features/demo/demo-users.ts';
import { TOWN } from '../../packages/server/src/features/demo/xiaokunshan.ts';
import { LOAD_CPU, load, loadMetrics, pinSelf, SERVER_WORKERS, signIn, startServer } from '../load.ts';
import { defineScenario } from '../scenario.ts';
import { bigTown } from '../workers.ts';

// The roster at 100,000 workers under a sustained 1,000 requests/s (#4 part 9: p99 ≤ 50 ms).
// Untimed: the demo town topped up to 100,000 workers, the app server started in its own process
// and signed in as `hr` (town scope). Timed: 20 s of GET /workers at the fixed rate, after 5 s of
// warm-up; "size" is the requests completed. BENCH_RATE, BENCH_SECONDS and BENCH_CONNECTIONS change
// rate, length and connections. autocannon's rate is a quota per connection per second, sent as fast
// as answers come: each second starts with a burst as wide as the connections, so latency grows with
// them. The default is autocannon's own (10), as `autocannon -R 1000` would run.

const WORKERS = 100_000;
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 5;
if (!(RATE >= 1 && RATE <= 5000 && SECONDS >= 1 && SECONDS <= 120 && CONNECTIONS >= 1 && CONNECTIONS <= 500)) {
  throw new Error('BENCH_RATE must be 1–5000, BENCH_SECONDS 1–120 and BENCH_CONNECTIONS 1–500');
}

/** What a clerk does: mostly paging the whole roster by name, some filtered views. */
function rosterPaths(townId: string, teamId: (name: string) => string): string[] {
  const base = `/api/towns/${townId}/workers?pageSize=20`;
  const pages = (query: string, n: number) => Array.from({ length: n }, (_, i) => `${base}${query}&page=${i + 1}`);
  return [
    ...pages('', 50),
    ...pages(`&teamId=${teamId('社区巡逻')}`, 5), // a large team (~14% of workers)
    ...pages(`&teamId=${teamId('特种设备协管')}`, 5), // a small one (~1%)
    ...pages('&status=active', 5),
    ...pages(`&q=${encodeURIComponent('王')}`, 5),
  ];
}

export default defineScenario({
  name: 'roster 100k',
  iterations: 1,
  async run({ backend, target, time }) {
    const database = await openDatabase(target);
    let built: Awaited<ReturnType<typeof bigTown>>;
    try {
      await migrateToLatest(database);
      built = await bigTown(database, WORKERS);
      // What autovacuum does within a minute of a bulk load (statistics, visibility map for index-only scans).
      if (backend === 'postgres') await sql`vacuum analyze`.execute(database.db);
    } finally {
      await database.close();
    }
    const teamId = (name: string) => built.org.teams.find((t) => t.name === name)!.id;
    const paths = rosterPaths(built.townId, teamId);

    const server = await startServer(target.databaseUrl ?? target.sqliteFile!);
    let serverRssMb = 0;
    try {
      const cookie = await signIn(server.url, { townCode: TOWN.code, username: 'hr', password: DEMO_PASSWORD });
      // Every path once, in turn: each answers 200 with a full page (the first of each filter also
      // counts its total, uncached); the slowest is reported as "cold max ms".
      let coldMaxMs = 0;
      for (const path of paths) {
        const start = performance.now();
        const res = await fetch(server.url + path, { headers: { cookie } });
        const body = (await res.json()) as { items?: unknown[]; total?: number };
        coldMaxMs = Math.max(coldMaxMs, performance.now() - start);
        if (res.status !== 200 || body.items?.length !== 20) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      const pinned = pinSelf(LOAD_CPU);
      const options = { url: server.url, paths, headers: { cookie }, rate: RATE, connections: CONNECTIONS };
      await load({ ...options, seconds: WARMUP_SECONDS });
      const result = await time(() => load({ ...options, seconds: SECONDS }));
      serverRssMb = await server.stop();
      return { size: result.requests.total, metrics: { ...loadMetrics(result, serverRssMb), 'cold max ms': Math.round(coldMaxMs), connections: CONNECTIONS, pinned: pinned ? 1 : 0, 'server workers': SERVER_WORKERS } };
    } finally {
      if (!serverRssMb) await server.stop().catch(() => undefined);
    }
  },
});
