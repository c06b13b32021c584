import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ConnectOptions } from '../packages/server/src/index.ts';
import type { Backend } from './scenario.ts';

// Fresh, empty databases for one iteration each: a temp SQLite file, or a new PostgreSQL database
// created through the server's `postgres` database and dropped afterwards.

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/gongyi_bench';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL base URL to use, or why PostgreSQL is skipped. */
export async function postgresUrl(): Promise<{ url: string } | { skipped: string }> {
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG_URL;
  try {
    await admin(url, (c) => c.query('select 1'));
    return { url };
  } catch (e) {
    const why = `PostgreSQL at ${new URL(url).host} unreachable (${(e as Error).message})`;
    if (process.env.BENCH_DATABASE_URL) throw new Error(`BENCH_DATABASE_URL: ${why}`, { cause: e });
    return { skipped: why };
  }
}

export interface FreshDatabase {
  target: ConnectOptions;
  drop(): Promise<void>;
}

export async function freshDatabase(backend: Backend, pgUrl: string | undefined, n: number): Promise<FreshDatabase> {
  if (backend === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-bench-'));
    return {
      target: { sqliteFile: path.join(dir, 'gongyi.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!pgUrl) throw new Error('postgres backend without a URL');
  const name = `${new URL(pgUrl).pathname.slice(1) || 'gongyi_bench'}_${process.pid}_${n}`;
  await admin(pgUrl, (c) => c.query(`drop database if exists "${name}" with (force)`).then(() => c.query(`create database "${name}"`)));
  return {
    target: { databaseUrl: withDatabase(pgUrl, name) },
    drop: () => admin(pgUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
