import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../features/demo/demo-users.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { buildApp } from '../http/app.js';
import { prewarmImportWorker } from '../features/import/prepare-on-worker.js';
import { openKeyring } from '../features/crypto/key-check.js';
import { checkpointFilePath } from '../features/audit/checkpoint-file.js';
import { startCheckpointer } from '../features/audit/checkpointer.js';
import { systemClock, uuidv7 } from '../runtime.js';
import { StartupError } from '../startup-error.js';
import type { Database } from '../db/database.js';
import type { Runtime } from '../runtime.js';
import { isClusterWorker, runWorkers, workerCount } from './cluster.js';

async function prepareDatabase(database: Database, runtime: Runtime, demo: boolean): Promise<void> {
  const empty = !(await database.db.selectFrom('towns').select('id').limit(1).executeTakeFirst());
  // An existing SQLite file with no town is not "new": it may be a restore or copy gone wrong, and the
  // demo's known password must never land in it (#13 item 6). Only a file this start created gets it.
  if (empty && demo && database.kind === 'sqlite' && !database.createdNow) {
    console.log(`数据库 ${database.location} 中没有任何镇，未载入演示镇（只有本次新建的数据库文件才载入）。需要演示数据请运行 gongyi seed-demo。`);
  } else if (empty && demo) {
    await seedDemo(database, runtime);
    console.log(
      `空数据库：已载入演示镇 小昆山镇（松昆府字〔2012〕100号 的组织架构）与演示账号 ${DEMO_USERS.map((u) => u.username).join('、')}，` +
        `密码均为 ${DEMO_PASSWORD}（仅演示模式；正式使用请以 --no-demo 启动并用 gongyi user create 建立账号）。`,
    );
  }
}

export async function serveCommand(flags: { port?: string | undefined; host?: string | undefined; demo: boolean; workers?: string | undefined }): Promise<void> {
  const config = loadConfig({ ...process.env, ...(flags.port ? { PORT: flags.port } : {}), ...(flags.host ? { HOST: flags.host } : {}) });
  const workers = workerCount(flags.workers ?? process.env.GONGYI_WORKERS);
  const worker = isClusterWorker();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The primary of several workers migrates and seeds once, then only supervises.
  // A restricted PostgreSQL role (docs/security.md) cannot run DDL: its owner migrates instead.
  if (!worker && process.env.GONGYI_SKIP_MIGRATIONS !== '1') await migrateToLatest(database);
  // Before the first request: the key must be the database's own (#13 item 4).
  const runtime = { clock: systemClock, newId: uuidv7(), keyring: await openKeyring(database, config.dataDir), checkpointFile: checkpointFilePath(config.dataDir) };
  if (!worker) await prepareDatabase(database, runtime, flags.demo);
  if (workers > 1 && !worker) {
    await database.close();
    const { address } = await runWorkers(workers);
    console.log(`Gongyi 已启动：http://${address}，${workers} 个服务进程（数据库：${database.kind} ${database.location}）`);
    return;
  }
  const app = await buildApp({
    database,
    runtime,
    webDir: config.webDir,
    trustProxy: config.trustProxy,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    loginRateLimit: loginRateLimit(process.env.GONGYI_LOGIN_RATE_LIMIT),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await database.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`端口 ${config.port} 已被占用。请停止占用它的程序，或换一个端口：PORT=${config.port + 1} npm start`);
    if (code === 'EACCES') throw new StartupError(`没有权限监听端口 ${config.port}。请用 1024 以上的端口，例如 PORT=8080。`);
    throw e;
  }
  // A roster import's worker thread, started now rather than in the first import's request (#4).
  void prewarmImportWorker();
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (!worker) console.log(`Gongyi 已启动：${address}  （数据库：${database.kind} ${database.location}；接口文档 ${address}/api/docs）`);
  const checkpointer = startCheckpointer(database, runtime, checkpointMinutes(process.env.GONGYI_CHECKPOINT_MINUTES));
  const stop = async () => {
    await app.close();
    await checkpointer.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Minutes between checkpoints of the audit and ledger chains (default 10). */
function checkpointMinutes(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  const n = Number(value);
  if (!(n > 0 && n <= 24 * 60)) throw new StartupError(`GONGYI_CHECKPOINT_MINUTES=${value} 应为 1–1440 之间的分钟数。`);
  return n;
}

/** Sign-in attempts per minute per address (default 10); browser tests that sign in many people raise it. */
function loginRateLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new StartupError(`GONGYI_LOGIN_RATE_LIMIT=${value} 不是正整数。`);
  return n;
}
