import { pathToFileURL } from 'node:url';
import { freshDatabase } from './backends.ts';
import type { Backend, Metrics, Scenario } from './scenario.ts';

// One scenario on one backend, in its own process so that maxRSS is this scenario's peak alone.
// argv: <scenario file> <backend> [postgres url]; the result goes back to bench/run.ts over IPC.

export interface ChildResult {
  times: number[];
  size: number;
  maxRssMb: number;
  /** Each iteration's further figures, when the scenario reports any. */
  metrics: Metrics[];
}

const [file, backend, pgUrl] = process.argv.slice(2) as [string, Backend, string | undefined];
const scenario = ((await import(pathToFileURL(file).href)) as { default: Scenario }).default;
const iterations = Number(process.env.BENCH_ITERATIONS ?? scenario.iterations ?? 5);

const times: number[] = [];
const metrics: Metrics[] = [];
let size = 0;
for (let i = 0; i < iterations; i++) {
  const fresh = await freshDatabase(backend, pgUrl, i);
  let elapsed = 0;
  let timed = false;
  const time = async <T>(fn: () => Promise<T>): Promise<T> => {
    timed = true;
    const start = performance.now();
    try {
      return await fn();
    } finally {
      elapsed += performance.now() - start;
    }
  };
  try {
    const start = performance.now();
    const outcome = await scenario.run({ backend, target: fresh.target, time });
    size = typeof outcome === 'number' ? outcome : outcome.size;
    if (typeof outcome !== 'number') metrics.push(outcome.metrics);
    times.push(timed ? elapsed : performance.now() - start);
  } finally {
    await fresh.drop();
  }
}
const result: ChildResult = { times, size, maxRssMb: process.resourceUsage().maxRSS / 1024, metrics };
process.send!(result);
