import { randomBytesPooled } from './random-pool.js';
import { shanghaiDate } from '@gongyi/domain';
import type { Keyring } from './features/crypto/keyring.js';

/** Time is injected so tests pin it; `today()` is the calendar date in Asia/Shanghai. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function today(clock: Clock): string {
  return shanghaiDate(clock.now());
}

/** Ids are injected too. The default is a UUIDv7: time-ordered, so inserts stay index-friendly. */
export type IdGenerator = () => string;

export function uuidv7(clock: Clock = systemClock): IdGenerator {
  return () => {
    const bytes = randomBytesPooled(16);
    const ms = BigInt(clock.now().getTime());
    for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = bytes.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/** Deterministic ids for tests and the demo seed: prefix-000001, prefix-000002, … */
export function sequentialIds(prefix: string): IdGenerator {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(6, '0')}`;
}

export interface Runtime {
  clock: Clock;
  newId: IdGenerator;
  /** Encrypts and hashes personal data (features/crypto/keyring.ts). */
  keyring: Keyring;
  /** The append-only checkpoint file of the audit and ledger chains (features/audit/checkpoint-file.ts); none in API tests. */
  checkpointFile?: string | undefined;
}
