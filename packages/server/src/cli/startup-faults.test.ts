import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect.js';
import { GONGYI_BIN, runGongyi, tempDirs } from '../testing/cli.js';

// #13 items 4 and 6 as an operator meets them on SQLite: a lost or wrong key, a 0-byte file, a
// folder the server may not write, a damaged file. Each ends in one Chinese line and exit 1.

const tempDir = tempDirs();
const oneLine = (err: string) => err.trim().split('\n');
const NOBODY = 65534;

function seeded(): { dir: string; env: Record<string, string>; file: string } {
  const dir = tempDir();
  const env = { GONGYI_DATA_DIR: dir };
  expect(runGongyi(['seed-demo'], env).code).toBe(0);
  return { dir, env, file: path.join(dir, 'gongyi.sqlite') };
}

describe('start-up faults (#13 items 4 and 6)', { timeout: 120_000 }, () => {
  it('refuses to start on a database whose key file is lost or replaced, and makes no new key', () => {
    const { dir, env } = seeded();
    const keyFile = path.join(dir, 'secret.key');
    const original = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    const lost = runGongyi(['serve', '--port', '0', '--no-demo'], env, { timeoutMs: 30_000 });
    expect(lost.code).toBe(1);
    expect(oneLine(lost.err)).toHaveLength(1);
    expect(lost.err).toContain(`找不到密钥：密钥文件 ${keyFile} 不存在`);
    expect(fs.existsSync(keyFile)).toBe(false);
    // Someone makes a new key file by hand: refused by every command, not only serve.
    fs.writeFileSync(keyFile, JSON.stringify({ current: 'k1', keys: [{ id: 'k1', key: Buffer.alloc(32, 5).toString('base64') }] }), { mode: 0o600 });
    for (const args of [['user', 'create', '--role', 'system_admin', '--username', 'chief'], ['audit', 'verify'], ['serve', '--port', '0']]) {
      const wrong = runGongyi(args, env, { timeoutMs: 30_000 });
      expect(wrong.code, args.join(' ')).toBe(1);
      expect(wrong.err).toContain(`密钥不匹配：密钥文件 ${keyFile} 中的密钥 k1 与数据库`);
    }
    fs.writeFileSync(keyFile, original);
    expect(runGongyi(['user', 'create', '--role', 'system_admin', '--username', 'chief'], env).code).toBe(0);
  });

  it('refuses an existing 0-byte database file (no demo town with its known password) unless seed-demo is asked', () => {
    const dir = tempDir();
    const file = path.join(dir, 'gongyi.sqlite');
    fs.writeFileSync(file, '');
    const r = runGongyi(['serve', '--port', '0'], { GONGYI_DATA_DIR: dir }, { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err).toContain(`数据库文件 ${file} 是空文件（0 字节）`);
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
    const seed = runGongyi(['seed-demo'], { GONGYI_DATA_DIR: dir });
    expect(seed.code).toBe(0);
    expect(seed.out).toContain('已载入演示镇');
  });

  it('loads the demo town only into a database file this start created, not into an existing one without towns', async () => {
    const dir = tempDir();
    expect(runGongyi(['migrate'], { GONGYI_DATA_DIR: dir }).code).toBe(0);
    const { DATABASE_URL: _ignored, ...base } = process.env;
    const child = spawn(process.execPath, [GONGYI_BIN, 'serve', '--port', '0'], { env: { ...base, GONGYI_DATA_DIR: dir } });
    let out = '';
    await new Promise<void>((started, failed) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Gongyi 已启动')) started();
      });
      child.on('exit', () => failed(new Error(`serve exited: ${out}`)));
    });
    child.kill('SIGTERM');
    expect(out).toContain('未载入演示镇');
    const db = new SqliteDriver(path.join(dir, 'gongyi.sqlite'), { readonly: true });
    expect(db.prepare('select count(*) n from users').get()).toEqual({ n: 0 });
    db.close();
  });

  it('creates a new database file and its -wal and -shm with mode 0600', async () => {
    const dir = tempDir();
    const database = await openDatabase({ dataDir: dir });
    try {
      await database.db.schema.createTable('t').addColumn('x', 'integer').execute();
      for (const name of ['gongyi.sqlite', 'gongyi.sqlite-wal', 'gongyi.sqlite-shm']) {
        expect(fs.statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
      }
      expect(database.createdNow).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('names a data folder it may not write as a permission problem, not a corrupt file', () => {
    const { dir, env, file } = seeded();
    // Root writes anywhere: as root the command runs as nobody, to whom the folder is read-only.
    const asRoot = process.getuid?.() === 0;
    fs.chmodSync(file, 0o644);
    fs.chmodSync(dir, 0o555);
    try {
      const r = runGongyi(['audit', 'verify'], env, asRoot ? { uid: NOBODY } : {});
      expect(r.code).toBe(1);
      expect(oneLine(r.err)).toHaveLength(1);
      expect(r.err).toContain(`没有权限读写 ${dir}`);
      expect(r.err).toContain('这是权限问题，不是文件损坏');
      expect(r.err).not.toContain('可能已损坏');
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it('a damaged database file: audit verify and ledger check print one Chinese line, no stack trace, exit 1', () => {
    const { env, file } = seeded();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    // Page 1 (the schema) stays; the pages after it are overwritten, as a bad disk or a partial copy leaves them.
    fs.writeSync(fd, Buffer.alloc(size - 65536, 0xa5), 0, size - 65536, 32768);
    fs.closeSync(fd);
    for (const args of [['audit', 'verify'], ['ledger', 'check']]) {
      const r = runGongyi(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(oneLine(r.err), r.err).toHaveLength(1);
      expect(r.err).toMatch(/^错误：.*(损坏|malformed)/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
