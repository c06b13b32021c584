import { randomBytes } from 'node:crypto';
import { isValidIdNumber } from '@gongyi/domain';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { DEMO_PASSWORD } from '../features/demo/demo-users.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { testKeyring } from '../features/crypto/keyring.js';
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

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** A JSON call against the app; a url without /api/ is taken under the town (/api/towns/:townId). */
export type Api = (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TestTown {
  app: App;
  database: Database;
  runtime: Runtime & { clock: ReturnType<typeof fixedClock> };
  townId: string;
  townCode: string;
  /** Signed in as the demo system administrator `admin`. */
  api: Api;
  /** Signs in as another demo user (DEMO_PASSWORD) and returns that user's client. */
  as(username: string): Promise<Api>;
  /** A client with no session at all. */
  anonymous: Api;
  close(): Promise<void>;
}

interface Credentials {
  cookie: string;
  csrf: string;
}

export const uniqueCode = (prefix = 't') => `${prefix}-${randomBytes(6).toString('hex')}`;

function client(app: App, townId: string, credentials: Credentials | null): Api {
  return async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/towns/${townId}${url}`,
      headers: {
        'accept-language': 'zh-CN',
        ...(credentials ? { cookie: credentials.cookie, 'x-csrf-token': credentials.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json') && !url.endsWith('/reveal')) assertNoClearIdNumber(method, url, res.body);
    return { status: res.statusCode, body: type.includes('json') ? res.json() : res.rawPayload };
  };
}

/**
 * #4: every JSON response of the whole suite is scanned for an unmasked resident ID number; only
 * the audited reveal endpoint may return one.
 */
export function assertNoClearIdNumber(method: string, url: string, body: string): void {
  for (const match of body.matchAll(/(?<![0-9])[0-9]{17}[0-9X](?![0-9])/g)) {
    if (isValidIdNumber(match[0])) throw new Error(`${method} ${url} returned an unmasked ID number ${match[0].slice(0, 6)}…`);
  }
}

export async function signIn(app: App, townCode: string, username: string, password = DEMO_PASSWORD): Promise<Credentials> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode, username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken };
}

/** A fresh demo town of its own for one test (the notice's organisation, R1–R5, and demo users; with `payroll`, last month's locked sheets and a pay policy). */
export async function demoTown(options: { loginRateLimit?: number; payroll?: boolean; database?: Database } = {}): Promise<TestTown> {
  const database = options.database ?? (await openTestDatabase());
  const clock = fixedClock();
  const runtime = { clock, newId: uuidv7(clock), keyring: testKeyring() };
  const townCode = uniqueCode('town');
  const { townId } = await seedDemo(database, runtime, townCode, { payroll: options.payroll ?? false });
  await refreshPlannerStatistics(database);
  const app = await buildApp({ database, runtime, loginRateLimit: options.loginRateLimit ?? 10_000 });
  const admin = await signIn(app, townCode, 'admin');
  return {
    app,
    database,
    runtime,
    townId,
    townCode,
    api: client(app, townId, admin),
    as: async (username) => client(app, townId, await signIn(app, townCode, username)),
    anonymous: client(app, townId, null),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Each test queries a town made a moment before. With autovacuum off (as on our CI machines) no
 * statistics name it, so the planner takes its rows for one and nests loops over hundreds: the roster's
 * facets took seconds and timed out under load. PostgreSQL towns are long-lived and analyzed by
 * autovacuum in production; here each new town is analyzed at once (a whole-database ANALYZE samples,
 * ~0.2 s).
 */
async function refreshPlannerStatistics(database: Database): Promise<void> {
  if (database.kind === 'postgres') await sql`analyze`.execute(database.db);
}

export async function auditCount(database: Database, townId: string): Promise<number> {
  const r = await database.db
    .selectFrom('audit_log')
    .where('town_id', '=', townId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
