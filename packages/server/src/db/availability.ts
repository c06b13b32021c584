import { sql } from 'kysely';
import type { Database } from './database.js';

// #13 item 3: what a lost or refused database connection looks like, so that a request fails with
// a 503 the user can retry (never a 500, never a crashed process), and what /api/health runs.

/**
 * PostgreSQL SQLSTATEs and socket errors that mean "the database is not there right now":
 * 57P01–57P03 the server shut the session (pg_terminate_backend, restart, starting up), 53300 too
 * many connections, class 08 connection exceptions, and the node socket errors.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01', '57P02', '57P03', '53300',
  '08000', '08001', '08003', '08004', '08006', '08007', '08P01',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
]);

/** pg's own errors carry no code: a dropped socket, a client that saw one, a pool that could not connect in time. */
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /not queryable/i, /timeout exceeded when trying to connect/i, /Connection ended/i, /terminating connection/i];

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message));
}

/**
 * Transactions that met another on one row and lost: PostgreSQL's deadlock (40P01), serialization
 * failure (40001) and lock not available (55P03), SQLite's busy after its busy_timeout. Nothing was
 * written; the user refreshes and tries again.
 */
export function isLockConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '55P03' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export class DatabaseTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
  }
}

/** `select 1`, answered within `timeoutMs` or refused: what /api/health reports. */
export async function pingDatabase(database: Database, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(timeoutMs)), timeoutMs);
  });
  const probe = sql`select 1`.execute(database.db);
  probe.catch(() => undefined); // a probe that fails after the timeout has already answered
  try {
    await Promise.race([probe, timeout]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
