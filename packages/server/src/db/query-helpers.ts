import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Page, PageQuery } from '@gongyi/domain';

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
