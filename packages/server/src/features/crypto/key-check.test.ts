import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../testing/fresh-database.js';
import { checkKeyring, keyCheckValue, openKeyring } from './key-check.js';
import { keyFilePath, makeKeyring } from './keyring.js';

// #13 item 4 on each database: the key check values that stop a start with a lost or wrong key.

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const wrong = { id: 'k1', key: Buffer.alloc(32, 9) };
const NOW = '2026-03-15T02:00:00.000Z';

let fresh: FreshDatabase | null = null;
afterEach(async () => {
  await fresh?.drop();
  fresh = null;
});

async function withTown(f: FreshDatabase, cipher?: string): Promise<void> {
  await f.database.db.insertInto('towns').values({ id: 't1', code: 'kc', name: '测试镇', district: '测试区', created_at: NOW }).execute();
  if (!cipher) return;
  await f.database.db
    .insertInto('persons')
    .values({
      town_id: 't1', id: 'p1', name: '张三', id_cipher: cipher, id_hash: 'h', id_tail_hash: 'h', birth_date: '1970-01-01', sex: 'M',
      household_registration: '', address: '', bank_name: '', disability_certificate: '', emergency_contact_name: '', created_at: NOW, updated_at: NOW,
    })
    .execute();
}

describe('key check values (#13 item 4)', { timeout: 60_000 }, () => {
  it('records a check value for each key, never the key, and refuses another key afterwards', async () => {
    fresh = await freshDatabase();
    await checkKeyring(fresh.database, makeKeyring([k1], 'k1'), '测试密钥');
    const rows = await fresh.database.db.selectFrom('key_checks').selectAll().execute();
    expect(rows).toEqual([{ key_id: 'k1', check_value: keyCheckValue(k1.key), created_at: expect.any(String) }]);
    expect(rows[0]!.check_value).not.toContain(k1.key.toString('base64'));
    await checkKeyring(fresh.database, makeKeyring([k1], 'k1'), '测试密钥'); // the same key starts again
    await expect(checkKeyring(fresh.database, makeKeyring([wrong], 'k1'), '密钥文件 /x/secret.key')).rejects.toThrow(
      /密钥不匹配：密钥文件 \/x\/secret\.key 中的密钥 k1 与数据库.*不符/,
    );
  });

  it('follows a rotation: the new key is recorded, and a keyring that lost it is refused', async () => {
    fresh = await freshDatabase();
    await checkKeyring(fresh.database, makeKeyring([k1], 'k1'), 'x');
    await checkKeyring(fresh.database, makeKeyring([k1, k2], 'k2'), 'x');
    const ids = (await fresh.database.db.selectFrom('key_checks').select('key_id').orderBy('key_id').execute()).map((r) => r.key_id);
    expect(ids).toEqual(['k1', 'k2']);
    await expect(checkKeyring(fresh.database, makeKeyring([k1], 'k1'), 'x')).rejects.toThrow(/缺少数据库.*登记过的密钥 k2/);
  });

  it('a database from before check values: a key that cannot read its ciphertexts is refused, the right one recorded', async () => {
    fresh = await freshDatabase();
    await withTown(fresh, makeKeyring([k1], 'k1').encrypt('11010519491231002X'));
    await expect(checkKeyring(fresh.database, makeKeyring([wrong], 'k1'), 'x')).rejects.toThrow(/密钥不匹配/);
    expect(await fresh.database.db.selectFrom('key_checks').selectAll().execute()).toEqual([]);
    await checkKeyring(fresh.database, makeKeyring([k1], 'k1'), 'x');
    expect(await fresh.database.db.selectFrom('key_checks').select('key_id').execute()).toEqual([{ key_id: 'k1' }]);
  });

  it('makes a key file only for a database with no data and no check value', async () => {
    fresh = await freshDatabase();
    const env = {};
    const keyring = await openKeyring(fresh.database, fresh.dataDir, env);
    const file = keyFilePath(fresh.dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await openKeyring(fresh.database, fresh.dataDir, env)).hash('id', 'A')).toBe(keyring.hash('id', 'A'));
    // The key file is lost: the database has a check value, so no new key is made.
    fs.rmSync(file);
    await expect(openKeyring(fresh.database, fresh.dataDir, env)).rejects.toThrow(/找不到密钥：密钥文件 .*secret\.key 不存在.*已拒绝启动/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('makes no key for a database that already holds a town, and checks a key given in the environment', async () => {
    fresh = await freshDatabase();
    await withTown(fresh);
    await expect(openKeyring(fresh.database, fresh.dataDir, {})).rejects.toThrow(/已有数据/);
    expect(fs.existsSync(path.join(fresh.dataDir, 'secret.key'))).toBe(false);
    const env = { GONGYI_SECRET_KEY: k1.key.toString('base64') };
    await openKeyring(fresh.database, fresh.dataDir, env);
    await expect(openKeyring(fresh.database, fresh.dataDir, { GONGYI_SECRET_KEY: wrong.key.toString('base64') })).rejects.toThrow(
      /环境变量 GONGYI_SECRET_KEY 中的密钥 k1 与数据库.*不符/,
    );
  });
});
