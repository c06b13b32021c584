import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.js';
import { keySource, type KeySource, type Keyring } from '../crypto/keyring.js';
import type { PersonNumbers } from './person-seal.js';

// A bulk import encrypts and hashes each person's numbers (3 AES-GCM and 3 HMAC a person, ~a sixth of
// a 100k-row import's CPU). This runs them on a worker thread while the request's thread writes the
// rows before: one chunk sealed there while the previous one is inserted here. What a chunk's rows
// become is exactly what sealNumbers returns on this thread (same keyring, same function).

/** Values sent per row: ID, phone, bank account, emergency phone, the ID's hash if known. */
export const SEAL_IN = 5;
/** Values returned per row, as sealNumbers returns them. */
export const SEAL_OUT = 8;

export interface SealRequest {
  id: number;
  rows: (string | null)[];
}
export interface SealerData extends KeySource {
  /** Set to 1 by the worker once it takes jobs. */
  started: Int32Array;
}
export type SealReply = { id: number; sealed: (string | null)[] } | { id: number; error: string } | { ready: true };

export interface Sealer {
  /** The worker has started and takes jobs at once (until then, sealing here wastes no time waiting). */
  ready(): boolean;
  /** Resolves once the worker has started. */
  whenReady(): Promise<void>;
  /** The rows' sealed numbers, SEAL_OUT values per row in order. */
  seal(rows: readonly PersonNumbers[], idHashes: readonly string[] | undefined): Promise<(string | null)[]>;
  close(): Promise<void>;
}

/** A worker that seals with `keyring`'s keys; null when the keyring's keys are not at hand. */
export function startSealer(keyring: Keyring): Sealer | null {
  const source = keySource(keyring);
  if (!source) return null;
  const started = new Int32Array(new SharedArrayBuffer(4));
  const worker: Worker = startTsWorker(new URL('./seal.worker.ts', import.meta.url), { ...source, started });
  const pending = new Map<number, { resolve: (sealed: (string | null)[]) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  let markStarted = () => {};
  const startedPromise = new Promise<void>((resolve) => (markStarted = resolve));
  worker.on('message', (reply: SealReply) => {
    if ('ready' in reply) {
      markStarted();
      return;
    }
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) p?.reject(new Error(`sealing failed: ${reply.error}`));
    else p?.resolve(reply.sealed);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the sealing worker stopped (exit code ${code})`)));
  let nextId = 0;
  return {
    // Read from shared memory: the request's thread inserts without yielding to the event loop, so a message would wait.
    ready: () => Atomics.load(started, 0) === 1,
    whenReady: () => startedPromise,
    seal(rows, idHashes) {
      if (failure) return Promise.reject(failure);
      const flat = new Array<string | null>(rows.length * SEAL_IN);
      rows.forEach((p, i) => {
        const at = i * SEAL_IN;
        flat[at] = p.idNumber;
        flat[at + 1] = p.phone;
        flat[at + 2] = p.bankAccount;
        flat[at + 3] = p.emergencyContactPhone;
        flat[at + 4] = idHashes?.[i] ?? null;
      });
      const id = nextId++;
      const sealed = new Promise<(string | null)[]>((resolve, reject) => pending.set(id, { resolve, reject }));
      // A job nobody awaits any more (the transaction failed first) must not surface as an unhandled rejection.
      sealed.catch(() => undefined);
      worker.postMessage({ id, rows: flat } satisfies SealRequest);
      return sealed;
    },
    async close() {
      pending.clear();
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
