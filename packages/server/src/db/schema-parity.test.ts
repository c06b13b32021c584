import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { openTestDatabase } from '../testing/harness.js';

// Both databases must end with the same tables and columns. Each backend's run compares its
// migrated schema with one committed snapshot, so SQLite and PostgreSQL are held to the same file.
// After adding a migration, refresh it with UPDATE_SCHEMA_SNAPSHOT=1 npm test and review the diff.

const SNAPSHOT = new URL('./schema-snapshot.json', import.meta.url);

type Schema = Record<string, { name: string; type: string; nullable: boolean }[]>;

/** integer/text are the only column types used; both engines report them under these names. */
function normaliseType(type: string): string {
  const t = type.toLowerCase();
  if (t === 'integer' || t === 'int' || t === 'int4' || t === 'bigint') return 'integer';
  if (t === 'text' || t.startsWith('character varying')) return 'text';
  return t;
}

async function readSchema(database: Database): Promise<Schema> {
  const schema: Schema = {};
  if (database.kind === 'postgres') {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
      select table_name, column_name, data_type, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name, ordinal_position`.execute(database.db);
    for (const r of rows) (schema[r.table_name] ??= []).push({ name: r.column_name, type: normaliseType(r.data_type), nullable: r.is_nullable === 'YES' });
    return schema;
  }
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name`.execute(database.db);
  for (const { name } of tables) {
    const { rows } = await sql<{ name: string; type: string; notnull: number; pk: number }>`select * from pragma_table_info(${name})`.execute(database.db);
    // SQLite lets primary-key columns declared without NOT NULL be null; ours always declare it.
    schema[name] = rows.map((c) => ({ name: c.name, type: normaliseType(c.type), nullable: c.notnull === 0 }));
  }
  return schema;
}

describe('schema parity between SQLite and PostgreSQL', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('matches the committed snapshot, table for table and column for column', async () => {
    const schema = await readSchema(database);
    const sorted = Object.fromEntries(Object.entries(schema).sort(([a], [b]) => a.localeCompare(b)));
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, `${JSON.stringify(sorted, null, 2)}\n`);
    const expected = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Schema;
    expect(sorted).toEqual(expected);
  });

  /** Deployment-wide data, the same for every town (Citus reference tables): the towns themselves, the national holiday calendar (#6) and the data keys' check values (#13). */
  const REFERENCE_TABLES = ['towns', 'calendar_days', 'key_checks'];
  it('carries the town (tenant) on every business table', async () => {
    const schema = await readSchema(database);
    const withoutTown = Object.entries(schema)
      .filter(([table, cols]) => !REFERENCE_TABLES.includes(table) && !cols.some((c) => c.name === 'town_id'))
      .map(([table]) => table);
    expect(withoutTown).toEqual([]);
  });
});
