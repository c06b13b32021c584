import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Metrics } from './scenario.ts';

// HTTP load against a real app server: the server in a child process (bench/server.ts) and the
// load generator (autocannon) in the scenario's process, each pinned to a CPU of its own when the
// machine has two and `taskset` exists. Only 127.0.0.1 is ever targeted; every run is bounded in
// time (duration + a guard) and so in count (rate × duration).

const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

/** BENCH_SERVER_WORKERS: app server processes (node:cluster, as `gongyi serve --workers N`). */
export const SERVER_WORKERS = Number(process.env.BENCH_SERVER_WORKERS ?? 1);
if (!(Number.isInteger(SERVER_WORKERS) && SERVER_WORKERS >= 1 && SERVER_WORKERS <= 8)) throw new Error('BENCH_SERVER_WORKERS must be 1–8');

// Several server processes share the CPUs with the load generator: nothing is pinned then.
const canPin = (() => {
  if (SERVER_WORKERS > 1 || os.availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Pins this process (all its threads) to one CPU; false when pinning is not possible. */
export function pinSelf(cpu: number): boolean {
  if (canPin) execFileSync('taskset', ['-a', '-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
  return canPin;
}

function waitFor<T>(what: string, ms: number, start: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    start(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export interface Server {
  url: string;
  /** Stops the server; resolves to its peak RSS in MB. */
  stop(): Promise<number>;
}

/** Starts bench/server.ts on `where` (a SQLite file or a postgres:// URL). */
export async function startServer(where: string): Promise<Server> {
  const command = [process.execPath, '--import', 'tsx', path.join(here, 'server.ts'), where];
  const [file, ...args] = canPin ? ['taskset', '-c', String(SERVER_CPU), ...command] : command;
  const child = spawn(file!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited: ((e: Error) => void) | undefined;
  child.on('exit', (code) => exited?.(new Error(`server exited with ${code}`)));
  const { port } = await waitFor<{ port: number }>('server start', 60_000, (resolve, reject) => {
    exited = reject;
    child.once('message', (m) => resolve(m as { port: number }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      try {
        const { maxRssMb } = await waitFor<{ maxRssMb: number }>('server stop', 30_000, (resolve, reject) => {
          exited = reject;
          child.once('message', (m) => resolve(m as { maxRssMb: number }));
          child.send('stop');
        });
        return maxRssMb;
      } finally {
        if (child.exitCode === null) child.kill();
      }
    },
  };
}

/** Signs in and returns the Cookie header for later requests. */
export async function signIn(url: string, body: { townCode: string; username: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('gongyi_session='));
  if (!cookie) throw new Error('sign-in set no gongyi_session cookie');
  return cookie;
}

export interface Load {
  url: string;
  /** Request paths, sent in turn. */
  paths: string[];
  headers: Record<string, string>;
  /** Requests per second across all connections. */
  rate: number;
  seconds: number;
  connections: number;
}

/**
 * One autocannon run at a fixed overall rate; stopped by a guard if it overruns by 30 s. Latencies
 * are response times as measured: autocannon's coordinated-omission correction assumes one request
 * every ceil(1 / per-connection rate) = 1 ms and adds a synthetic sample for every millisecond of
 * each response (some 17 per real one here), which makes p99 swing between runs (31 vs 235 ms); its
 * rate is a per-second quota per connection, so there is no fixed schedule to correct against.
 */
export async function load(o: Load): Promise<autocannon.Result> {
  if (!new URL(o.url).hostname.startsWith('127.')) throw new Error(`load only targets 127.0.0.1, not ${o.url}`);
  let next = 0;
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    overallRate: o.rate,
    ignoreCoordinatedOmission: true,
    duration: o.seconds,
    timeout: 10,
    headers: o.headers,
    requests: [{ setupRequest: (request) => ({ ...request, path: o.paths[next++ % o.paths.length]! }) }],
  });
  const guard = setTimeout(() => instance.stop(), (o.seconds + 30) * 1000);
  try {
    return await instance;
  } finally {
    clearTimeout(guard);
  }
}

/** The figures BENCHMARKS.md reports for a load run. */
export function loadMetrics(r: autocannon.Result, serverRssMb: number): Metrics {
  return {
    'p50 ms': r.latency.p50,
    'p90 ms': r.latency.p90,
    'p99 ms': r.latency.p99,
    'max ms': r.latency.max,
    'rps': r.requests.total / r.duration,
    'requests': r.requests.total,
    'errors': r.errors,
    'non-2xx': r.non2xx,
    'server RSS MB': Math.round(serverRssMb),
  };
}
