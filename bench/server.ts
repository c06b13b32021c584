import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { buildApp, openDatabase } from '../packages/server/src/index.ts';
import { benchRuntime } from './workers.ts';

// The app server of a load scenario, in a process of its own (see serve.ts): argv <sqlite file |
// postgres url>. Listens on 127.0.0.1 at a free port and sends { port } over IPC; on any message it
// sends { maxRssMb } (its peak RSS) and exits at once: an overloaded server may still hold thousands
// of queued requests, which need no answer. Same app and log level as `gongyi serve`.

// BENCH_SERVER_WORKERS=N > 1: N such servers under node:cluster (as `gongyi serve --workers N`),
// sharing the port; the primary reports the port and the sum of the workers' peak RSS.
const workers = Number(process.env.BENCH_SERVER_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  const ports = await Promise.all(forked.map((w) => new Promise<number>((resolve) => w.once('listening', (a) => resolve(a.port)))));
  process.send!({ port: ports[0] });
  process.once('message', async () => {
    const rss = await Promise.all(
      forked.map((w) => new Promise<number>((resolve) => (w.once('message', (m: { maxRssMb: number }) => resolve(m.maxRssMb)), w.send('stop')))),
    );
    process.send!({ maxRssMb: rss.reduce((a, b) => a + b, 0) }, () => process.exit(0));
  });
  process.once('disconnect', () => process.exit(1));
} else {
  await serve();
}

async function serve() {
  const where = process.argv[2]!;
  const database = await openDatabase(where.startsWith('postgres') ? { databaseUrl: where } : { sqliteFile: where });
  const app = await buildApp({ database, runtime: benchRuntime(), logger: { level: 'warn' } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: (app.server.address() as AddressInfo).port });
  process.once('message', () => {
    process.send!({ maxRssMb: process.resourceUsage().maxRSS / 1024 }, () => process.exit(0));
  });
  // The scenario process died: do not outlive it.
  process.once('disconnect', () => process.exit(1));
}
