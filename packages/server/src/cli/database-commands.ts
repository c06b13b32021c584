import { loadKeyring } from '../features/crypto/keyring.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { systemClock, uuidv7 } from '../runtime.js';

export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
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
    const result = await seedDemo(database, { clock: systemClock, newId: uuidv7(), keyring: loadKeyring(loadConfig().dataDir) }, code);
    console.log(result.created ? `已载入演示镇（town id ${result.townId}）。` : `演示镇已存在（town id ${result.townId}），未做改动。`);
  });
}
