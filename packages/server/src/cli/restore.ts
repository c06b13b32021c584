import fs from 'node:fs';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, redactUrl } from '../db/connect.js';
import { runPgTool, tableFromDump } from '../db/pg-tools.js';
import { checkConfiguredKeyring, contradictedKey, keyMismatchMessage, type KeyCheckRow } from '../features/crypto/key-check.js';
import { keyFilePath, keyFileText, keyringFromFile, keyringOrigin, keySource, readKeyring, type Keyring } from '../features/crypto/keyring.js';
import { StartupError } from '../startup-error.js';
import { createPrivateFile, keyFileBeside } from './backup.js';

// `gongyi restore --from FILE [--key FILE] [--force]` (#13 item 5): the backup's key is checked
// against the backup's key check values BEFORE anything is replaced, so a restore never leaves a
// database whose numbers its key cannot read; then the database (and the key file) go into place.

export interface RestoreFlags {
  from?: string | undefined;
  key?: string | undefined;
  force: boolean;
}

interface KeyChoice {
  keyring: Keyring | null;
  /** A key file to copy to the data folder (none when the keys come from the environment). */
  file: string | null;
  origin: string;
}

/** The environment's keys, else --key, else the key file beside the backup, else the data folder's own. */
function chooseKey(config: Config, from: string, explicit: string | undefined): KeyChoice {
  if (process.env.GONGYI_SECRET_KEYS?.trim() || process.env.GONGYI_SECRET_KEY?.trim()) {
    return { keyring: readKeyring(config.dataDir), file: null, origin: keyringOrigin(config.dataDir) };
  }
  const candidate = explicit ? path.resolve(explicit) : keyFileBeside(from);
  if (explicit && !fs.existsSync(candidate)) throw new StartupError(`密钥文件 ${candidate} 不存在。`);
  if (fs.existsSync(candidate)) {
    try {
      return { keyring: keyringFromFile(candidate), file: candidate, origin: `密钥文件 ${candidate}` };
    } catch (e) {
      throw new StartupError(`无法读取密钥文件 ${candidate}：${(e as Error).message}。`);
    }
  }
  return { keyring: readKeyring(config.dataDir), file: null, origin: keyringOrigin(config.dataDir) };
}

/** The backup's key must match its check values; a backup holding data needs some key. */
function assertKeyFits(choice: KeyChoice, checks: KeyCheckRow[], hasData: boolean, from: string): void {
  if (!choice.keyring) {
    if (checks.length > 0 || hasData) {
      throw new StartupError(`备份 ${from} 中有加密数据，但找不到它的密钥：没有 ${keyFileBeside(from)}，也未设置 GONGYI_SECRET_KEY。请用 --key 指定与该备份一同保存的密钥文件。未做任何改动。`);
    }
    return;
  }
  const problem = contradictedKey(keySource(choice.keyring)!.keys, checks);
  if (problem) throw new StartupError(`${keyMismatchMessage(choice.origin, `备份 ${from}`, problem)}（未做任何改动）`);
}

/**
 * Checks now whether the chosen key file may go into the data folder (a different key already there
 * is kept aside only with --force); the returned step puts it there once the database is restored.
 */
function keyPlacement(config: Config, choice: KeyChoice, force: boolean, stamp: string): () => string | null {
  if (!choice.file || !choice.keyring) return () => null;
  const target = keyFilePath(config.dataDir);
  const text = keyFileText(choice.keyring);
  const current = fs.existsSync(target) ? readKeyring(config.dataDir, {}) : null;
  if (current && keyFileText(current) === text) return () => null;
  if (current && !force) throw new StartupError(`数据目录已有另一个密钥文件 ${target}。确认要换成备份的密钥，请加 --force（原文件改名保留）。未做任何改动。`);
  return () => {
    fs.mkdirSync(config.dataDir, { recursive: true });
    if (fs.existsSync(target)) fs.renameSync(target, `${target}.before-restore-${stamp}`);
    createPrivateFile(target);
    fs.writeFileSync(target, text);
    return target;
  };
}

const timestamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

export async function restoreCommand(flags: RestoreFlags): Promise<void> {
  const config = loadConfig();
  if (!flags.from) throw new StartupError('请用 --from 指定备份文件（gongyi backup --out 生成的文件）。');
  const from = path.resolve(flags.from);
  if (!fs.existsSync(from)) throw new StartupError(`备份文件 ${from} 不存在。`);
  const choice = chooseKey(config, from, flags.key);
  const stamp = timestamp();
  const placed = config.databaseUrl ? await restorePostgres(config, from, choice, flags.force, stamp) : restoreSqlite(config, from, choice, flags.force, stamp);
  // Once in place, the key is checked against the restored database as at every start.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await checkConfiguredKeyring(database, config.dataDir);
    const towns = await database.db.selectFrom('towns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(
      `已从 ${from} 恢复到 ${database.location}（${Number(towns.n)} 个镇）${placed ? `；密钥 → ${placed}` : ''}。` +
        `请运行 gongyi audit verify 与 gongyi ledger check 核对后再启动服务${config.databaseUrl ? '；使用受限角色时请重新运行 gongyi audit protect' : ''}。`,
    );
  } finally {
    await database.close();
  }
}

