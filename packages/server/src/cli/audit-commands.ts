import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../config.js';
import type { DB } from '../db/schema.js';
import { verifyAndCheckpoint } from '../features/audit/audit.service.js';
import { checkpointFilePath, readCheckpointFile } from '../features/audit/checkpoint-file.js';
import type { Database } from '../db/database.js';
import { openKeyring } from '../features/crypto/key-check.js';
import { loadKeyring } from '../features/crypto/keyring.js';
import { findTownByCode, listTowns } from '../features/towns/towns.repository.js';
import { systemClock, uuidv7, type Runtime } from '../runtime.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

/**
 * The keyring and checkpoint file of this data dir: what holds the chains against an insider. The database is
 * opened first, so an unreadable data folder is named as the permission problem it is (#13 item 6), and the
 * key is the database's own (its check value, item 4).
 */
export async function chainRuntime(database: Database): Promise<Runtime> {
  const { dataDir } = loadConfig();
  return { clock: systemClock, newId: uuidv7(), keyring: await openKeyring(database, dataDir), checkpointFile: checkpointFilePath(dataDir) };
}

/**
 * Checks each town's audit chain — hash, keyed MAC, sequence, and the checkpoints in the database
 * and the checkpoint file — and checkpoints the chains that hold; exits non-zero naming the first
 * broken record (town and seq) or the records cut off.
 */
export async function auditVerifyCommand(townCode: string | undefined): Promise<number> {
  return withDatabase(async (database) => {
    const runtime = await chainRuntime(database);
    const towns = townCode ? [await findTownByCode(database.db, townCode)].filter((t) => t !== undefined) : await listTowns(database.db, null);
    if (townCode && towns.length === 0) throw new StartupError(`没有代码为 ${townCode} 的镇。`);
    let failures = 0;
    for (const town of towns) {
      const result = await verifyAndCheckpoint(database, runtime, town.id, 'verify');
      if (result.ok) {
        console.log(`✓ ${town.name}（${town.code}）：${result.checked} 条审计记录，哈希链、密钥校验码与检查点一致。`);
      } else {
        failures += 1;
        const b = result.firstBroken!;
        const where = b.id ? `第 ${b.seq} 条记录（id ${b.id}）校验失败：` : '';
        console.error(`✗ ${town.name}（${town.code}）：${where}${b.reason}。之前的 ${result.checked} 条完好。`);
      }
    }
    return failures === 0 ? 0 : 1;
  });
}

/** `gongyi audit checkpoints --out FILE`: a checked copy of the checkpoint file for the supervision office to keep. */
export async function auditCheckpointsCommand(out: string | undefined): Promise<void> {
  if (!out) throw new StartupError('请用 --out 指定导出文件路径。');
  const { dataDir } = loadConfig();
  const checkpointFile = checkpointFilePath(dataDir);
  const { checkpoints, problem } = readCheckpointFile(checkpointFile, loadKeyring(dataDir));
  if (problem) throw new StartupError(`${problem}；未导出。`);
  if (checkpoints.length === 0) throw new StartupError(`检查点文件 ${checkpointFile} 还没有检查点（运行 gongyi audit verify 即写入一个）。`);
  try {
    fs.copyFileSync(checkpointFile, out, fs.constants.COPYFILE_EXCL);
  } catch (e) {
    throw new StartupError(`无法写入 ${out}：${(e as NodeJS.ErrnoException).code === 'EEXIST' ? '文件已存在' : (e as Error).message}。`);
  }
  console.log(`已导出 ${checkpoints.length} 个检查点到 ${out}（每行带密钥校验码，请妥善留存）。`);
}

const TAMPER_TRIGGERS = ['audit_log_in_sequence', 'audit_checkpoints_in_sequence'];

/**
 * Lets `role` read and write the business tables, but on audit_log and audit_checkpoints only read
 * and append — never update, delete or truncate — and (the migration's triggers) only append in
 * sequence: seq = the town's last + 1 and prev_mac = the last row's mac (GB/T 22239 audit protection).
 */
export async function protectAuditTables(db: Kysely<DB>, role: string): Promise<void> {
  const r = sql.id(role);
  const triggers = await sql<{ tgname: string }>`select tgname from pg_trigger where tgname in (${sql.join(TAMPER_TRIGGERS)})`.execute(db);
  if (triggers.rows.length !== TAMPER_TRIGGERS.length) throw new StartupError('数据库缺少审计顺序触发器，请先以表的所有者运行 gongyi migrate。');
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`revoke update, delete, truncate on audit_log, audit_checkpoints from ${r}`.execute(db);
}

/**
 * PostgreSQL only: lets the application's login role add audit records and checkpoints but never
 * change or delete them, nor add them out of sequence. Run as the owner of the tables; see docs/security.md.
 */
export async function auditProtectCommand(role: string | undefined): Promise<void> {
  if (!role || !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new StartupError('请用 --role 指定应用连接数据库所用的角色名（小写字母、数字、下划线）。');
  await withDatabase(async (database) => {
    if (database.kind !== 'postgres') throw new StartupError('该命令只用于 PostgreSQL（设置 DATABASE_URL）。SQLite 由文件权限、检查点文件与 gongyi audit verify 保护。');
    await protectAuditTables(database.db, role);
    console.log(`已设置：角色 ${role} 可读写业务表；对 audit_log 与 audit_checkpoints 只能查询与按顺序追加（不能修改、删除、清空）。`);
  });
}
