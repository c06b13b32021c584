import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.js';
import { AppError, type ErrorCode, type Text } from '../../http/errors.js';
import { keySource, type KeySource, type Keyring } from '../crypto/keyring.js';
import type { SealedNumbers } from '../workers/insert-workers.js';
import type { CheckedRow } from './check-row.js';
import type { MappingChoices } from './check-sheet.js';
import type { HeaderMatch } from './columns.js';
import type { UploadKind } from './file-guard.js';
import type { ImportLookups } from './lookups.js';
import type { ImportLimits } from './refusals.js';

// A large import's file read, checked and sealed on a worker thread (prepare.worker.ts), batch by
// batch, while the request's thread writes the batches before in its transaction: the two halves
// of a 100k-row import (reading and checking ~4 s, writing ~7 s on SQLite) overlap instead of
// adding up. Each batch is exactly what checkSheet and sealNumbers give on this thread.

export interface PrepareData {
  file: Uint8Array;
  kind: UploadKind;
  fileName: string;
  limits: ImportLimits;
  keys: KeySource;
  batchRows: number;
  firstBatchRows: number;
  sealing: Sealing;
  /** [batches posted by the worker, batches taken by the request's thread]. */
  progress: Int32Array;
}
/** Sent once the town's lookups are read (the worker loads meanwhile). */
export interface PrepareConfig {
  choices: MappingChoices;
  lookups: ImportLookups;
}
/** The job first, then the config once the town's lookups are read (the worker then reads and checks). */
export type PrepareRequest = { job: PrepareData } | { config: PrepareConfig };
export interface PreparedBatch {
  /** Checked rows in sheet order; valid ones carry their ID hash. */
  rows: CheckedRow[];
  /** SEAL_OUT values per row (nulls for a row with errors); none when the worker left the sealing to the request's thread. */
  sealed: SealedNumbers | undefined;
}
export type PrepareReply =
  | { ready: true }
  | { header: { sheetName: string; match: HeaderMatch } }
  | { batch: PreparedBatch }
  | { done: true }
  | { refusal: { code: ErrorCode; text: Text; field: string | undefined } }
  | { failure: string };

export type Sealing = 'balance' | 'worker' | 'request';

export const PARALLEL_IMPORT = {
  /** Files from this size are read and checked on a worker thread (tests lower it). */
  fromBytes: 256 * 1024,
  /** Rows per batch: large enough that messages cost little; the first is smaller so writing starts early. */
  batchRows: 2500,
  firstBatchRows: 1000,
  /**
   * Who seals the numbers of a batch (3 AES-GCM, 3 HMAC a row). `balance`: the worker, while the
   * request's thread has a batch waiting, else the request's thread — whichever has time. Tests pin one.
   */
  sealing: 'balance' as Sealing,
};

/**
 * The worker's young generation: a 100k-row file through exceljs makes much short-lived garbage,
 * and the worker default (16 MB) measured ~1 s slower on the whole import than 64 MB.
 */
const YOUNG_GENERATION_MB = 64;

export interface PreparedFile {
  /** Starts the checks once the town's lookups are read (the worker loads meanwhile). */
  start(config: PrepareConfig): void;
  /** The sheet's name and header (known after the first batch's rows are read). */
  header(): Promise<{ sheetName: string; match: HeaderMatch }>;
  /** The checked batches in order; throws the file's refusal as the dry run would. */
  batches(): AsyncGenerator<PreparedBatch>;
  close(): Promise<void>;
}

const startWorker = () => startTsWorker(new URL('./prepare.worker.ts', import.meta.url), null, { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB });

/** A started worker waiting for the next import (unreferenced: it never keeps a process alive). */
let spare: Worker | null = null;

/**
 * Starts a worker ahead of the next import, so that its start-up (~0.5 s: the TypeScript loader,
 * exceljs and the domain) is not part of it: `gongyi serve` calls this at start, and every import
 * leaves the next one ready. A worker serves one import.
 */
export function prewarmImportWorker(): Promise<void> {
  if (!spare) {
    const worker = startWorker();
    worker.unref();
    worker.on('error', () => undefined); // a spare that fails to start exits, and the next import starts its own
    worker.once('exit', () => (spare = null));
    spareReady = new Promise<void>((resolve) => {
      worker.once('message', () => resolve()); // { ready: true }
      worker.once('exit', () => resolve());
    });
    spare = worker;
  }
  return spareReady;
}
let spareReady = Promise.resolve();

function takeWorker(): Worker {
  const worker = spare ?? startWorker();
  spare = null;
  worker.removeAllListeners('exit');
  worker.ref(); // the import awaits its messages
  return worker;
}

/** Null when the keyring's keys are not at hand (the caller then reads and checks on its own thread). */
export function prepareOnWorker(keyring: Keyring, upload: { data: Buffer; fileName: string }, kind: UploadKind, limits: ImportLimits): PreparedFile | null {
  const keys = keySource(keyring);
  if (!keys) return null;
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const data: PrepareData = { file: upload.data, kind, fileName: upload.fileName, limits, keys, batchRows: PARALLEL_IMPORT.batchRows, firstBatchRows: PARALLEL_IMPORT.firstBatchRows, sealing: PARALLEL_IMPORT.sealing, progress };
  const worker = takeWorker();
  worker.postMessage({ job: data } satisfies PrepareRequest);
  const queue: PrepareReply[] = [];
  let wake: (() => void) | null = null;
  const push = (reply: PrepareReply) => {
    if ('ready' in reply) return; // a worker started for this import says so first
    queue.push(reply);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (e) => push({ failure: String(e.stack ?? e) }));
  worker.on('exit', (code) => push({ failure: `the import's worker thread stopped (exit code ${code})` }));
  const next = async (): Promise<PrepareReply> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return queue.shift()!;
  };
  const fail = (reply: PrepareReply): never => {
    if ('refusal' in reply) throw new AppError(reply.refusal.code, reply.refusal.text, reply.refusal.field);
    throw new Error('failure' in reply ? reply.failure : `unexpected message from the import's worker thread`);
  };
  let header: Promise<{ sheetName: string; match: HeaderMatch }> | null = null;
  return {
    start: (config) => worker.postMessage({ config } satisfies PrepareRequest),
    header() {
      header ??= next().then((reply) => ('header' in reply ? reply.header : fail(reply)));
      return header;
    },
    async *batches() {
      await this.header();
      for (;;) {
        const reply = await next();
        if ('batch' in reply) {
          Atomics.add(progress, 1, 1);
          Atomics.notify(progress, 1);
          yield reply.batch;
        } else if ('done' in reply) {
          return;
        } else {
          fail(reply);
        }
      }
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
      void prewarmImportWorker();
    },
  };
}
