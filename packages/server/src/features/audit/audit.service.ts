import type { AuditQuery, AuditRecord, ChainCheck, Page } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import { allAudit, auditBatch, listAudit, recordAudit } from './audit.repository.js';
import { checkChain, GENESIS_HASH } from './chain.js';

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

/** Walks a town's whole chain in batches; names the first record that does not hold. */
export async function verifyTownChain(db: Executor, townId: string, batchSize = 5000): Promise<ChainCheck> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const batch = await auditBatch(db, townId, prev.seq, batchSize);
    const broken = checkChain(batch, prev);
    if (broken) return { ok: false, checked: checked + batch.findIndex((r) => r.id === broken.id), firstBroken: broken };
    checked += batch.length;
    if (batch.length < batchSize) return { ok: true, checked, firstBroken: null };
    const last = batch[batch.length - 1]!;
    prev = { seq: Number(last.seq), hash: last.hash };
  }
}

export async function checkAuditChain(ctx: ReadContext, townId: string): Promise<ChainCheck> {
  authorize(ctx.actor, 'audit.read');
  await requireTown(ctx.db, townId);
  return verifyTownChain(ctx.db, townId);
}
