import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { StartupError } from '../startup-error.js';

// Several app server processes on one machine (node:cluster): they share the listening socket and
// the kernel hands connections round the workers. The design already allows many app servers
// against one database (sessions, caches and limits live in the database or are keyed on versions
// read from it), so the workers need nothing from each other. SQLite in WAL mode lets them all read
// at once; writes take turns (busy_timeout).

export const isClusterWorker = () => cluster.isWorker;

/** `--workers N` / GONGYI_WORKERS: a count, or "auto" for one per CPU. */
export function workerCount(given: string | undefined): number {
  if (given === undefined || given === '') return 1;
  if (given === 'auto') return os.availableParallelism();
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new StartupError(`--workers / GONGYI_WORKERS=${given} 应为 1–64 的整数或 auto。`);
  return n;
}

/**
 * In the primary: forks `count` workers (each re-runs this command and serves), resolves once all
 * listen, and stops them on SIGINT/SIGTERM. A worker that dies before listening fails the start;
 * one that dies later is replaced.
 */
export function runWorkers(count: number, env: Record<string, string> = {}): Promise<{ workers: Worker[]; address: string }> {
  return new Promise((resolve, reject) => {
    let listening = 0;
    let address = '';
    let stopping = false;
    const workers = new Set<Worker>();
    const fork = (starting: boolean) => {
      const worker = cluster.fork(env);
      workers.add(worker);
      worker.once('listening', (a) => {
        if (!starting) return;
        address = `${a.address}:${a.port}`;
        if (++listening === count) resolve({ workers: [...workers], address });
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) {
          if (workers.size === 0 && listening === count) process.exit(0);
          return;
        }
        if (starting && listening < count) {
          stopping = true;
          for (const w of workers) w.kill();
          reject(new StartupError(`服务进程启动失败（退出码 ${code ?? signal}），详见上方信息。`));
          return;
        }
        console.error(`服务进程 ${worker.process.pid} 意外退出（${code ?? signal}），正在重启。`);
        fork(false);
      });
    };
    for (let i = 0; i < count; i++) fork(true);
    const stop = () => {
      stopping = true;
      for (const w of workers) w.kill('SIGTERM');
      setTimeout(() => process.exit(0), 5000).unref();
      if (workers.size === 0) process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
