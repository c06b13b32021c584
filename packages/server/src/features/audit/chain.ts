import { createHash } from 'node:crypto';
import type { Row } from '../../db/schema.js';

/** The hash before a town's first record. */
export const GENESIS_HASH = '0'.repeat(64);

type Chained = Omit<Row<'audit_log'>, 'hash'>;

/**
 * SHA-256 over the previous hash and the record in a fixed field order (a JSON array, so no key
 * ordering or whitespace question arises). Changing any stored field breaks this record's hash,
 * and deleting or reordering records breaks the next record's prev_hash.
 */
export function auditHash(r: Chained): string {
  const canonical = JSON.stringify([
    r.town_id,
    Number(r.seq),
    r.id,
    r.at,
    r.actor_id,
    r.actor,
    r.grant_label,
    r.action,
    r.object_type,
    r.object_id,
    r.before_json,
    r.after_json,
    r.ip,
    r.request_id,
    r.result,
  ]);
  return createHash('sha256').update(r.prev_hash).update('\n').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: string;
}

/** Checks records of one town in seq order, starting after `prev` (the hash before the first). */
export function checkChain(records: readonly Row<'audit_log'>[], prev: { seq: number; hash: string }): ChainBreak | null {
  let expectedSeq = prev.seq + 1;
  let prevHash = prev.hash;
  for (const r of records) {
    if (Number(r.seq) !== expectedSeq) return { seq: Number(r.seq), id: r.id, reason: `序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（有记录被删除）` };
    if (r.prev_hash !== prevHash) return { seq: Number(r.seq), id: r.id, reason: '前一条记录的哈希不符（前一条记录被改动或删除）' };
    if (auditHash(r) !== r.hash) return { seq: Number(r.seq), id: r.id, reason: '本条记录内容与哈希不符（记录被改动）' };
    prevHash = r.hash;
    expectedSeq += 1;
  }
  return null;
}
