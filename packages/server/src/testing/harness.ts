import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { buildApp } from '../http/app.js';
import type { App } from '../http/route-kit.js';
import { uuidv7, type Clock, type Runtime } from '../runtime.js';

/** A clock the test moves by hand. Starts at 2026-03-15 10:00 Shanghai unless told otherwise. */
export function fixedClock(iso = '2026-03-15T10:00:00+08:00'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
}

export async function openTestDatabase(): Promise<Database> {
  const target = inject('testDatabase');
  return target.kind === 'postgres' ? openDatabase({ databaseUrl: target.url }) : openDatabase({ sqliteFile: target.file });
}

export interface TestTown {
  app: App;
  database: Database;
  runtime: Runtime & { clock: ReturnType<typeof fixedClock> };
  townId: string;
  /** GET/POST/PATCH against the town's API, JSON in and out. */
  api: (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export const uniqueCode = (prefix = 't') => `${prefix}-${randomBytes(6).toString('hex')}`;

/** A fresh demo town of its own for one test (the notice's organisation, R1–R5). */
export async function demoTown(): Promise<TestTown> {
  const database = await openTestDatabase();
  const clock = fixedClock();
  const runtime = { clock, newId: uuidv7(clock) };
  const { townId } = await seedDemo(database, runtime, uniqueCode('town'));
  const app = await buildApp({ database, runtime });
  const api: TestTown['api'] = async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/towns/${townId}${url}`,
      headers: { 'accept-language': 'zh-CN', ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: type.includes('json') ? res.json() : res.rawPayload };
  };
  return {
    app,
    database,
    runtime,
    townId,
    api,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function auditCount(database: Database, townId: string): Promise<number> {
  const r = await database.db
    .selectFrom('audit_log')
    .where('town_id', '=', townId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
