import os from 'node:os';
import { loadConfig } from '../config.js';
import { openKeyring } from '../features/crypto/key-check.js';
import type { Database } from '../db/database.js';
import { ROLE_SCOPES, ROLES, type Role } from '@gongyi/domain';
import { AppError } from '../http/errors.js';
import { inTransaction } from '../http/context.js';
import { SYSTEM } from '../features/policy.js';
import { findTownByCode, listTowns } from '../features/towns/towns.repository.js';
import { createUser, updateUser } from '../features/users/users.service.js';
import { findUserByUsername } from '../features/users/users.repository.js';
import { systemClock, uuidv7, type Runtime } from '../runtime.js';
import { StartupError } from '../startup-error.js';
import { withDatabase } from './database-commands.js';

export interface UserCreateFlags {
  town?: string | undefined;
  username?: string | undefined;
  role?: string | undefined;
  display?: string | undefined;
  scopeId?: string | undefined;
}

/** Makes an account (the first system_admin of a town, say) and prints its one-time password. */
export async function userCreateCommand(flags: UserCreateFlags): Promise<void> {
  if (!flags.role || !ROLES.includes(flags.role as Role)) throw new StartupError(`请用 --role 指定角色，可选：${ROLES.join('、')}`);
  if (!flags.username) throw new StartupError('请用 --username 指定用户名（3–40 位字母、数字、点、下划线或连字符）。');
  const role = flags.role as Role;
  await withDatabase(async (database) => {
    const towns = await listTowns(database.db, null);
    const town = flags.town ? await findTownByCode(database.db, flags.town) : towns.length === 1 ? towns[0] : undefined;
    if (!town) throw new StartupError(`请用 --town 指定镇代码，现有：${towns.map((t) => t.code).join('、') || '（无；先运行 gongyi seed-demo 或新建镇）'}`);
    const runtime = { clock: systemClock, newId: uuidv7(), keyring: await openKeyring(database, loadConfig().dataDir) };
    const scopeKind = ROLE_SCOPES[role][0]!;
    try {
      const { oneTimePassword } = await inTransaction(database, runtime, { actor: SYSTEM, requestId: 'cli-user-create', ip: '' }, (ctx) =>
        createUser(ctx, town.id, {
          username: flags.username!,
          displayName: flags.display ?? flags.username!,
          grants: [{ role, scopeKind, scopeId: scopeKind === 'town' || scopeKind === 'self' ? null : (flags.scopeId ?? null) }],
        }),
      );
      console.log(`已在 ${town.name} 创建用户 ${flags.username}（${role}）。一次性密码：${oneTimePassword}\n首次登录后必须修改密码；此密码不会再次显示。`);
    } catch (e) {
      if (e instanceof AppError) throw new StartupError(e.text.zh);
      throw e;
    }
  });
}

/**
 * Lifts a user's lockout and every address's wait (#13), audited in the town's chain as 'user.unlock'
 * by the operator at the console: for a town whose only security administrator is the one locked out.
 */
export async function unlockUser(database: Database, runtime: Runtime, townCode: string | undefined, username: string | undefined): Promise<string> {
  if (!username) throw new StartupError('请指定要解锁的用户名，例如：gongyi user unlock admin --town xiaokunshan');
  const towns = await listTowns(database.db, null);
  const town = townCode ? await findTownByCode(database.db, townCode) : towns.length === 1 ? towns[0] : undefined;
  if (!town) throw new StartupError(`请用 --town 指定镇代码，现有：${towns.map((t) => t.code).join('、') || '（无）'}`);
  const user = await findUserByUsername(database.db, town.id, username);
  if (!user) throw new StartupError(`${town.name}没有用户“${username}”。请核对用户名。`);
  const actor = { ...SYSTEM, display: `命令行 gongyi user unlock（操作系统用户 ${os.userInfo().username}）` };
  await inTransaction(database, runtime, { actor, requestId: 'cli-user-unlock', ip: '' }, (ctx) => updateUser(ctx, town.id, user.id, { unlock: true }));
  return `已解除 ${town.name} 用户 ${username} 的登录锁定，该用户现在可以登录。此操作已记入审计日志。`;
}

export async function userUnlockCommand(args: string[], town: string | undefined): Promise<void> {
  if (args.length > 1) throw new StartupError('一次只能解锁一个用户名。');
  await withDatabase(async (database) => {
    const runtime = { clock: systemClock, newId: uuidv7(), keyring: await openKeyring(database, loadConfig().dataDir) };
    console.log(await unlockUser(database, runtime, town, args[0]));
  });
}
