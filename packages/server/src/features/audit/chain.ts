import { createHash } from 'node:crypto';
import type { Row } from '../../db/schema.js';
import { chainMac } from '../crypto/chain-mac.js';
import type { Keyring } from '../crypto/keyring.js';

/** The hash before a town's first record. */
export const GENESIS_HASH = '0'.repeat(64);

type Chained = Omit<Row<'audit_log'>, 'hash' | 'prev_mac' | 'mac'>;

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

/**
 * The keyed MAC of a record (#13 item 7): over its hash (which covers every field and the previous
 * hash) and the previous record's MAC. Without the key an insider can re-hash an edited chain but
 * cannot make these.
 */
export function auditMac(keyring: Keyring, r: { town_id: string; seq: number; prev_mac: string; hash: string }): string {
  return chainMac(keyring, 'gongyi audit chain v1', [r.town_id, Number(r.seq), r.prev_mac, r.hash]);
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: string;
}

/** Where a walk of the chain stands: the last record checked, and whether keyed records have begun. */
export interface ChainPosition {
  seq: number;
  hash: string;
  mac: string;
  keyed: boolean;
}

export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH, mac: '', keyed: false };

/**
 * Checks records of one town in seq order, starting after `prev`. Records without a MAC are the
 * legacy prefix written before keyed MACs (migration 2026_12_08_0011): accepted only before the
 * first keyed record, whose MAC covers the last legacy hash. Returns the break, or the new position.
 */
export function checkChain(keyring: Keyring, records: readonly Row<'audit_log'>[], prev: ChainPosition): ChainBreak | ChainPosition {
  let at = prev;
  for (const r of records) {
    const seq = Number(r.seq);
    const broken = (reason: string): ChainBreak => ({ seq, id: r.id, reason });
    if (seq !== at.seq + 1) return broken(`序号不连续：应为第 ${at.seq + 1} 条，实为第 ${seq} 条（第 ${at.seq + 1}–${seq - 1} 条被删除）`);
    if (r.prev_hash !== at.hash) return broken('前一条记录的哈希不符（前一条记录被改动或删除）');
    if (auditHash(r) !== r.hash) return broken('本条记录内容与哈希不符（记录被改动）');
    if (r.mac === '') {
      if (at.keyed) return broken('本条记录没有密钥校验码，而之前的记录已有（校验码被清除，或记录是伪造后追加的）');
    } else if (r.prev_mac !== at.mac || auditMac(keyring, r) !== r.mac) {
      return broken('本条记录的密钥校验码不符（记录被改动后重算了哈希，或是不掌握密钥者伪造追加的）');
    }
    at = { seq, hash: r.hash, mac: r.mac, keyed: r.mac !== '' };
  }
  return at;
}

/** What a checkpoint records as a record's head value: its MAC, or for a legacy record its hash. */
export const headValue = (r: { mac: string; hash: string }) => r.mac || r.hash;
