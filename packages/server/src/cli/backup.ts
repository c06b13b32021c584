import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { redactUrl } from '../db/connect.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

export async function backupCommand(out: string | undefined): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const url = redactUrl(config.databaseUrl);
    console.log(`当前使用 PostgreSQL，请用 pg_dump 备份，例如：\n  pg_dump --format=custom --file=gongyi-$(date +%F).dump "${url}"\n恢复：pg_restore --clean --dbname="${url}" 备份文件`);
    return;
  }
  if (!out) throw new StartupError('请用 --out 指定备份文件，例如 gongyi backup --out backups/gongyi-2026-11-28.sqlite');
  const target = path.resolve(out);
  if (fs.existsSync(target)) throw new StartupError(`备份文件 ${target} 已存在，未覆盖。请换一个文件名。`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await withDatabase(async (database) => {
    await database.backup!(target);
    console.log(`已备份 ${database.location} → ${target}（${fs.statSync(target).size} 字节）`);
  });
}
