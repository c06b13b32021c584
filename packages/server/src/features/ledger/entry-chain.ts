import type { Row } from '../../db/schema.js';
import { chainMac } from '../crypto/chain-mac.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Checkpoint } from '../audit/checkpoints.js';
import { describeCheckpoint } from '../audit/checkpoints.js';

// #13 item 8: each posted entry — its header and its lines — carries a keyed MAC chained per town
// (written by postEntry in the posting's transaction), so an entry edited consistently in its lines,
// amount and the stored balances, or deleted, is found by `gongyi ledger check`; the chain's head
// is held against the audit checkpoints (features/audit/checkpoints.ts) so the last entries cannot
// be cut off either. Entries posted before migration 2026_12_08_0011 have no MAC: accepted only
// as the prefix before the first keyed entry (and still rebuilt against the stored balances).

type EntryFields = Omit<Row<'ledger_entries'>, 'mac'>;
type LineFields = Pick<Row<'ledger_lines'>, 'line_no' | 'account_id' | 'debit_fen' | 'credit_fen' | 'team_id'>;

export function entryMac(keyring: Keyring, e: EntryFields, lines: readonly LineFields[]): string {
  return chainMac(keyring, 'gongyi ledger chain v1', [
    e.town_id,
    Number(e.seq),
    e.id,
    e.kind,
    e.entry_date,
    e.period,
    e.document_kind,
    e.document_ref,
    e.memo,
    Number(e.amount_fen),
    e.reverses_entry_id,
    e.created_by,
    e.created_at,
    e.prev_mac,
    [...lines].sort((a, b) => Number(a.line_no) - Number(b.line_no)).map((l) => [Number(l.line_no), l.account_id, Number(l.debit_fen), Number(l.credit_fen), l.team_id]),
  ]);
}

const numbers = (from: number, to: number) => (from === to ? `第 ${from} 号` : `第 ${from}–${to} 号`);

/** The entries of a town in seq order with their lines: the first that does not hold, in words, or null. */
export function checkEntryChain(keyring: Keyring, entries: readonly Row<'ledger_entries'>[], linesOf: (entryId: string) => readonly LineFields[], anchors: readonly Checkpoint[]): string | null {
  const anchorAt = new Map(anchors.filter((a) => a.ledger_mac !== '').map((a) => [Number(a.ledger_seq), a]));
  let at = { seq: 0, mac: '', keyed: false };
  for (const e of entries) {
    const seq = Number(e.seq);
    const name = `第 ${seq} 号凭证（${e.id}）`;
    if (seq !== at.seq + 1) return `${name}之前的${numbers(at.seq + 1, seq - 1)}凭证被删除`;
    if (e.mac === '') {
      if (at.keyed) return `${name}没有密钥校验码，而之前的凭证已有（校验码被清除，或凭证是伪造后追加的）`;
    } else if (e.prev_mac !== at.mac || entryMac(keyring, e, linesOf(e.id)) !== e.mac) {
      return `${name}的密钥校验码不符（凭证或其分录行被改动，或是不掌握密钥者伪造的）`;
    }
    const anchor = anchorAt.get(seq);
    if (anchor && anchor.ledger_mac !== e.mac) return `${name}与${describeCheckpoint(anchor)}记下的不符（凭证被替换）`;
    at = { seq, mac: e.mac, keyed: e.mac !== '' };
  }
  const furthest = Math.max(0, ...anchors.map((a) => Number(a.ledger_seq)));
  if (furthest > at.seq) return `${numbers(at.seq + 1, furthest)}凭证被删除（截断）：检查点记下的最后一号为第 ${furthest} 号，现在只到第 ${at.seq} 号`;
  return null;
}
