import { sql } from 'kysely';
import { verifyTownChain } from '../features/audit/audit.service.js';
import { findTownByCode, listTowns } from '../features/towns/towns.repository.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

/** Checks each town's hash chain; exits non-zero naming the first broken record. */
export async function auditVerifyCommand(townCode: string | undefined): Promise<number> {
  return withDatabase(async (database) => {
    const towns = townCode ? [await findTownByCode(database.db, townCode)].filter((t) => t !== undefined) : await listTowns(database.db, null);
    if (townCode && towns.length === 0) throw new StartupError(`没有代码为 ${townCode} 的镇。`);
    let failures = 0;
    for (const town of towns) {
      const result = await verifyTownChain(database.db, town.id);
      if (result.ok) {
        console.log(`✓ ${town.name}（${town.code}）：${result.checked} 条审计记录，哈希链完整。`);
      } else {
        failures += 1;
        const b = result.firstBroken!;
        console.error(`✗ ${town.name}（${town.code}）：第 ${b.seq} 条记录（id ${b.id}）校验失败：${b.reason}。之前的 ${result.checked} 条完好。`);
      }
    }
    return failures === 0 ? 0 : 1;
  });
}

/**
 * PostgreSQL only: lets the application's login role add audit records but never change or delete
 * them (GB/T 22239 audit protection). Run as the owner of the tables; see docs/security.md.
 */
export async function auditProtectCommand(role: string | undefined): Promise<void> {
  if (!role || !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new StartupError('请用 --role 指定应用连接数据库所用的角色名（小写字母、数字、下划线）。');
  await withDatabase(async (database) => {
    if (database.kind !== 'postgres') throw new StartupError('该命令只用于 PostgreSQL（设置 DATABASE_URL）。SQLite 由文件权限与 gongyi audit verify 保护。');
    const r = sql.id(role);
    await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(database.db);
    await sql`revoke update, delete, truncate on audit_log from ${r}`.execute(database.db);
    console.log(`已设置：角色 ${role} 可读写业务表，对 audit_log 只能查询与追加（不能修改、删除、清空）。`);
  });
}
