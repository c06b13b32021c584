import { sql, type Compilable, type Transaction } from 'kysely';
import type { Database } from './database.js';
import type { BulkTable } from './bulk-insert.js';
import type { DB } from './schema.js';

// Many rows of one table read and written back inside the open transaction (a sheet's 5,000 rows,
// a city month's 100,000, #6 part 7), with less per row than Kysely's one object per row read and
// bulkUpserter's every column written.

/**
 * Runs a select and returns each row as an array of its values, in the select list's order.
 * SQLite: the statement in raw mode on the transaction's connection — better-sqlite3 builds no
 * object per row, which for 16 columns is about a third of the read. PostgreSQL: the rows as pg
 * returns them, their values in order.
 */
export type BulkRead = (query: Compilable<unknown>) => Promise<unknown[][]>;

export function bulkReader(database: Database, trx: Transaction<DB>): BulkRead {
  const raw = database.sqlite;
  return async (query) => {
    const compiled = query.compile();
    if (raw) return raw.prepare(compiled.sql).raw(true).all(...compiled.parameters) as unknown[][];
    return (await trx.executeQuery(compiled)).rows.map((r) => Object.values(r as Record<string, unknown>));
  };
}

/** A column a bulk update sets or finds rows by, with its PostgreSQL type (the rows travel there as one array per column). */
export type BulkColumn = readonly [name: string, pgType: 'text' | 'integer' | 'bigint'];

export interface BulkUpdateSpec {
  /** The columns set, in the order of each row's first values. */
  set: readonly BulkColumn[];
  /** The columns that find each row, in the order of each row's last values. On SQLite `rowid` may be one (read in the same transaction). */
  key: readonly BulkColumn[];
  /** Conditions every row meets (the town, the sheet): checked on each row found, never a value per row. */
  where: Readonly<Record<string, string | number>>;
}

/**
 * Updates columns of rows that exist, inside the open transaction; returns the rows changed. Each
 * row is the values of `set` then of `key`, in order. SQLite: one prepared UPDATE per row on the
 * transaction's own connection (as bulkInserter). PostgreSQL: one `UPDATE … FROM unnest(…)` per
 * 10,000 rows, each column one array parameter — a handful of parameters instead of one per value,
 * and only the columns that change (an upsert sends and rewrites every column).
 */
export type BulkUpdate = (table: string, spec: BulkUpdateSpec, rows: readonly (readonly unknown[])[]) => Promise<number>;

const CHUNK = 10_000;
const id = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function bulkUpdater(database: Database, trx: Transaction<DB>): BulkUpdate {
  const raw = database.sqlite;
  return async (table, spec, rows) => {
    if (rows.length === 0) return 0;
    const where = Object.entries(spec.where);
    const width = spec.set.length + spec.key.length;
    if (raw) {
      const statement = raw.prepare(
        `update ${id(table)} set ${spec.set.map(([c]) => `${id(c)} = ?`).join(', ')} where ${[...spec.key, ...where].map(([c]) => `${id(c)} = ?`).join(' and ')}`,
      );
      // One argument list reused for every row: the row's values, then the fixed conditions.
      const args: unknown[] = [...new Array<unknown>(width).fill(null), ...where.map(([, v]) => v)];
      let changed = 0;
      for (const row of rows) {
        for (let i = 0; i < width; i++) args[i] = row[i] ?? null;
        changed += (statement.run(args) as { changes: number }).changes;
      }
      return changed;
    }
    const columns = [...spec.set, ...spec.key];
    let changed = 0;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const arrays = columns.map(([, type], i) => sql`${chunk.map((r) => r[i] ?? null)}::${sql.raw(type)}[]`);
      const result = await sql`update ${sql.raw(id(table))} as t set ${sql.raw(spec.set.map(([c]) => `${id(c)} = v.${id(c)}`).join(', '))}
        from unnest(${sql.join(arrays)}) as v(${sql.raw(columns.map(([c]) => id(c)).join(', '))})
        where ${sql.raw(spec.key.map(([c]) => `t.${id(c)} = v.${id(c)}`).join(' and '))}${sql.join(
          where.map(([c, v]) => sql` and t.${sql.raw(id(c))} = ${v}`),
          sql``,
        )}`.execute(trx);
      changed += Number(result.numAffectedRows ?? 0);
    }
    return changed;
  };
}

/**
 * Inserts rows given as arrays of values, each in the order of `columns`, inside the open transaction
 * (a 100k-row import: no object per row on the way in). SQLite: one prepared single-row INSERT on the
 * transaction's own connection and one argument array reused for every row — a prepared INSERT of 20,
 * 50 or 100 rows measured 40–60 % slower (SQLite runs a multi-row VALUES as a co-routine). PostgreSQL:
 * one `INSERT … SELECT FROM unnest(…)` per 10,000 rows, each column one array parameter.
 */
export type BulkInsertValues = (table: BulkTable, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]) => Promise<void>;

export function bulkValuesInserter(database: Database, trx: Transaction<DB>): BulkInsertValues {
  const raw = database.sqlite;
  return async (table, columns, rows) => {
    if (rows.length === 0) return;
    const names = columns.map(([c]) => id(c)).join(', ');
    const width = columns.length;
    if (raw) {
      const statement = raw.prepare(`insert into ${id(table)} (${names}) values (${columns.map(() => '?').join(', ')})`);
      const args = new Array<unknown>(width);
      for (const row of rows) {
        for (let i = 0; i < width; i++) args[i] = row[i] ?? null;
        statement.run(args);
      }
      return;
    }
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const arrays = columns.map(([, type], i) => sql`${chunk.map((r) => r[i] ?? null)}::${sql.raw(type)}[]`);
      await sql`insert into ${sql.raw(id(table))} (${sql.raw(names)}) select * from unnest(${sql.join(arrays)})`.execute(trx);
    }
  };
}
