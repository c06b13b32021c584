import { shanghaiTimestamp, type AuditQuery } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { likeEscaped, offsetOf } from '../../db/query-helpers.js';
import type { MutationContext } from '../../http/context.js';
import { grantLabel } from '../policy.js';
import { auditHash, auditMac, GENESIS_HASH } from './chain.js';
import { CHECKPOINT_EVERY, writeCheckpoint } from './checkpoints.js';

export interface AuditEntry {
  townId: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'denied' | 'failed';
}

/**
 * Appends one hash-chained audit record inside the caller's transaction (R27, #3), with its keyed
 * MAC chained to the previous record's (#13 item 7); the first keyed record of a town and every
 * CHECKPOINT_EVERY-th are checkpointed in the same transaction. On PostgreSQL
 * the town row is locked first so that concurrent writers of one town take turns on the chain;
 * SQLite already serialises writers.
 */
export async function recordAudit(ctx: MutationContext, entry: AuditEntry): Promise<void> {
  if (ctx.kind === 'postgres') {
    // FOR NO KEY UPDATE: audit writers of one town queue on it, but it does not wait for the key-share
    // locks that inserting rows referencing the town take (which FOR UPDATE would, and deadlock).
    await ctx.db.selectFrom('towns').select('id').where('id', '=', entry.townId).forNoKeyUpdate().execute();
  }
  const last = await ctx.db
    .selectFrom('audit_log')
    .select(['seq', 'hash', 'mac'])
    .where('town_id', '=', entry.townId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const record = {
    town_id: entry.townId,
    seq: Number(last?.seq ?? 0) + 1,
    id: ctx.newId(),
    at: shanghaiTimestamp(ctx.clock.now()),
    actor_id: ctx.actor.id,
    actor: ctx.actor.display,
    grant_label: grantLabel(ctx.actor, ctx.action),
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: ctx.ip,
    request_id: ctx.requestId,
    result: entry.result ?? 'ok',
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(record);
  const prevMac = last?.mac ?? '';
  await ctx.db
    .insertInto('audit_log')
    .values({ ...record, hash, prev_mac: prevMac, mac: auditMac(ctx.keyring, { ...record, prev_mac: prevMac, hash }) })
    .execute();
  if (prevMac === '' || record.seq % CHECKPOINT_EVERY === 0) await writeCheckpoint(ctx, entry.townId, prevMac === '' ? 'first-keyed' : 'interval');
}

/** Every export is audited: what was taken out, with which filters, how many rows (#3). */
export async function recordExport<T>(ctx: MutationContext, townId: string, objectType: string, filters: unknown, rows: T[]): Promise<T[]> {
  await recordAudit(ctx, { townId, action: `${objectType}.export`, objectType, objectId: townId, after: { filters, rows: rows.length } });
  return rows;
}

function filtered(db: Executor, townId: string, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('audit_log').where('town_id', '=', townId);
  if (q.actor) query = query.where(likeEscaped('actor', q.actor));
  if (q.action) query = query.where(likeEscaped('action', q.action));
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.result) query = query.where('result', '=', q.result);
  // `at` is ISO text with the +08:00 offset, so a calendar-date prefix compares correctly.
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', `${q.to}T99`);
  return query;
}

export async function listAudit(db: Executor, townId: string, q: AuditQuery) {
  const [rows, count] = await Promise.all([
    filtered(db, townId, q).selectAll().orderBy('seq', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
    filtered(db, townId, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function allAudit(db: Executor, townId: string, q: Omit<AuditQuery, 'page' | 'pageSize'>, limit: number) {
  return filtered(db, townId, q).selectAll().orderBy('seq', 'desc').limit(limit).execute();
}

/** A town's records in chain order, a batch at a time (keeps memory flat on long chains). */
export function auditBatch(db: Executor, townId: string, afterSeq: number, size: number) {
  return db.selectFrom('audit_log').selectAll().where('town_id', '=', townId).where('seq', '>', afterSeq).orderBy('seq').limit(size).execute();
}
