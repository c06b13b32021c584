import { shanghaiTimestamp } from '@gongyi/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// Counters in a window, with a block that grows (#13): sign-in failures per username and source
// address, and per username across all sources; ID reveals per user. One row per key in
// `rate_limits`, counted by one upsert so two requests at once cannot both read the old count.

export type RateKind = 'login' | 'reveal';

export interface RateKey {
  townId: string;
  kind: RateKind;
  /** The username typed (sign-in) or the user's id (reveal). */
  subject: string;
  /** The client address, or '*' for a count across all addresses. */
  source: string;
}

export interface RateRule {
  /** A count older than this is forgotten; the window starts at the first count. */
  windowSeconds: number;
  /** The count at which the block starts. */
  threshold: number;
  /** The block at the threshold, doubled for each count beyond it, at most maxBlockSeconds; 0 = no block. */
  baseBlockSeconds: number;
  maxBlockSeconds: number;
}

const at = (instant: Date, seconds: number) => shanghaiTimestamp(new Date(instant.getTime() + seconds * 1000));

const keyed = (db: Executor, key: Omit<RateKey, 'source'>) =>
  db.selectFrom('rate_limits').where('town_id', '=', key.townId).where('kind', '=', key.kind).where('subject', '=', key.subject);

/** The latest block among `sources` of one subject still running at `now`, or null. */
export async function blockedUntil(db: Executor, key: Omit<RateKey, 'source'>, sources: string[], now: Date): Promise<string | null> {
  const row = await keyed(db, key)
    .where('source', 'in', sources)
    .where('blocked_until', '>', shanghaiTimestamp(now))
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .executeTakeFirst();
  return (row?.until as string | null | undefined) ?? null;
}

/** The block a count earns under `rule` (null below the threshold). */
export function blockFor(count: number, rule: RateRule, now: Date): string | null {
  if (count < rule.threshold || rule.baseBlockSeconds === 0) return null;
  const seconds = Math.min(rule.maxBlockSeconds, rule.baseBlockSeconds * 2 ** Math.min(count - rule.threshold, 30));
  return at(now, seconds);
}

/** Counts one event; returns the count in the window and the block it earned (if any). */
export async function countEvent(db: Executor, key: RateKey, rule: RateRule, now: Date): Promise<{ count: number; blockedUntil: string | null }> {
  const stamp = shanghaiTimestamp(now);
  const windowOver = sql<boolean>`${sql.ref('rate_limits.window_started_at')} <= ${at(now, -rule.windowSeconds)}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ town_id: key.townId, kind: key.kind, subject: key.subject, source: key.source, count: 1, window_started_at: stamp, blocked_until: null, updated_at: stamp })
    .onConflict((oc) =>
      oc.columns(['town_id', 'kind', 'subject', 'source']).doUpdateSet({
        count: sql<number>`case when ${windowOver} then 1 else ${sql.ref('rate_limits.count')} + 1 end`,
        window_started_at: sql<string>`case when ${windowOver} then ${stamp} else ${sql.ref('rate_limits.window_started_at')} end`,
        updated_at: stamp,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  const until = blockFor(count, rule, now);
  if (until) {
    await db.updateTable('rate_limits').set({ blocked_until: until }).where('town_id', '=', key.townId).where('kind', '=', key.kind).where('subject', '=', key.subject).where('source', '=', key.source).execute();
  }
  return { count, blockedUntil: until };
}

/** Forgets the counts of a subject: all its sources, or the ones named. */
export async function clearCounts(db: Executor, key: Omit<RateKey, 'source'>, sources?: string[]): Promise<void> {
  let q = db.deleteFrom('rate_limits').where('town_id', '=', key.townId).where('kind', '=', key.kind).where('subject', '=', key.subject);
  if (sources) q = q.where('source', 'in', sources);
  await q.execute();
}

/** Seconds from `now` until `until`, rounded up (for Retry-After). */
export const secondsUntil = (until: string, now: Date) => Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
