import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// The `gongyi` command as an operator meets it: real processes, real files.

const BIN = new URL('../../bin/gongyi.js', import.meta.url).pathname;
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function gongyi(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gongyi CLI', { timeout: 120_000 }, () => {
  it('lists its commands and explains each with --help', () => {
    const help = gongyi(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed-demo', 'backup']) expect(help.out).toContain(name);
    expect(gongyi(['backup', '--help']).out).toContain('--out');
  });

  it('refuses an unknown command or flag with one line and exit code 2', () => {
    const flag = gongyi(['migrate', '--force']);
    expect(flag.code).toBe(2);
    expect(flag.err.trim().split('\n')).toHaveLength(1);
    expect(flag.err).toContain('参数有误');
    expect(gongyi(['migrat']).err).toContain('未知命令');
  });

  it('migrates, seeds the demo town once, and backs up to a new file only', () => {
    const dir = tempDir();
    const env = { GONGYI_DATA_DIR: dir };
    expect(gongyi(['migrate'], env).out).toContain('已应用迁移');
    expect(gongyi(['migrate'], env).out).toContain('已是最新结构');
    expect(gongyi(['seed-demo'], env).out).toContain('已载入演示镇');
    expect(gongyi(['seed-demo'], env).out).toContain('未做改动');
    const out = path.join(dir, 'backups', 'copy.sqlite');
    const backup = gongyi(['backup', '--out', out], env);
    expect(backup.code).toBe(0);
    const copy = new SqliteDriver(out, { readonly: true });
    expect(copy.prepare('select count(*) n from teams').get()).toEqual({ n: 15 });
    copy.close();
    const again = gongyi(['backup', '--out', out], env);
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在，未覆盖');
  });

  it('creates the first administrator with a one-time password, and audit verify names a tampered record', () => {
    const dir = tempDir();
    const env = { GONGYI_DATA_DIR: dir };
    gongyi(['seed-demo'], env);
    const created = gongyi(['user', 'create', '--role', 'system_admin', '--username', 'chief', '--town', 'xiaokunshan'], env);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/一次性密码：\S{19}/);
    const verified = gongyi(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('哈希链、密钥校验码与检查点一致');
    // #13 item 7: verify left a checkpoint in the append-only file, which the office exports.
    expect(fs.statSync(path.join(dir, 'audit-checkpoints.jsonl')).mode & 0o777).toBe(0o600);
    const copy = path.join(dir, 'kept.jsonl');
    expect(gongyi(['audit', 'checkpoints', '--out', copy], env).out).toContain('已导出');
    expect(fs.readFileSync(copy, 'utf8')).toContain('"audit_mac"');
    const db = new SqliteDriver(path.join(dir, 'gongyi.sqlite'));
    const head = (db.prepare('select max(seq) n from audit_log').get() as { n: number }).n;
    // An insider cuts the last records off, and removes the checkpoints the database held: the file still knows.
    db.prepare('delete from audit_log where seq > ?').run(head - 2);
    db.prepare('delete from audit_checkpoints').run();
    db.close();
    const truncated = gongyi(['audit', 'verify'], env);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/✗ 小昆山镇（xiaokunshan）：检查点文件中的第 \d+ 个检查点（.*）在数据库中被删除或改动/);
    const edited = new SqliteDriver(path.join(dir, 'gongyi.sqlite'));
    edited.prepare("update audit_log set after_json = '{}' where seq = 7").run();
    edited.close();
    fs.rmSync(path.join(dir, 'audit-checkpoints.jsonl'));
    const broken = gongyi(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('✗ 小昆山镇（xiaokunshan）：第 7 条记录');
    expect(gongyi(['user', 'create', '--role', 'emperor', '--username', 'x'], env).err).toContain('请用 --role 指定角色');
  }, 120_000);

  it('creates the key file with mode 0600 and rotates keys, re-encrypting every number', () => {
    const dir = tempDir();
    const env = { GONGYI_DATA_DIR: dir };
    gongyi(['seed-demo'], env);
    const keyFile = path.join(dir, 'secret.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // A TOTP secret an earlier version stored in clear: the rotation encrypts it too.
    const before = new SqliteDriver(path.join(dir, 'gongyi.sqlite'));
    before.prepare("update users set totp_secret = 'JBSWY3DPEHPK3PXP' where username = 'leader'").run();
    before.close();
    const rotated = gongyi(['keys', 'rotate'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/新密钥 k2.*重新加密了 \d{4} 个字段/);
    const db = new SqliteDriver(path.join(dir, 'gongyi.sqlite'), { readonly: true });
    expect(db.prepare("select totp_secret s from users where username = 'leader'").get()).toEqual({ s: expect.stringMatching(/^k2:/) });
    const stale = db.prepare("select count(*) n from persons where id_cipher not like 'k2:%' or phone_cipher not like 'k2:%'").get();
    const sample = db.prepare('select id_cipher from persons limit 1').get() as { id_cipher: string };
    db.close();
    expect(stale).toEqual({ n: 0 });
    expect(sample.id_cipher).not.toMatch(/\d{17}/);
    // the rotated data still reads: the seed is recognised and verify passes
    expect(gongyi(['seed-demo'], env).out).toContain('未做改动');
    expect(gongyi(['audit', 'verify'], env).code).toBe(0);
  });

  it('names a corrupt database file and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'gongyi.sqlite');
    const junk = Buffer.from('this is not a database, it is a spreadsheet someone renamed'.repeat(100));
    fs.writeFileSync(file, junk);
    const r = gongyi(['migrate'], { GONGYI_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('无法打开 SQLite 数据库');
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });

  it('says plainly when PostgreSQL cannot be reached', () => {
    const r = gongyi(['migrate'], { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('无法连接 PostgreSQL');
    expect(r.err).not.toContain('secret');
  });

  it('says plainly when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-demo'], {
        env: { ...process.env, GONGYI_DATA_DIR: tempDir(), DATABASE_URL: '' },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((done) => child.on('exit', done));
      expect(code).toBe(1);
      expect(err).toContain(`端口 ${port} 已被占用`);
    } finally {
      blocker.close();
    }
  });
});