function readSqliteBackup(from: string): { checks: KeyCheckRow[]; hasData: boolean } {
  let copy: SqliteDriver.Database;
  try {
    copy = new SqliteDriver(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new StartupError(`无法打开备份 ${from}：${(e as Error).message}。`);
  }
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StartupError(`备份 ${from} 已损坏（${String(check)}），未做任何改动。请换一个备份。`);
    const tables = new Set((copy.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('towns')) throw new StartupError(`${from} 不是 Gongyi 的 SQLite 备份（没有 towns 表）。PostgreSQL 的备份请设置 DATABASE_URL 后恢复。`);
    const checks = tables.has('key_checks') ? (copy.prepare('select key_id, check_value from key_checks').all() as KeyCheckRow[]) : [];
    return { checks, hasData: Boolean(copy.prepare('select 1 from towns limit 1').get()) };
  } catch (e) {
    if (e instanceof StartupError) throw e;
    throw new StartupError(`${from} 不是可用的 SQLite 备份：${(e as Error).message}。PostgreSQL 的备份请设置 DATABASE_URL 后恢复。`);
  } finally {
    copy.close();
  }
}

/** True when another connection (a running server, another command) has the database open. */
function sqliteInUse(file: string): boolean {
  const probe = new SqliteDriver(file, { timeout: 100 });
  try {
    probe.pragma('locking_mode = exclusive');
    probe.exec('begin exclusive');
    probe.exec('commit');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

function restoreSqlite(config: Config, from: string, choice: KeyChoice, force: boolean, stamp: string): string | null {
  const { checks, hasData } = readSqliteBackup(from);
  assertKeyFits(choice, checks, hasData, from);
  const target = path.join(config.dataDir, 'gongyi.sqlite');
  const present = [target, `${target}-wal`, `${target}-shm`].filter((f) => fs.existsSync(f));
  if (fs.existsSync(target) && fs.statSync(target).size > 0 && sqliteInUse(target)) {
    throw new StartupError(`数据库 ${target} 正被其他进程打开，服务可能仍在运行。请先停止 gongyi serve 再恢复。未做任何改动。`);
  }
  if (present.length > 0 && !force) {
    throw new StartupError(`数据库文件 ${target} 已存在。确认要用备份替换它，请加 --force（原文件改名为 *.before-restore-${stamp} 保留）。未做任何改动。`);
  }
  const placeKey = keyPlacement(config, choice, force, stamp);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const tmp = path.join(config.dataDir, `.gongyi.sqlite.restore-${process.pid}`);
  createPrivateFile(tmp);
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, 0o600);
  // The old file's -wal and -shm go aside with it: a stale log replayed onto the restored file would corrupt it.
  for (const f of present) fs.renameSync(f, f.replace('gongyi.sqlite', `gongyi.sqlite.before-restore-${stamp}`));
  fs.renameSync(tmp, target);
  return placeKey();
}

async function restorePostgres(config: Config, from: string, choice: KeyChoice, force: boolean, stamp: string): Promise<string | null> {
  const url = config.databaseUrl!;
  const checks = tableFromDump(from, 'key_checks').map(([key_id, check_value]) => ({ key_id: key_id!, check_value: check_value! }));
  const hasData = tableFromDump(from, 'towns').length > 0;
  assertKeyFits(choice, checks, hasData, from);
  const database = await openDatabase({ databaseUrl: url });
  try {
    const others = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db);
    if (others.rows[0]!.n > 0) throw new StartupError(`数据库 ${redactUrl(url)} 还有 ${others.rows[0]!.n} 个其他连接，服务可能仍在运行。请先停止所有 gongyi serve 再恢复。未做任何改动。`);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'towns'`.execute(database.db);
    const existing = tables.rows[0]!.n > 0 && (await database.db.selectFrom('towns').select('id').limit(1).executeTakeFirst());
    if (existing && !force) throw new StartupError(`数据库 ${redactUrl(url)} 中已有数据。确认要用备份覆盖，请加 --force；也可恢复到一个新建的空库。未做任何改动。`);
  } finally {
    await database.close();
  }
  const placeKey = keyPlacement(config, choice, force, stamp);
  // One transaction: the database is either the backup's or as it was. Owners and grants are the
  // target's own (run `gongyi audit protect` again for a restricted role).
  runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', from], url);
  return placeKey();
}
