import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { verifyTownChain } from '../features/audit/audit.service.js';
import { openKeyring } from '../features/crypto/key-check.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { checkLedger } from '../features/ledger/ledger-check.js';
import { buildApp } from '../http/app.js';
import { uuidv7 } from '../runtime.js';
import { runGongyiAsync } from '../testing/cli.js';
import { emptyDatabaseEnv, freshDatabase } from '../testing/fresh-database.js';
import { fixedClock, signIn } from '../testing/harness.js';

// #13 item 5, the restore drill (CI, on the suite's database engine): `gongyi backup --with-key`
// runs while the app keeps posting receipts; `gongyi restore` puts it into a new database; the
// restored copy must equal, table by table, the state after exactly one of the writes (one
// consistent moment amid them), and its audit chain and ledger must verify.

/** Row count and a checksum of every table, independent of row order. */
async function tableSums(database: Database): Promise<Record<string, string>> {
  const names =
    database.kind === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(database.db);
  const sums: Record<string, string> = {};
  for (const { name } of names.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db)).rows;
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
    sums[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return sums;
}

const WRITES_BEFORE = 3;
const WRITES_AFTER = 3;
const MAX_WRITES = 200;

describe('backup and restore drill (#13 item 5)', { timeout: 180_000 }, () => {
  it('backs up while the app writes, restores into a new database with the key, and the copy is one consistent moment', async () => {
    const source = await freshDatabase();
    const target = await emptyDatabaseEnv();
    try {
      const clock = fixedClock();
      const runtime = { clock, newId: uuidv7(clock), keyring: await openKeyring(source.database, source.dataDir, {}) };
      const { townId } = await seedDemo(source.database, runtime, 'drill');
      const app = await buildApp({ database: source.database, runtime, loginRateLimit: 10_000 });
      const finance = await signIn(app, 'drill', 'finance');
      const states = [await tableSums(source.database)];
      // Each write is one transaction; after each, the whole database's sums are what a snapshot taken then would hold.
      const write = async (i: number) => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/towns/${townId}/ledger/receipts`,
          headers: { cookie: finance.cookie, 'x-csrf-token': finance.csrf },
          payload: { sourceCode: 'district_employment_fund', amountFen: 100 + i, receiptNo: `DRILL-${i}`, date: '2026-03-10' },
        });
        expect(res.statusCode, res.body).toBe(201);
        states.push(await tableSums(source.database));
      };
      let i = 0;
      while (i < WRITES_BEFORE) await write(i++);
      const out = path.join(source.dataDir, 'backups', 'drill.backup');
      let done = false;
      const backup = runGongyiAsync(['backup', '--out', out, '--with-key'], source.env).finally(() => (done = true));
      while (!done && i < MAX_WRITES) await write(i++);
      const afterBackup = i + WRITES_AFTER;
      while (i < afterBackup) await write(i++);
      const backedUp = await backup;
      await app.close();
      expect(backedUp.code, backedUp.err).toBe(0);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      expect(fs.statSync(`${out}.key`).mode & 0o777).toBe(0o600);

      const restored = await runGongyiAsync(['restore', '--from', out], target.env);
      expect(restored.code, restored.err).toBe(0);
      expect(restored.out).toContain('已从');
      const keyFile = path.join(target.dataDir, 'secret.key');
      expect(fs.readFileSync(keyFile, 'utf8')).toEqual(fs.readFileSync(path.join(source.dataDir, 'secret.key'), 'utf8'));
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

      const copy = await openDatabase({ databaseUrl: target.url ?? undefined, dataDir: target.dataDir });
      try {
        const sums = await tableSums(copy);
        const moment = states.findIndex((s) => JSON.stringify(s) === JSON.stringify(sums));
        // Exactly the state after one of the writes: not torn, and taken amid them, not before or after all.
        expect(moment, 'the restored copy matches no state the writes passed through').toBeGreaterThanOrEqual(WRITES_BEFORE);
        expect(moment).toBeLessThan(states.length - 1);
        // The restored database opens with the restored key, as a start would check it.
        const keyring = await openKeyring(copy, target.dataDir, {});
        expect(await verifyTownChain(copy.db, keyring, townId)).toMatchObject({ ok: true });
        expect((await checkLedger(copy.db, keyring, townId)).difference).toBeNull();
      } finally {
        await copy.close();
      }
    } finally {
      await source.drop();
      await target.remove();
    }
  });

  it('restores only with the backup’s own key, never over a database in use, and says so when pg_dump is missing', async () => {
    const source = await freshDatabase();
    const target = await emptyDatabaseEnv();
    try {
      await openKeyring(source.database, source.dataDir, {});
      await source.database.db.insertInto('towns').values({ id: 't1', code: 'small', name: '小镇', district: '区', created_at: '2026-03-15T10:00:00+08:00' }).execute();
      if (source.database.kind === 'postgres') {
        const missing = await runGongyiAsync(['backup', '--out', path.join(source.dataDir, 'x.backup')], { ...source.env, PATH: source.dataDir });
        expect(missing.code).toBe(1);
        expect(missing.err).toContain('找不到 pg_dump');
        expect(fs.existsSync(path.join(source.dataDir, 'x.backup'))).toBe(false);
      }
      const out = path.join(source.dataDir, 'small.backup');
      expect((await runGongyiAsync(['backup', '--out', out, '--with-key'], source.env)).code).toBe(0);
      const keyAside = `${out}.kept`;
      fs.renameSync(`${out}.key`, keyAside);
      const keyless = await runGongyiAsync(['restore', '--from', out], target.env);
      expect(keyless.code).toBe(1);
      expect(keyless.err).toContain('找不到它的密钥');
      const otherKey = path.join(source.dataDir, 'other.key');
      fs.writeFileSync(otherKey, JSON.stringify({ current: 'k1', keys: [{ id: 'k1', key: Buffer.alloc(32, 3).toString('base64') }] }));
      const wrong = await runGongyiAsync(['restore', '--from', out, '--key', otherKey], target.env);
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain(`密钥不匹配：密钥文件 ${otherKey} 中的密钥 k1 与数据库（备份 ${out}）登记的校验值不符`);
      // Nothing was put in place by the refusals.
      expect(fs.readdirSync(target.dataDir)).toEqual([]);
      expect((await runGongyiAsync(['restore', '--from', out, '--key', keyAside], target.env)).code).toBe(0);
      const again = await runGongyiAsync(['restore', '--from', out, '--key', keyAside], target.env);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/已存在|已有数据/);
      // A server (here: this test's connection) still has the database open: refused even with --force.
      const open = await openDatabase({ databaseUrl: target.url ?? undefined, dataDir: target.dataDir });
      try {
        const busy = await runGongyiAsync(['restore', '--from', out, '--key', keyAside, '--force'], target.env);
        expect(busy.code).toBe(1);
        expect(busy.err).toContain('服务可能仍在运行');
      } finally {
        await open.close();
      }
      const forced = await runGongyiAsync(['restore', '--from', out, '--key', keyAside, '--force'], target.env);
      expect(forced.code, forced.err).toBe(0);
    } finally {
      await source.drop();
      await target.remove();
    }
  });
});
