import { randomFillSync } from 'node:crypto';

// Small random values (ids, GCM nonces) drawn from a pooled buffer: one getrandom() call per 64 KiB
// instead of one per value, which made half of a 100k-row import's CPU time. Each value is a
// fresh copy, never reused.

const POOL = Buffer.alloc(64 * 1024);
let offset = POOL.length;

export function randomBytesPooled(size: number): Buffer {
  if (offset + size > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const out = Buffer.from(POOL.subarray(offset, offset + size));
  offset += size;
  return out;
}
