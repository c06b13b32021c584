import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUrl } from './backends.ts';
import type { ChildResult } from './child.ts';
import type { Backend, Metrics, Scenario } from './scenario.ts';

// `npm run bench [-- name-filter]`: every scenario in bench/scenarios/ on SQLite, and on PostgreSQL
// when it is reachable. BENCH_ITERATIONS (default: the scenario's own, else 5) runs per scenario; the
// median is reported, and for scenarios that report further figures (load tests) their medians too.

const here = path.dirname(fileURLToPath(import.meta.url));
const given = process.env.BENCH_ITERATIONS;
if (given !== undefined && !(Number.isInteger(Number(given)) && Number(given) >= 1)) throw new Error(`BENCH_ITERATIONS=${given} is not a positive integer`);
const filter = process.argv[2];

interface Row {
  name: string;
  backend: Backend;
  size: number;
  medianMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  timesMs: number[];
  metrics: Metrics;
  iterationMetrics: Metrics[];
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
    process.stdout.write(`${scenario.name} on ${backend} (${given ?? scenario.iterations ?? 5}×)… `);
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
      metrics: Object.fromEntries(Object.keys(r.metrics[0] ?? {}).map((k) => [k, median(r.metrics.map((m) => m[k]!))])),
      iterationMetrics: r.metrics,
    });
    console.log(`${medianMs.toFixed(0)} ms`);
  }
}

/** A Markdown table: the first two columns left-aligned, the rest right-aligned. */
function table(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  return ['', line(header), `|${widths.map((w, i) => '-'.repeat(w + 1) + (i < 2 ? '-' : ':')).join('|')}|`, ...cells.map(line)].join('\n');
}

console.log(
  table(
    ['name', 'backend', 'size', 'median ms', 'rows/s', 'peak RSS MB'],
    rows.map((r) => [r.name, r.backend, String(r.size), r.medianMs.toFixed(1), r.rowsPerSecond.toFixed(0), r.peakRssMb.toFixed(0)]),
  ),
);
// Further figures, one table per scenario that reports them (their keys are the columns).
for (const name of new Set(rows.filter((r) => Object.keys(r.metrics).length > 0).map((r) => r.name))) {
  const some = rows.filter((r) => r.name === name);
  const keys = Object.keys(some[0]!.metrics);
  const fmt = (v: number | undefined) => (v === undefined ? '' : Number.isInteger(v) ? String(v) : v.toFixed(1));
  console.log(table(['name', 'backend', ...keys], some.map((r) => [r.name, r.backend, ...keys.map((k) => fmt(r.metrics[k]))])));
}

const outDir = path.join(here, 'out');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, results: rows }, null, 2));
console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
