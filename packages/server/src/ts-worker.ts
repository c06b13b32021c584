import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

// A worker thread running one of the server's TypeScript modules. The server runs from source
// through tsx (bin/gongyi.js), and a loader registered in one thread does not reach another, so
// the worker registers tsx itself before importing its entry — under `gongyi`, `node --import tsx`
// and vitest alike.

const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((m) => m.register()).then(() => import(workerData.entry));`;

// tsx's CommonJS build of its ESM API cannot register hooks from a worker; its ESM build can.
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** Starts `entry` (a module URL, e.g. `new URL('./x.worker.ts', import.meta.url)`) with `data` as its `workerData.data`. */
export function startTsWorker(entry: URL, data: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOTSTRAP, { eval: true, workerData: { tsx: TSX_API, entry: entry.href, data }, ...(resourceLimits ? { resourceLimits } : {}) });
}
