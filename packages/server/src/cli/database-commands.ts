import { checkConfiguredKeyring, openKeyring } from '../features/crypto/key-check.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { systemClock, uuidv7 } from '../runtime.js';

/**
 * Opens the configured database for one command. A configured key is checked against the database
 * first (#13 item 4), so no command runs with a key that does not belong to it; `checkKey: false`
 * for backup and restore, which copy data without reading it.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, options: { checkKey?: boolean; allowEmptyFile?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, allowEmptyFile: options.allowEmptyFile });
  try {
    if (options.checkKey !== false) await checkConfiguredKeyring(database, config.dataDir);
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function migrateCommand(): Promise<void> {
  await withDatabase(async (database) => {
    const applied = await migrateToLatest(database);
    console.log(applied.length ? `已应用迁移：${applied.join('、')}（${database.location}）` : `数据库已是最新结构（${database.location}）。`);
  });
}

export async function seedDemoCommand(code: string | undefined): Promise<void> {
  await withDatabase(async (database) => {
    await migrateToLatest(database);
    const result = await seedDemo(database, { clock: systemClock, newId: uuidv7(), keyring: await openKeyring(database, loadConfig().dataDir) }, code);
    console.log(result.created ? `已载入演示镇（town id ${result.townId}）。` : `演示镇已存在（town id ${result.townId}），未做改动。`);
  }, { allowEmptyFile: true });
}
