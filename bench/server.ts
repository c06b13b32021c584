import type { AddressInfo } from 'node:net';
import { buildApp, openDatabase } from '../packages/server/src/index.ts';
import { benchRuntime } from './workers.ts';

// The app server of a load scenario, in a process of its own (see serve.ts): argv <sqlite file |
// postgres url>. Listens on 127.0.0.1 at a free port and sends { port } over IPC; on any message it
// sends { maxRssMb } (its peak RSS) and exits at once: an overloaded server may still hold thousands
// of queued requests, which need no answer. Same app and log level as `gongyi serve`.

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
