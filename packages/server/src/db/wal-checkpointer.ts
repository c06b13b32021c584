import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite copies the write-ahead log back into the database file (a checkpoint) at the first commit
// after the log passes 1,000 pages, on the committing connection: the request that wrote 100k
// workers also waited ~0.5–1 s for 200 MB to be copied and synced. Here the app's connection never
// checkpoints (wal_autocheckpoint = 0) and a thread with its own connection runs PASSIVE checkpoints
// twice a second instead — off the request path, on the other core; PASSIVE never waits for or
// blocks readers and writers. Plain JavaScript, so the thread starts without the TypeScript loader.

const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

export interface Checkpointer {
  /** A last checkpoint, then the thread's connection is closed. */
  stop(): Promise<void>;
}

/** `onFailure`: the thread stopped on its own (the caller turns automatic checkpoints back on). */
export function startCheckpointer(file: string, onFailure: () => void, intervalMs = 500): Checkpointer {
  const worker = new Worker(THREAD, { eval: true, workerData: { driver: DRIVER, file, intervalMs } });
  // Never what keeps a process alive (a CLI command that forgets to close still exits).
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => undefined); // reported through 'exit'
  worker.once('exit', () => {
    if (!stopping) onFailure();
  });
  return {
    async stop() {
      stopping = true;
      worker.ref(); // until it has exited
      worker.postMessage('stop');
      await exited;
    },
  };
}
