import { sql } from 'kysely';
import { shanghaiTimestamp } from '@gongyi/domain';
import type { DatabaseKind, Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import type { Clock } from '../../runtime.js';
import { chainMac } from '../crypto/chain-mac.js';
import type { Keyring } from '../crypto/keyring.js';
import { headValue } from './chain.js';

// Checkpoints (#13 item 7, R27): the heads of a town's audit and ledger chains (seq and MAC) at a
// moment, each checkpoint MACed and chained per town. A chain's head can be cut back (its last rows
// deleted) without breaking any MAC; a checkpoint kept where the database writer cannot rewrite it
// — this table on PostgreSQL after `gongyi audit protect`, and the append-only file
// (checkpoint-file.ts) — shows the chain once reached further. Written in the transaction of the
// first keyed record of a town and of every CHECKPOINT_EVERY-th record, and after each verify,
// export, interval and shutdown.

export const CHECKPOINT_EVERY = 1000;

export type Checkpoint = Row<'audit_checkpoints'>;

export interface Heads {
  audit_seq: number;
  audit_mac: string;
  ledger_seq: number;
  ledger_mac: string;
}

export function checkpointMac(keyring: Keyring, c: Omit<Checkpoint, 'mac'>): string {
  return chainMac(keyring, 'gongyi checkpoint v1', [c.town_id, Number(c.seq), c.at, c.reason, Number(c.audit_seq), c.audit_mac, Number(c.ledger_seq), c.ledger_mac, c.prev_mac]);
}

export async function chainHeads(db: Executor, townId: string): Promise<Heads> {
  const audit = await db.selectFrom('audit_log').select(['seq', 'hash', 'mac']).where('town_id', '=', townId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const ledger = await db.selectFrom('ledger_entries').select(['seq', 'mac']).where('town_id', '=', townId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return { audit_seq: Number(audit?.seq ?? 0), audit_mac: audit ? headValue(audit) : '', ledger_seq: Number(ledger?.seq ?? 0), ledger_mac: ledger?.mac ?? '' };
}

const sameHeads = (a: Heads, b: Heads) => Number(a.audit_seq) === Number(b.audit_seq) && a.audit_mac === b.audit_mac && Number(a.ledger_seq) === Number(b.ledger_seq) && a.ledger_mac === b.ledger_mac;

export interface CheckpointWriter {
  db: Executor;
  kind: DatabaseKind;
  keyring: Keyring;
  clock: Clock;
}

/**
 * Records the town's heads now, inside the caller's transaction; when nothing moved since the last
 * checkpoint that one stands (returned, not repeated). On PostgreSQL the town row is locked as audit
 * writers lock it, so the heads read are the latest and checkpoints of one town take turns.
 */
export async function writeCheckpoint(w: CheckpointWriter, townId: string, reason: string): Promise<Checkpoint> {
  if (w.kind === 'postgres') await sql`select id from towns where id = ${townId} for no key update`.execute(w.db);
  const last = await w.db.selectFrom('audit_checkpoints').selectAll().where('town_id', '=', townId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const heads = await chainHeads(w.db, townId);
  if (last && sameHeads(last, heads)) return last;
  const row = { town_id: townId, seq: Number(last?.seq ?? 0) + 1, at: shanghaiTimestamp(w.clock.now()), reason, ...heads, prev_mac: last?.mac ?? '' };
  const cp = { ...row, mac: checkpointMac(w.keyring, row) };
  await w.db.insertInto('audit_checkpoints').values(cp).execute();
  return cp;
}

export const describeCheckpoint = (c: Pick<Checkpoint, 'seq' | 'at'>) => `第 ${c.seq} 个检查点（${c.at}）`;

/**
 * A town's checkpoints from the table, each checked (MAC, sequence, chain) and checked against
 * the copies in the checkpoint file. Returns the first problem in words, or the checkpoints that
 * hold (table and file together) as anchors for the chains.
 */
export async function checkpointAnchors(db: Executor, keyring: Keyring, townId: string, fromFile: readonly Checkpoint[]): Promise<{ problem: string | null; anchors: Checkpoint[] }> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().where('town_id', '=', townId).orderBy('seq').execute();
  let prev = { seq: 0, mac: '' };
  for (const c of rows) {
    const problem = (what: string) => ({ problem: `${describeCheckpoint(c)}${what}`, anchors: [] });
    if (Number(c.seq) !== prev.seq + 1) return problem(`之前的第 ${prev.seq + 1}–${Number(c.seq) - 1} 个检查点被删除`);
    if (c.prev_mac !== prev.mac || checkpointMac(keyring, c) !== c.mac) return problem('的密钥校验码不符（检查点被改动或伪造）');
    prev = { seq: Number(c.seq), mac: c.mac };
  }
  const bySeq = new Map(rows.map((c) => [Number(c.seq), c]));
  for (const f of fromFile) {
    if (bySeq.get(Number(f.seq))?.mac !== f.mac) return { problem: `检查点文件中的${describeCheckpoint(f)}在数据库中被删除或改动`, anchors: [] };
  }
  return { problem: null, anchors: [...rows, ...fromFile] };
}
