import { createHmac, hkdfSync, type Hmac } from 'node:crypto';
import { keySource, type Keyring } from './keyring.js';

// R27, #13 item 7–8: what an insider with database access cannot forge. The audit log, the ledger's
// entries, an approved pay run's slips and the checkpoints of their heads carry HMAC-SHA256 codes
// under keys derived (HKDF) from the keyring's FIRST key — never stored in the database, and, like
// the search hashes, unchanged by a key rotation, so a rotation need not re-seal any chain.

export type MacLabel = 'gongyi audit chain v1' | 'gongyi ledger chain v1' | 'gongyi pay run v1' | 'gongyi checkpoint v1';

const derived = new WeakMap<Keyring, Map<MacLabel, Buffer>>();

function macKey(keyring: Keyring, label: MacLabel): Buffer {
  let byLabel = derived.get(keyring);
  if (!byLabel) derived.set(keyring, (byLabel = new Map()));
  let key = byLabel.get(label);
  if (!key) {
    const first = keySource(keyring)?.keys[0]?.key;
    if (!first) throw new Error('keyring has no key source');
    key = Buffer.from(hkdfSync('sha256', first, Buffer.alloc(0), label, 32));
    byLabel.set(label, key);
  }
  return key;
}

/** An HMAC under the label's key to feed piece by piece (a run's 100k slips are not one string). */
export function macStream(keyring: Keyring, label: MacLabel): Hmac {
  return createHmac('sha256', macKey(keyring, label));
}

/** The MAC of `parts` (a JSON array: no key order or whitespace question) under the label's key, hex. */
export function chainMac(keyring: Keyring, label: MacLabel, parts: readonly unknown[]): string {
  return macStream(keyring, label).update(JSON.stringify(parts)).digest('hex');
}
