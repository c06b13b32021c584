import { loadConfig } from '../config.js';
import { addKeyToFile, type Keyring } from '../features/crypto/keyring.js';
import { openKeyring } from '../features/crypto/key-check.js';
import type { Database } from '../db/database.js';
import { openTotpSecret, sealTotpSecret } from '../features/auth/totp.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

const CIPHER_COLUMNS = ['id_cipher', 'phone_cipher', 'bank_account_cipher', 'emergency_contact_phone_cipher'] as const;

/**
 * Re-encrypts every personal number under the keyring's current key, a batch of people at a time,
 * each batch in its own transaction (a crash leaves some rows on the old key, which still reads;
 * running the command again finishes the job), then the users' TOTP secrets (encrypting any a
 * version before encryption stored in clear). Returns the number of values re-encrypted.
 */
export async function reencryptAll(database: Database, keyring: Keyring, batch = 1000): Promise<number> {
  let changed = 0;
  const towns = await database.db.selectFrom('towns').select('id').execute();
  for (const town of towns) {
    changed += await reencryptPersons(database, keyring, town.id, batch);
    changed += await reencryptTotpSecrets(database, keyring, town.id);
  }
  return changed;
}

async function reencryptPersons(database: Database, keyring: Keyring, townId: string, batch: number): Promise<number> {
  const prefix = `${keyring.currentKeyId}:`;
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await database.db
      .selectFrom('persons')
      .select(['id', ...CIPHER_COLUMNS])
      .where('town_id', '=', townId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return changed;
    await database.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const patch: Partial<Record<(typeof CIPHER_COLUMNS)[number], string>> = {};
        for (const col of CIPHER_COLUMNS) {
          const value = r[col];
          if (value && !value.startsWith(prefix)) patch[col] = keyring.encrypt(keyring.decrypt(value));
        }
        if (Object.keys(patch).length === 0) continue;
        changed += Object.keys(patch).length;
        await trx.updateTable('persons').set(patch).where('town_id', '=', townId).where('id', '=', r.id).execute();
      }
    });
    after = rows[rows.length - 1]!.id;
  }
}

/** A town's users are few (dozens): one transaction. */
async function reencryptTotpSecrets(database: Database, keyring: Keyring, townId: string): Promise<number> {
  const prefix = `${keyring.currentKeyId}:`;
  return database.db.transaction().execute(async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'totp_secret']).where('town_id', '=', townId).where('totp_secret', 'is not', null).execute();
    let changed = 0;
    for (const u of users) {
      if (u.totp_secret!.startsWith(prefix)) continue;
      const secret = openTotpSecret(keyring, u.totp_secret)!;
      await trx.updateTable('users').set({ totp_secret: sealTotpSecret(keyring, secret) }).where('town_id', '=', townId).where('id', '=', u.id).execute();
      changed++;
    }
    return changed;
  });
}

/**
 * `gongyi keys rotate`: with a key file, a new current key is added and every value re-encrypted
 * with it; with GONGYI_SECRET_KEYS (old and new keys from the environment), values are
 * re-encrypted with its last key.
 */
export async function rotateKeysCommand(): Promise<void> {
  const config = loadConfig();
  if (process.env.GONGYI_SECRET_KEY && !process.env.GONGYI_SECRET_KEYS) {
    throw new StartupError('密钥来自 GONGYI_SECRET_KEY 时，请改设 GONGYI_SECRET_KEYS=k1:<旧密钥>,k2:<新密钥> 后再运行本命令（见 docs/security.md）。');
  }
  const fromEnv = Boolean(process.env.GONGYI_SECRET_KEYS);
  await withDatabase(async (database) => {
    // The key file is checked against the database before a key is added to it, and the new key's
    // check value is recorded before anything is encrypted with it (#13 item 4).
    await openKeyring(database, config.dataDir);
    const added = fromEnv ? null : addKeyToFile(config.dataDir);
    const keyring = await openKeyring(database, config.dataDir);
    const count = await reencryptAll(database, keyring);
    const where = added ? `已生成新密钥 ${added.newId}（${added.file}），并` : `已按 GONGYI_SECRET_KEYS 的最后一个密钥 ${keyring.currentKeyId} `;
    console.log(`${where}用它重新加密了 ${count} 个字段。旧密钥仍需保留以读取旧备份；请同时备份密钥。`);
  });
}
