import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUrl } from './backends.ts';
import type { ChildResult } from './child.ts';
import type { Backend, Scenario } from './scenario.ts';

// `npm run bench [-- name-filter]`: every scenario in bench/scenarios/ on SQLite, and on PostgreSQL
// when it is reachable. BENCH_ITERATIONS (default 5) runs per scenario; the median is reported.

const here = path.dirname(fileURLToPath(import.meta.url));
const iterations = Number(process.env.BENCH_ITERATIONS ?? 5);
if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`BENCH_ITERATIONS=${process.env.BENCH_ITERATIONS} is not a positive integer`);
const filter = process.argv[2];

interface Row {
  name: string;
  backend: Backend;
  size: number;
  medianMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  timesMs: number[];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function runChild(file: string, backend: Backend, pgUrl: string | undefined): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'child.ts'), [file, backend, ...(pgUrl ? [pgUrl] : [])], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_ITERATIONS: String(iterations) },
    });
    let result: ChildResult | undefined;
    child.on('message', (m) => (result = m as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`${path.basename(file)} on ${backend} exited with ${code}`)),
    );
  });
}

const pg = await postgresUrl();
const backends: Backend[] = 'url' in pg ? ['sqlite', 'postgres'] : ['sqlite'];
if ('skipped' in pg) console.log(`postgres skipped: ${pg.skipped}`);

const files = fs
  .readdirSync(path.join(here, 'scenarios'))
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => path.join(here, 'scenarios', f));

const rows: Row[] = [];
for (const file of files) {
  const scenario = ((await import(file)) as { default: Scenario }).default;
  if (filter && !scenario.name.includes(filter)) continue;
  for (const backend of backends.filter((b) => !scenario.backends || scenario.backends.includes(b))) {
    process.stdout.write(`${scenario.name} on ${backend} (${iterations}×)… `);
    const r = await runChild(file, backend, 'url' in pg ? pg.url : undefined);
    const medianMs = median(r.times);
    rows.push({
      name: scenario.name,
      backend,
      size: r.size,
      medianMs,
      rowsPerSecond: r.size / (medianMs / 1000),
      peakRssMb: r.maxRssMb,
      timesMs: r.times,
    });
    console.log(`${medianMs.toFixed(0)} ms`);
  }
}

const header = ['name', 'backend', 'size', 'median ms', 'rows/s', 'peak RSS MB'];
const cells = rows.map((r) => [r.name, r.backend, String(r.size), r.medianMs.toFixed(1), r.rowsPerSecond.toFixed(0), r.peakRssMb.toFixed(0)]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) => `| ${c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
console.log(['', line(header), `|${widths.map((w, i) => '-'.repeat(w + 1) + (i < 2 ? '-' : ':')).join('|')}|`, ...cells.map(line)].join('\n'));

const outDir = path.join(here, 'out');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, iterations, results: rows }, null, 2));
console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
