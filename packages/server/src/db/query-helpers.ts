import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Page, PageQuery } from '@gongyi/domain';
import type { DatabaseKind } from './database.js';
import type { DB } from './schema.js';

/** Rows in force on `on`: valid_from ≤ on ≤ valid_to (open-ended when valid_to is null), R5. */
export function inForceOn<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  on: string,
  prefix = '',
): Expression<SqlBool> {
  const from = sql.ref(`${prefix}valid_from`);
  const to = sql.ref(`${prefix}valid_to`);
  return sql<SqlBool>`(${from} <= ${on} and (${to} is null or ${to} >= ${on}))`;
}

/** A LIKE pattern matching `q` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function likeEscaped(column: string, q: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${containsPattern(q)} escape '\\'`;
}

export function offsetOf(query: Pick<PageQuery, 'page' | 'pageSize'>): number {
  return (query.page - 1) * query.pageSize;
}

export function toPage<T>(items: T[], total: number, query: Pick<PageQuery, 'page' | 'pageSize'>): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** 0/1 columns (both databases store booleans as integers). */
export const toFlag = (b: boolean): number => (b ? 1 : 0);
export const fromFlag = (n: number): boolean => n === 1;

/** Orders rows by a text column in the order of `values` (e.g. the vocabulary's order), others last. */
export function orderOf(column: string, values: readonly string[]): Expression<number> {
  const cases = values.map((v, i) => sql`when ${v} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.ref(column)} ${sql.join(cases, sql` `)} else ${sql.lit(values.length)} end`;
}

/** Tables whose rows are keyed (town_id, id): every state machine's row is one. */
export type TownRowTable = { [K in keyof DB]: DB[K] extends { town_id: string; id: string } ? K : never }[keyof DB];

/**
 * #13 item 2, the one way a state transition starts: it locks the row it moves and reads it again,
 * inside the request's transaction, before checking the state it moves from. Of twenty identical
 * requests (or an approve racing a reject) the first moves the row and the others, queued on the
 * lock, read the moved row and are refused by the state check. On PostgreSQL the lock is
 * FOR NO KEY UPDATE: it queues writers of the row but not inserts of rows that merely reference it
 * (foreign keys take KEY SHARE), which FOR UPDATE would block. SQLite needs no lock: every
 * transaction is BEGIN IMMEDIATE (db/connect.ts), so writers already run one at a time.
 * Transitions that lock several rows lock them in one order: the person before anything of theirs.
 */
export async function lockRow<T extends TownRowTable>(
  ctx: { db: Transaction<DB>; kind: DatabaseKind },
  table: T,
  townId: string,
  id: string,
): Promise<Selectable<DB[T]> | undefined> {
  const [row] = await lockRows(ctx, table, townId, [id]);
  return row;
}

/** Several rows of one table at once, locked in the order of their ids (so two batches cannot deadlock). */
export async function lockRows<T extends TownRowTable>(
  ctx: { db: Transaction<DB>; kind: DatabaseKind },
  table: T,
  townId: string,
  ids: readonly string[],
): Promise<Selectable<DB[T]>[]> {
  if (ids.length === 0) return [];
  const lock = ctx.kind === 'postgres' ? sql` for no key update` : sql``;
  const rows: Selectable<DB[T]>[] = [];
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 500) {
    const chunk = sorted.slice(i, i + 500);
    const { rows: found } = await sql<Selectable<DB[T]>>`select * from ${sql.table(table)} where town_id = ${townId} and id in (${sql.join(chunk)}) order by id${lock}`.execute(ctx.db);
    rows.push(...found);
  }
  return rows;
}
