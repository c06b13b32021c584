import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DB, NewRow } from './schema.js';

export type BulkTable = 'persons' | 'posts' | 'active_id_register' | 'quota_lines' | 'agreements';
export type BulkInsert = <T extends BulkTable>(table: T, rows: NewRow<T>[]) => Promise<void>;

/**
 * Inserts many rows inside the open transaction. On SQLite one prepared statement runs per row on
 * the transaction's own connection (better-sqlite3 is synchronous and single-connection, so the
 * rows join the transaction); this is ~5× faster than multi-row statements that must each be
 * parsed. On PostgreSQL, multi-row statements in chunks under the parameter limit.
 */
export function bulkInserter(database: Database, trx: Transaction<DB>): BulkInsert {
  const raw = database.sqlite;
  return async (table, rows) => {
    if (rows.length === 0) return;
    if (raw) {
      const columns = Object.keys(rows[0]!);
      const statement = raw.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) statement.run(...columns.map((c) => (row as Record<string, unknown>)[c] ?? null));
      return;
    }
    const chunk = Math.floor(30_000 / Object.keys(rows[0]!).length);
    for (let i = 0; i < rows.length; i += chunk) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await trx.insertInto(table).values(rows.slice(i, i + chunk) as any).execute();
    }
  };
}
