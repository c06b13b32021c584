import fs from 'node:fs';
import path from 'node:path';
import { chainMac } from '../crypto/chain-mac.js';
import type { Keyring } from '../crypto/keyring.js';
import { checkpointMac, describeCheckpoint, type Checkpoint } from './checkpoints.js';

// The checkpoint file (#13 item 7): `<dataDir>/audit-checkpoints.jsonl`, one checkpoint a line,
// opened O_APPEND with mode 0600 and never rewritten; each line carries the MAC of the one before,
// so a line edited, forged, removed or moved is found. It lives outside the database, so whoever
// rewrites the database cannot make the checkpoints agree; the supervision office exports it
// (`gongyi audit checkpoints --out`, GET /audit/checkpoints) and keeps the copies, which also
// show a cut-off tail. For more, make it append-only on the host (`chattr +a`).

export const checkpointFilePath = (dataDir: string) => path.join(dataDir, 'audit-checkpoints.jsonl');

interface Line extends Checkpoint {
  line_prev: string;
  line_mac: string;
}

const lineMac = (keyring: Keyring, prev: string, c: Checkpoint) => chainMac(keyring, 'gongyi checkpoint v1', ['file', prev, c.town_id, Number(c.seq), c.mac]);

export interface FileCheck {
  checkpoints: Checkpoint[];
  problem: string | null;
}

/** Reads and checks the whole file; a missing file is an empty one. */
export function readCheckpointFile(file: string, keyring: Keyring): FileCheck {
  if (!fs.existsSync(file)) return { checkpoints: [], problem: null };
  const checkpoints: Checkpoint[] = [];
  let prev = '';
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    const fail = (what: string): FileCheck => ({ checkpoints, problem: `检查点文件 ${file} 第 ${i + 1} 行${what}` });
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      return fail('不是有效的检查点记录（文件被改动）');
    }
    const { line_prev, line_mac, ...c } = line;
    if (line_prev !== prev) return fail('与上一行接不上（其前有行被删除、插入或调换）');
    if (checkpointMac(keyring, c) !== c.mac || lineMac(keyring, prev, c) !== line_mac) return fail(`（${describeCheckpoint(c)}）的密钥校验码不符（被改动或伪造）`);
    checkpoints.push(c);
    prev = line_mac;
  }
  return { checkpoints, problem: null };
}

/** Appends `c` unless the file has it already; one writer at a time across processes (a lock file). */
export function appendCheckpoint(file: string, keyring: Keyring, c: Checkpoint): void {
  withLock(`${file}.lock`, () => {
    const { checkpoints, problem } = readCheckpointFile(file, keyring);
    // A damaged file is left as evidence: later lines would only hide where it was damaged.
    if (problem) throw new Error(problem);
    if (checkpoints.some((x) => x.town_id === c.town_id && Number(x.seq) === Number(c.seq))) return;
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const lastLine = text.trimEnd().split('\n').at(-1);
    const prev = lastLine ? (JSON.parse(lastLine) as Line).line_mac : '';
    const line: Line = { ...c, seq: Number(c.seq), audit_seq: Number(c.audit_seq), ledger_seq: Number(c.ledger_seq), line_prev: prev, line_mac: lineMac(keyring, prev, c) };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(line)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

const STALE_LOCK_MS = 30_000;

function withLock(lock: string, work: () => void): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a process killed while appending (an append takes milliseconds).
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`检查点文件被锁定：${lock}`, { cause: e });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
