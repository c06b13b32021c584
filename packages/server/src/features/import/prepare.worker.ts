import { parentPort } from 'node:worker_threads';
import { AppError } from '../../http/errors.js';
import { makeKeyring, type Keyring } from '../crypto/keyring.js';
import { SEAL_OUT } from '../workers/parallel-seal.js';
import { idHash, sealNumbers } from '../workers/person-seal.js';
import type { CheckedRow } from './check-row.js';
import { headRowCount, SheetChecker } from './check-sheet.js';
import type { PrepareConfig, PrepareData, PrepareReply, PrepareRequest } from './prepare-on-worker.js';
import { sheetRows, type SheetRow } from './read-sheet.js';
import { refuse } from './refusals.js';

// The worker thread of prepare-on-worker.ts: reads the file, checks its rows (the same SheetChecker
// as the dry run), hashes each valid row's ID and, when it has the time, seals its numbers; posts a
// batch at a time while the request's thread writes the batches before.

// Set by the job message: a worker is started ahead of its import (prepareOnWorker's spare).
let data: PrepareData;
let keyring: Keyring;
const post = (reply: PrepareReply) => parentPort!.postMessage(reply);
const MAX_WAITING = 3;

function sealBatch(rows: CheckedRow[]): (string | null)[] {
  const sealed = new Array<string | null>(rows.length * SEAL_OUT).fill(null);
  rows.forEach((r, i) => {
    if (!r.worker) return;
    r.idHash = idHash(keyring, r.worker.person.idNumber);
    const values = sealNumbers(keyring, r.worker.person, r.idHash);
    for (let k = 0; k < SEAL_OUT; k++) sealed[i * SEAL_OUT + k] = values[k]!;
  });
  return sealed;
}

function hashBatch(rows: CheckedRow[]): void {
  for (const r of rows) if (r.worker) r.idHash = idHash(keyring, r.worker.person.idNumber);
}

async function prepare(config: PrepareConfig): Promise<void> {
  const source = sheetRows(Buffer.from(data.file.buffer, data.file.byteOffset, data.file.byteLength), data.kind, data.fileName);
  let checker: SheetChecker | null = null;
  let pending: SheetRow[] = [];
  let seen = 0;
  let batches = 0;
  const flush = () => {
    if (!checker) {
      checker = new SheetChecker(pending, config.choices, config.lookups, data.limits);
      post({ header: { sheetName: source.sheetName(), match: checker.match } });
    }
    const rows = checker.check(pending);
    pending = [];
    if (rows.length === 0) return;
    // Sealing goes to whichever thread has time: here while the request's thread has a batch waiting.
    const behind = Atomics.load(data.progress, 0) - Atomics.load(data.progress, 1) >= 1;
    const sealHere = data.sealing === 'worker' || (data.sealing === 'balance' && behind);
    const sealed = sealHere ? sealBatch(rows) : (hashBatch(rows), undefined);
    Atomics.add(data.progress, 0, 1);
    batches++;
    post({ batch: { rows, sealed } });
    // At most a few batches wait in the request's thread: reading further would only hold more rows in memory.
    for (let taken = Atomics.load(data.progress, 1); batches - taken > MAX_WAITING; taken = Atomics.load(data.progress, 1)) Atomics.wait(data.progress, 1, taken, 1000);
  };
  for await (const row of source.rows) {
    pending.push(row);
    seen++;
    if (seen === headRowCount(data.limits) || (checker && pending.length >= (batches === 0 ? data.firstBatchRows : data.batchRows))) flush();
  }
  if (seen === 0) throw refuse.emptySheet(source.sheetName());
  flush();
  checker!.finish();
}

// Listening keeps the thread alive after its last batch: the request's thread ends it (close()).
parentPort!.on('message', (request: PrepareRequest) => {
  if ('job' in request) {
    data = request.job;
    keyring = makeKeyring(data.keys.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key) })), data.keys.currentId);
    return;
  }
  prepare(request.config).then(
    () => post({ done: true }),
    (e: unknown) => post(e instanceof AppError ? { refusal: { code: e.code, text: e.text, field: e.field } } : { failure: String((e as Error)?.stack ?? e) }),
  );
});
post({ ready: true });
