import type { AuditQuery, AuditRecord, ChainCheck, Page } from '@gongyi/domain';
import type { Database, Executor } from '../../db/database.js';
import { toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import { allAudit, auditBatch, listAudit, recordAudit, recordExport } from './audit.repository.js';
import type { Runtime } from '../../runtime.js';
import type { Keyring } from '../crypto/keyring.js';
import { CHAIN_START, checkChain, headValue } from './chain.js';
import { appendCheckpoint, readCheckpointFile } from './checkpoint-file.js';
import { checkpointAnchors, describeCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoints.js';

export const EXPORT_LIMIT = 100_000;

function toRecord(r: Row<'audit_log'>): AuditRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    grant: r.grant_label,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    before: r.before_json,
    after: r.after_json,
    ip: r.ip,
    requestId: r.request_id,
    result: r.result,
    hash: r.hash,
  };
}

export async function searchAudit(ctx: ReadContext, townId: string, query: AuditQuery): Promise<Page<AuditRecord>> {
  authorize(ctx.actor, 'audit.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await listAudit(ctx.db, townId, query);
  return toPage(rows.map(toRecord), total, query);
}

/** The export is itself audited (who took which records out). */
export async function exportAudit(ctx: MutationContext, townId: string, query: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<AuditRecord[]> {
  authorize(ctx.actor, 'audit.export');
  const rows = (await allAudit(ctx.db, townId, query, EXPORT_LIMIT)).map(toRecord);
  await recordAudit(ctx, { townId, action: 'audit.export', objectType: 'audit_log', objectId: townId, after: { filters: query, rows: rows.length } });
  return rows;
}

/** The town's checkpoints as the table holds them, with one taken now, for the supervision office to keep (the export is audited). */
export async function exportCheckpoints(ctx: MutationContext, townId: string): Promise<Checkpoint[]> {
  authorize(ctx.actor, 'audit.export');
  await requireTown(ctx.db, townId);
  await writeCheckpoint(ctx, townId, 'export');
  const rows = await ctx.db.selectFrom('audit_checkpoints').selectAll().where('town_id', '=', townId).orderBy('seq').execute();
  return recordExport(ctx, townId, 'audit_checkpoints', {}, rows);
}

export interface VerifyOptions {
  /** The checkpoint file to check and hold the chain against (features/audit/checkpoint-file.ts). */
  checkpointFile?: string | undefined;
  batchSize?: number;
}

/**
 * Walks a town's whole chain in batches and holds it against the checkpoints (#13 item 7): names
 * the first record that does not hold — edited (even if re-hashed), forged, missing from the middle
 * — or the records cut off the end, down to all of them.
 */
export async function verifyTownChain(db: Executor, keyring: Keyring, townId: string, options: VerifyOptions = {}): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? 5000;
  let checked = 0;
  const fail = (seq: number, id: string, reason: string): ChainCheck => ({ ok: false, checked, firstBroken: { seq, id, reason } });
  const file = options.checkpointFile ? readCheckpointFile(options.checkpointFile, keyring) : { checkpoints: [], problem: null };
  if (file.problem) return fail(0, '', file.problem);
  const { problem, anchors } = await checkpointAnchors(db, keyring, townId, file.checkpoints.filter((c) => c.town_id === townId));
  if (problem) return fail(0, '', problem);
  const anchorAt = new Map(anchors.map((a) => [Number(a.audit_seq), a]));
  let at = CHAIN_START;
  for (;;) {
    const batch = await auditBatch(db, townId, at.seq, batchSize);
    const result = checkChain(keyring, batch, at);
    if ('reason' in result) {
      checked += batch.findIndex((r) => r.id === result.id);
      return fail(result.seq, result.id, result.reason);
    }
    for (const r of batch) {
      const anchor = anchorAt.get(Number(r.seq));
      if (anchor && headValue(r) !== anchor.audit_mac) return fail(Number(r.seq), r.id, `与${describeCheckpoint(anchor)}记下的这一条不符（记录被改动或替换后重算了哈希）`);
      checked += 1;
    }
    at = result;
    if (batch.length < batchSize) break;
  }
  const furthest = anchors.reduce<Checkpoint | null>((m, a) => (!m || Number(a.audit_seq) > Number(m.audit_seq) ? a : m), null);
  const head = furthest ? Number(furthest.audit_seq) : 0;
  if (head > at.seq) {
    return fail(at.seq + 1, '', at.seq === 0 ? `该镇的审计记录被全部删除：${describeCheckpoint(furthest!)}记下的链头为第 ${head} 条，现在一条也没有` : `第 ${at.seq + 1}–${head} 条审计记录被删除（截断）：${describeCheckpoint(furthest!)}记下的链头为第 ${head} 条，现在只到第 ${at.seq} 条`);
  }
  // Creating a town is itself audited: a town with no record at all has lost them.
  if (at.seq === 0) return fail(1, '', '该镇没有任何审计记录（建镇本身即记入审计），记录与检查点均被删除');
  return { ok: true, checked, firstBroken: null };
}

/**
 * Checkpoints a town's heads now, in a transaction of its own, then into the checkpoint file (after
 * the commit, so the file never names a head that was rolled back).
 */
export async function checkpointNow(database: Database, runtime: Runtime, townId: string, reason: string): Promise<Checkpoint> {
  const cp = await database.db.transaction().execute((trx) => writeCheckpoint({ db: trx, kind: database.kind, keyring: runtime.keyring, clock: runtime.clock }, townId, reason));
  if (runtime.checkpointFile) appendCheckpoint(runtime.checkpointFile, runtime.keyring, cp);
  return cp;
}

/** Verifies, and checkpoints a chain that holds (never one that does not: that would vouch for the damage). */
export async function verifyAndCheckpoint(database: Database, runtime: Runtime, townId: string, reason: string): Promise<ChainCheck> {
  const check = await verifyTownChain(database.db, runtime.keyring, townId, { checkpointFile: runtime.checkpointFile });
  if (check.ok) await checkpointNow(database, runtime, townId, reason);
  return check;
}

export async function checkAuditChain(deps: { database: Database; runtime: Runtime }, ctx: ReadContext, townId: string): Promise<ChainCheck> {
  authorize(ctx.actor, 'audit.read');
  await requireTown(ctx.db, townId);
  return verifyAndCheckpoint(deps.database, deps.runtime, townId, 'verify');
}
