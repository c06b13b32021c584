import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

// A database of its own for a test that must see the whole deployment — key check values, a backup
// and its restore — rather than one town in the suite's shared database. Same engine as the suite.

export interface FreshDatabase {
  /** Open and migrated (unless `migrate: false`). */
  database: Database;
  dataDir: string;
  /** The environment that points the `gongyi` command at this database and data folder. */
  env: Record<string, string>;
  /** Closes it and removes the folder (and the PostgreSQL database). */
  drop(): Promise<void>;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** An empty database (created, not opened): a SQLite folder with no file yet, or a new PostgreSQL database. */
export async function emptyDatabaseEnv(): Promise<{ dataDir: string; env: Record<string, string>; url: string | null; remove(): Promise<void> }> {
  const target = inject('testDatabase');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-fresh-'));
  if (target.kind === 'sqlite') {
    return { dataDir, url: null, env: { GONGYI_DATA_DIR: dataDir, DATABASE_URL: '' }, remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = new URL(target.url);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_${randomBytes(4).toString('hex')}`;
  url.pathname = `/${name}`;
  await adminQuery(target.url, `create database "${name}"`);
  return {
    dataDir,
    url: url.toString(),
    env: { GONGYI_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    remove: async () => {
      await adminQuery(target.url, `drop database if exists "${name}" with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freshDatabase(options: { migrate?: boolean } = {}): Promise<FreshDatabase> {
  const empty = await emptyDatabaseEnv();
  const database = await openDatabase({ databaseUrl: empty.url ?? undefined, dataDir: empty.dataDir });
  if (options.migrate !== false) await migrateToLatest(database);
  return {
    database,
    dataDir: empty.dataDir,
    env: empty.env,
    drop: async () => {
      await database.close();
      await empty.remove();
    },
  };
}
