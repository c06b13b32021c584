import { Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** An open database: the query builder, which engine it is, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Human-readable location (file path, or URL without password) for messages. */
  location: string;
  close(): Promise<void>;
  /** SQLite: the file was created by this open (a new database, which alone may get the demo town). */
  createdNow?: boolean;
  /** SQLite only: an online backup to a new file. */
  backup?(file: string): Promise<void>;
  /** SQLite only: the connection itself, for bulk inserts through one prepared statement. */
  sqlite?: SqliteConnection;
}

/** The slice of better-sqlite3 the bulk writers and reader use. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; raw(on: boolean): { all(...params: unknown[]): unknown[] } };
}

/** A query executor: the database itself or an open transaction. Repositories take this first. */
export type Executor = Kysely<DB> | Transaction<DB>;
