import type { Transaction } from 'kysely';
import type { Database, DatabaseKind, Executor } from '../db/database.js';
import { bulkInserter, bulkUpserter, type BulkInsert, type BulkUpsert } from '../db/bulk-insert.js';
import { bulkReader, bulkUpdater, bulkValuesInserter, type BulkInsertValues, type BulkRead, type BulkUpdate } from '../db/bulk-rows.js';
import type { DB } from '../db/schema.js';
import type { Clock, IdGenerator, Runtime } from '../runtime.js';
import type { Keyring } from '../features/crypto/keyring.js';
import type { Action, Actor } from '../features/policy.js';

/** What a service needs to read: the executor, the clock and who asks. */
export interface ReadContext {
  db: Executor;
  kind: DatabaseKind;
  clock: Clock;
  keyring: Keyring;
  actor: Actor;
  /** The action the route performs (for the audit record's grant). */
  action?: Action | undefined;
}

/** What a service needs to change data: one open transaction (every mutating request is one). */
export interface MutationContext extends ReadContext {
  db: Transaction<DB>;
  newId: IdGenerator;
  /** Many rows at once, inside this transaction (db/bulk-insert.ts). */
  insertRows: BulkInsert;
  /** Many rows given as arrays of values, inside this transaction (db/bulk-rows.ts: a 100k-row import). */
  insertValues: BulkInsertValues;
  /** Many rows inserted or updated by key, inside this transaction. */
  upsertRows: BulkUpsert;
  /** Many rows read as arrays of values, inside this transaction (db/bulk-rows.ts). */
  readRows: BulkRead;
  /** Many existing rows updated in the columns that change, inside this transaction (db/bulk-rows.ts). */
  updateRows: BulkUpdate;
  requestId: string;
  ip: string;
}

export interface RequestMeta {
  actor: Actor;
  action?: Action | undefined;
  requestId: string;
  ip: string;
}

/**
 * Runs `work` in one transaction: it commits only if `work` returns, so a failed request writes
 * nothing, and the audit record written inside it commits or rolls back with the change.
 */
export function inTransaction<T>(
  database: Database,
  runtime: Runtime,
  meta: RequestMeta,
  work: (ctx: MutationContext) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute((trx) =>
    work({ db: trx, kind: database.kind, clock: runtime.clock, newId: runtime.newId, keyring: runtime.keyring, insertRows: bulkInserter(database, trx), insertValues: bulkValuesInserter(database, trx), upsertRows: bulkUpserter(database, trx), readRows: bulkReader(database, trx), updateRows: bulkUpdater(database, trx), ...meta }),
  );
}
