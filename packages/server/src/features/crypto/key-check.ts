import { createHmac, hkdfSync } from 'node:crypto';
import type { Database, Executor } from '../../db/database.js';
import { StartupError } from '../../startup-error.js';
import { createKeyFile, keyringOrigin, keySource, readKeyring, type Key, type Keyring } from './keyring.js';

// #13 item 4: the database remembers, per key id, an HMAC of a fixed label under the key (never the
// key). A start with another key — a lost key file silently replaced, a wrong GONGYI_SECRET_KEY, a
// restore with the wrong X.key — is refused before any request decrypts, hashes or registers an ID
// under a key that does not belong to this database.

const LABEL = 'gongyi key check v1';

export interface KeyCheckRow {
  key_id: string;
  check_value: string;
}

export function keyCheckValue(key: Buffer): string {
  const checkKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gongyi-key-check', 32));
  return createHmac('sha256', checkKey).update(LABEL).digest('base64url');
}

/** The first key id whose stored check value the keyring contradicts (a different key, or one the keyring lacks); null when all agree. */
export function contradictedKey(keys: Key[], stored: KeyCheckRow[]): { keyId: string; missing: boolean } | null {
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  for (const row of stored) {
    const key = byId.get(row.key_id);
    if (!key) return { keyId: row.key_id, missing: true };
    if (keyCheckValue(key) !== row.check_value) return { keyId: row.key_id, missing: false };
  }
  return null;
}

export function keyMismatchMessage(origin: string, location: string, problem: { keyId: string; missing: boolean }): string {
  const what = problem.missing ? `缺少数据库（${location}）登记过的密钥 ${problem.keyId}` : `中的密钥 ${problem.keyId} 与数据库（${location}）登记的校验值不符`;
  return (
    `密钥不匹配：${origin} ${what}。用错密钥会使已加密的身份证、电话、银行卡号无法读取、身份证查重失效，已拒绝启动。` +
    `请从备份恢复与该数据库一同备份的密钥文件（gongyi backup --with-key 生成的 .key），或改正密钥环境变量后再启动。`
  );
}

/** Null when the database is not migrated this far yet. */
async function storedChecksIfMigrated(db: Executor): Promise<KeyCheckRow[] | null> {
  try {
    return await db.selectFrom('key_checks').select(['key_id', 'check_value']).execute();
  } catch {
    return null;
  }
}

async function storedChecks(db: Executor): Promise<KeyCheckRow[]> {
  const rows = await storedChecksIfMigrated(db);
  if (!rows) throw new StartupError('数据库尚未迁移到最新结构（缺少 key_checks 表）。请先运行 gongyi migrate。');
  return rows;
}

/** A ciphertext under `keyId` from the database, if there is one (a database from before key checks). */
async function sampleCipher(db: Executor, keyId: string): Promise<string | undefined> {
  const prefix = `${keyId}:%`;
  const person = await db.selectFrom('persons').select('id_cipher as c').where('id_cipher', 'like', prefix).limit(1).executeTakeFirst();
  if (person) return person.c;
  const user = await db.selectFrom('users').select('totp_secret as c').where('totp_secret', 'like', prefix).limit(1).executeTakeFirst();
  return user?.c ?? undefined;
}

function decrypts(keyring: Keyring, cipher: string): boolean {
  try {
    keyring.decrypt(cipher);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a keyring that contradicts the database's check values; records the check value of each
 * key the database has not seen (its first start, a rotation, or a database from before key checks,
 * where a ciphertext under that key must first decrypt).
 */
export async function checkKeyring(database: Database, keyring: Keyring, origin: string, now = new Date()): Promise<void> {
  const { keys } = keySource(keyring)!;
  const stored = await storedChecks(database.db);
  const problem = contradictedKey(keys, stored);
  if (problem) throw new StartupError(keyMismatchMessage(origin, database.location, problem));
  const known = new Set(stored.map((r) => r.key_id));
  for (const key of keys.filter((k) => !known.has(k.id))) {
    const sample = await sampleCipher(database.db, key.id);
    if (sample !== undefined && !decrypts(keyring, sample)) {
      throw new StartupError(keyMismatchMessage(origin, database.location, { keyId: key.id, missing: false }));
    }
    await database.db
      .insertInto('key_checks')
      .values({ key_id: key.id, check_value: keyCheckValue(key.key), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('key_id').doNothing())
      .execute();
  }
  // Two servers starting at once may both have recorded: read back and compare once more.
  const after = contradictedKey(keys, await storedChecks(database.db));
  if (after) throw new StartupError(keyMismatchMessage(origin, database.location, after));
}

/** True when the database already holds data or check values that some key was used for. */
async function keyInUse(db: Executor): Promise<boolean> {
  const check = await db.selectFrom('key_checks').select('key_id').limit(1).executeTakeFirst();
  const town = await db.selectFrom('towns').select('id').limit(1).executeTakeFirst();
  return Boolean(check ?? town);
}

/**
 * The keyring for a command or server that reads or writes personal numbers: the configured one,
 * checked against the database; a new key file only for a database that holds no data and no
 * check value yet (never silently replacing a lost key, #13 item 4).
 */
export async function openKeyring(database: Database, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Keyring> {
  const origin = keyringOrigin(dataDir, env);
  let keyring = readKeyring(dataDir, env);
  if (!keyring) {
    await storedChecks(database.db); // names a database that is not migrated yet
    if (await keyInUse(database.db)) {
      throw new StartupError(
        `找不到密钥：${origin} 不存在，也未设置 GONGYI_SECRET_KEY，但数据库（${database.location}）中已有数据，其中的身份证、电话、银行卡号是用原密钥加密的。` +
          `为免生成新密钥使这些数据无法读取，已拒绝启动。请从备份恢复密钥文件（gongyi backup --with-key 生成的 .key）到该位置，或设置 GONGYI_SECRET_KEY，再启动。`,
      );
    }
    keyring = createKeyFile(dataDir);
  }
  await checkKeyring(database, keyring, origin);
  return keyring;
}

/** For commands that do not need the key: a configured key is still checked, an absent one is not made. */
export async function checkConfiguredKeyring(database: Database, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const keyring = readKeyring(dataDir, env);
  if (!keyring) return;
  if (!(await storedChecksIfMigrated(database.db))) return; // not migrated yet: `migrate` runs first
  await checkKeyring(database, keyring, keyringOrigin(dataDir, env));
}
