import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

// One database for the whole server suite, migrated once. Tests never truncate it: each test
// makes its own town (tenant), so files can run in parallel against the same database.

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  }
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/gongyi_test';

async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  if (process.env.GONGYI_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL;
    await ensurePgDatabase(url);
    const database = await openDatabase({ databaseUrl: url });
    await migrateToLatest(database);
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', url });
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-test-'));
  const file = path.join(dir, 'test.sqlite');
  const database = await openDatabase({ sqliteFile: file });
  await migrateToLatest(database);
  await database.close();
  project.provide('testDatabase', { kind: 'sqlite', file });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
