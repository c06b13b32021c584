import { parentPort, workerData } from 'node:worker_threads';
import { makeKeyring } from '../crypto/keyring.js';
import { sealNumbers } from './person-seal.js';
import { SEAL_IN, type SealerData, type SealReply, type SealRequest } from './parallel-seal.js';

// The worker thread of parallel-seal.ts: seals persons' numbers (sealNumbers) for a bulk import on
// the other core, one job at a time, in the order asked.

const { keys, currentId, started } = (workerData as { data: SealerData }).data;
// Buffers arrive as plain Uint8Arrays.
const keyring = makeKeyring(keys.map((k) => ({ id: k.id, key: Buffer.from(k.key) })), currentId);

parentPort!.on('message', ({ id, rows }: SealRequest) => {
  let reply: SealReply;
  try {
    const sealed: (string | null)[] = [];
    for (let at = 0; at < rows.length; at += SEAL_IN) {
      const person = { idNumber: rows[at]!, phone: rows[at + 1] ?? null, bankAccount: rows[at + 2] ?? null, emergencyContactPhone: rows[at + 3] ?? null };
      for (const value of sealNumbers(keyring, person, rows[at + 4] ?? undefined)) sealed.push(value);
    }
    reply = { id, sealed };
  } catch (e) {
    reply = { id, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
Atomics.store(started, 0, 1);
parentPort!.postMessage({ ready: true } satisfies SealReply);
