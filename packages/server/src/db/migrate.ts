import { Migrator, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { StartupError } from '../startup-error.js';

/** Runs every pending migration; returns the names applied now. Safe to call at every start. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new StartupError(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${(error as Error).message}。数据库未被改动到一半：该迁移已回滚。`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
