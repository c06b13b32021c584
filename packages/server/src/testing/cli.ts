import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Running the `gongyi` command as an operator does, for tests: a real process, real files.

export const GONGYI_BIN = new URL('../../bin/gongyi.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs one command to its end (DATABASE_URL only when `env` gives it). `uid` runs it as another user (root only). */
export function runGongyi(args: string[], env: Record<string, string> = {}, options: { uid?: number; timeoutMs?: number } = {}): CliResult {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const r = spawnSync(process.execPath, [GONGYI_BIN, ...args], {
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking this process (a test that writes meanwhile). */
export function runGongyiAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, [GONGYI_BIN, ...args], { env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, out, err })));
}

/** Temporary folders, removed after the file's tests. */
export function tempDirs(prefix = 'gongyi-cli-'): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
