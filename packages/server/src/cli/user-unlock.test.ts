import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../features/demo/demo-users.js';
import { demoTown, type TestTown } from '../testing/harness.js';
import { loginFrom } from '../testing/security.js';
import { unlockUser } from './user-commands.js';

// #13 item 13: `gongyi user unlock <username> --town CODE` lifts a lockout from the server's console
// (a town whose only security administrator is the one locked out), audited in the town's chain.

describe('gongyi user unlock (#13)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('lifts the account’s lockout and every address’s wait, audited', async () => {
    for (let i = 0; i < 20; i++) await loginFrom(t, `10.9.0.${i}`, 'security', 'wrong-password');
    expect((await loginFrom(t, '10.9.1.1', 'security', DEMO_PASSWORD)).status).toBe(401);
    const said = await unlockUser(t.database, t.runtime, t.townCode, 'security');
    expect(said).toContain('已解除');
    expect((await loginFrom(t, '10.9.1.1', 'security', DEMO_PASSWORD)).status).toBe(200);
    expect((await loginFrom(t, '10.9.0.1', 'security', DEMO_PASSWORD)).status).toBe(200);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('town_id', '=', t.townId).where('action', '=', 'user.unlock').executeTakeFirstOrThrow();
    expect(audit.actor).toContain('gongyi user unlock');
  });

  it('names an unknown user or town in one Chinese sentence', async () => {
    await expect(unlockUser(t.database, t.runtime, t.townCode, 'no-such-user')).rejects.toThrow('没有用户“no-such-user”');
    await expect(unlockUser(t.database, t.runtime, 'no-such-town', 'security')).rejects.toThrow('请用 --town 指定镇代码');
    await expect(unlockUser(t.database, t.runtime, t.townCode, undefined)).rejects.toThrow('请指定要解锁的用户名');
  });
});

describe('the unlock command as an operator runs it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-unlock-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const BIN = new URL('../../bin/gongyi.js', import.meta.url).pathname;
  const gongyi = (args: string[]) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, GONGYI_DATA_DIR: dir }, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('unlocks with a positional username, and refuses an unknown one with exit 1', () => {
    expect(gongyi(['seed-demo']).code).toBe(0);
    const db = new SqliteDriver(path.join(dir, 'gongyi.sqlite'));
    const town = db.prepare("select id from towns where code = 'xiaokunshan'").get() as { id: string };
    db.prepare("insert into rate_limits values (?, 'login', 'admin', '*', 20, '2026-01-01T00:00:00.000+08:00', '2099-01-01T00:00:00.000+08:00', '2026-01-01T00:00:00.000+08:00')").run(town.id);
    db.close();

    const ok = gongyi(['user', 'unlock', 'admin', '--town', 'xiaokunshan']);
    expect([ok.code, ok.err]).toEqual([0, '']);
    expect(ok.out).toContain('已解除');
    const after = new SqliteDriver(path.join(dir, 'gongyi.sqlite'), { readonly: true });
    expect(after.prepare("select count(*) n from rate_limits where subject = 'admin'").get()).toEqual({ n: 0 });
    expect(after.prepare("select count(*) n from audit_log where action = 'user.unlock'").get()).toEqual({ n: 1 });
    after.close();

    const unknown = gongyi(['user', 'unlock', 'nobody', '--town', 'xiaokunshan']);
    expect(unknown.code).toBe(1);
    expect(unknown.err.trim().split('\n')).toHaveLength(1);
    expect(unknown.err).toContain('没有用户“nobody”');
  }, 120_000);
});
