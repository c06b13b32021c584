import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// #8 part 6: `gongyi ledger check` as an operator runs it against the demo database: exit 0 when
// every stored balance equals the rebuild from the entries and every approved run its postings;
// exit 1 naming the account (and month) once a stored balance is tampered with.

const BIN = new URL('../../bin/gongyi.js', import.meta.url).pathname;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-ledger-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function gongyi(args: string[]) {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...base, GONGYI_DATA_DIR: dir }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gongyi ledger check', () => {
  it('passes on a clean demo database and names the account whose stored balance was tampered with', () => {
    expect(gongyi(['seed-demo']).code).toBe(0);
    const clean = gongyi(['ledger', 'check']);
    expect(clean.code, clean.err).toBe(0);
    expect(clean.out).toMatch(/✓ 小昆山镇（xiaokunshan）：\d+ 笔凭证、\d+ 个账户的余额按凭证重算一致/);
    expect(gongyi(['ledger', 'check', '--town', 'xiaokunshan']).code).toBe(0);
    expect(gongyi(['ledger', 'check', '--town', 'nowhere']).err).toContain('没有代码为 nowhere 的镇');

    const db = new SqliteDriver(path.join(dir, 'gongyi.sqlite'));
    const target = db
      .prepare("select b.account_id, b.period, a.name from ledger_balances b join ledger_accounts a on a.town_id = b.town_id and a.id = b.account_id where a.type = 'coop' order by a.code limit 1")
      .get() as { account_id: string; period: string; name: string };
    db.prepare('update ledger_balances set debit_fen = debit_fen + 100 where account_id = ? and period = ?').run(target.account_id, target.period);
    db.close();
    const broken = gongyi(['ledger', 'check']);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`✗ 小昆山镇（xiaokunshan）：账户“${target.name}”${target.period} 的余额`);
    expect(broken.err).toMatch(/按凭证重算为 -?\d+ 分，存储为 -?\d+ 分/);
  }, 180_000);
});
