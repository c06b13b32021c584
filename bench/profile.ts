import fs from 'node:fs';
import os from 'node:os';
import { Session } from 'node:inspector/promises';
import { freshDatabase, postgresUrl } from './backends.ts';
import type { Scenario } from './scenario.ts';

// One scenario on SQLite outside the bench runner, for finding where its time goes (BENCH_BACKEND=postgres:
// on PostgreSQL, at BENCH_DATABASE_URL or the local default; the CPU is then this process's alone, not the server's):
// `node --import tsx bench/profile.ts 03-import-100k-xlsx` prints, per iteration, the timed part's wall time and
// the process's CPU time over it (what a busy machine inflates least) and the main thread's share of it (Linux),
// peak RSS and the load average.
// BENCH_ITERATIONS=N runs N iterations; PROFILE=/tmp/import writes a CPU profile of each timed part
// (/tmp/import.<i>.cpuprofile, open in Chrome DevTools) without the untimed set-up. Also prints
// the RSS when the timed part starts, so a scenario's own peak can be told from its set-up's.

const name = process.argv[2] ?? '03-import-100k-xlsx';
const scenario = ((await import(`./scenarios/${name.replace(/\.ts$/, '')}.ts`)) as { default: Scenario }).default;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 1);
const profile = process.env.PROFILE;
const backend = process.env.BENCH_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
const pg = backend === 'postgres' ? await postgresUrl() : undefined;
if (pg && 'skipped' in pg) throw new Error(pg.skipped);
const session = new Session();
session.connect();

/** This thread's own CPU in ms (Linux: /proc), apart from GC helpers and worker threads; null elsewhere. */
function mainThreadCpu(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return null;
  }
}

const walls: number[] = [];
const cpus: number[] = [];
const mains: number[] = [];
for (let i = 0; i < iterations; i++) {
  const fresh = await freshDatabase(backend, pg?.url, i);
  let wall = 0;
  let cpu = 0;
  let main = 0;
  try {
    await scenario.run({
      backend,
      target: fresh.target,
      time: async (fn) => {
        if (profile) {
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
        }
        console.log(`rss at the timed part's start: ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
        const start = performance.now();
        const startCpu = process.cpuUsage();
        const startMain = mainThreadCpu();
        try {
          return await fn();
        } finally {
          wall += performance.now() - start;
          const used = process.cpuUsage(startCpu);
          cpu += (used.user + used.system) / 1000;
          const endMain = mainThreadCpu();
          if (startMain !== null && endMain !== null) main += endMain - startMain;
          if (profile) fs.writeFileSync(`${profile}.${i}.cpuprofile`, JSON.stringify((await session.post('Profiler.stop')).profile));
        }
      },
    });
  } finally {
    await fresh.drop();
  }
  walls.push(wall);
  cpus.push(cpu);
  mains.push(main);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`iteration ${i}: ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU (${(main / 1000).toFixed(2)} s on the main thread), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, load ${load}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! / 1000;
console.log(`median of ${iterations}: ${median(walls).toFixed(2)} s wall, ${median(cpus).toFixed(2)} s CPU, ${median(mains).toFixed(2)} s CPU on the main thread`);
