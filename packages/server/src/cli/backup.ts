import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { runPgTool } from '../db/pg-tools.js';
import { checkKeyring } from '../features/crypto/key-check.js';
import { keyFileText, keyringOrigin, loadKeyring } from '../features/crypto/keyring.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

// `gongyi backup --out FILE [--with-key]` (#13 item 5). SQLite: VACUUM INTO, one consistent snapshot
// that finishes while the server keeps writing. PostgreSQL: pg_dump --format=custom, also one
// snapshot. Every file written has mode 0600 and appears under its name only when complete.

/** Creates `file` empty with mode 0600, refusing to replace anything. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** Fills `target` through a temporary file beside it, so a failed run leaves nothing under the name. */
export async function writeAtomically(target: string, fill: (tmp: string) => Promise<void> | void): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  createPrivateFile(tmp);
  try {
    await fill(tmp);
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export const keyFileBeside = (backup: string) => `${backup}.key`;

export async function backupCommand(out: string | undefined, withKey: boolean): Promise<void> {
  const config = loadConfig();
  if (!out) throw new StartupError('请用 --out 指定备份文件，例如 gongyi backup --out backups/gongyi-2026-11-28.backup --with-key');
  const target = path.resolve(out);
  const keyTarget = keyFileBeside(target);
  if (fs.existsSync(target)) throw new StartupError(`备份文件 ${target} 已存在，未覆盖。请换一个文件名。`);
  if (withKey && fs.existsSync(keyTarget)) throw new StartupError(`密钥文件 ${keyTarget} 已存在，未覆盖。请换一个备份文件名。`);
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'gongyi.sqlite'))) {
    throw new StartupError(`没有可备份的数据库：${path.join(config.dataDir, 'gongyi.sqlite')} 不存在。请检查 GONGYI_DATA_DIR。`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await withDatabase(
    async (database) => {
      // The key written beside the backup must be the database's own.
      const keyring = withKey ? loadKeyring(config.dataDir) : null;
      if (keyring) await checkKeyring(database, keyring, keyringOrigin(config.dataDir));
      await writeAtomically(target, async (tmp) => {
        if (database.kind === 'postgres') runPgTool('pg_dump', ['--format=custom', `--file=${tmp}`], config.databaseUrl!);
        else await database.backup!(tmp);
      });
      if (keyring) await writeAtomically(keyTarget, (tmp) => fs.writeFileSync(tmp, keyFileText(keyring)));
      const size = fs.statSync(target).size;
      const key = keyring
        ? `；密钥 → ${keyTarget}（与备份分开保管，二者缺一不能恢复）`
        : `；未含密钥：请另行备份${keyringOrigin(config.dataDir)}，或加 --with-key`;
      console.log(`已备份 ${database.location} → ${target}（${size} 字节，权限 0600）${key}。恢复：gongyi restore --from ${target}`);
    },
    { checkKey: false },
  );
}
