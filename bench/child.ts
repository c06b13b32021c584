import { pathToFileURL } from 'node:url';
import { freshDatabase } from './backends.ts';
import type { Backend, Scenario } from './scenario.ts';

// One scenario on one backend, in its own process so that maxRSS is this scenario's peak alone.
// argv: <scenario file> <backend> [postgres url]; the result goes back to bench/run.ts over IPC.

export interface ChildResult {
  times: number[];
  size: number;
  maxRssMb: number;
}

const [file, backend, pgUrl] = process.argv.slice(2) as [string, Backend, string | undefined];
const iterations = Number(process.env.BENCH_ITERATIONS ?? 5);
const scenario = ((await import(pathToFileURL(file).href)) as { default: Scenario }).default;

const times: number[] = [];
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
    size = await scenario.run({ backend, target: fresh.target, time });
    times.push(timed ? elapsed : performance.now() - start);
  } finally {
    await fresh.drop();
  }
}
const result: ChildResult = { times, size, maxRssMb: process.resourceUsage().maxRSS / 1024 };
process.send!(result);
