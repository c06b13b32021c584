import { randomBytes } from 'node:crypto';
import {
  ADMIN_ROLES,
  ROLE_LABELS,
  ROLE_SCOPES,
  SCOPE_LABELS,
  shanghaiTimestamp,
  type CreateUser,
  type GrantInput,
  type Page,
  type Role,
  type UpdateUser,
  type User,
  type UserQuery,
} from '@gongyi/domain';
import { changedFields, patchColumns, type ColumnsOf } from '../../db/patch-columns.js';
import { lockRow, toFlag, toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { Executor } from '../../db/database.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { AppError, duplicate, invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { hashPassword, retirePassword } from '../auth/passwords.js';
import { clearSignInThrottle } from '../auth/sign-in-throttle.js';
import { adminRolesIn, authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './users.repository.js';

const USER = { zh: '用户', en: 'User' };

/** A one-time password (16 random characters, ~90 bits), shown once and changed at first sign-in. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

async function viewUser(db: Executor, townId: string, id: string): Promise<User> {
  const row = await repo.findUser(db, townId, id);
  if (!row) throw notFound(USER);
  return repo.toUser(row, (await repo.grantsOf(db, townId, [id])).get(id) ?? []);
}

export async function listUsers(ctx: ReadContext, townId: string, query: UserQuery): Promise<Page<User>> {
  authorize(ctx.actor, 'user.read');
  await requireTown(ctx.db, townId);
  const { rows, total } = await repo.listUsers(ctx.db, townId, query);
  const grants = await repo.grantsOf(ctx.db, townId, rows.map((r) => r.id));
  return toPage(rows.map((r) => repo.toUser(r, grants.get(r.id) ?? [])), total, query);
}

const SCOPE_TABLE = { coop: 'coops', department: 'departments', team: 'teams', community: 'communities' } as const;

/** A grant's scope must suit its role and exist in the town; 三权分立 across all of a user's grants. */
async function checkGrants(db: Executor, townId: string, grants: GrantInput[], existing: readonly GrantInput[], body: 'account' | 'grant'): Promise<void> {
  // A new account's body lists grants (`grants.0.role`); adding one grant sends its fields alone (`role`).
  const at = (i: number, name: keyof GrantInput | '') => (body === 'account' ? `grants${name ? `.${i}.${name}` : ''}` : name || 'role');
  for (const [i, g] of grants.entries()) {
    const field = at(i, 'scopeKind');
    if (!ROLE_SCOPES[g.role].includes(g.scopeKind)) {
      const allowed = ROLE_SCOPES[g.role].map((k) => SCOPE_LABELS[k].zh).join('、');
      throw ruleViolation(
        { zh: `角色“${ROLE_LABELS[g.role].zh}”只能在“${allowed}”范围内授权。请改选范围。`, en: `Role ${g.role} is granted only in scope ${ROLE_SCOPES[g.role].join(', ')}.` },
        field,
      );
    }
    if (g.scopeKind === 'town' || g.scopeKind === 'self') {
      if (g.scopeId !== null) throw ruleViolation({ zh: '“全镇”与“本人”范围不需要选择具体对象，请清空范围对象。', en: 'Town and self scopes take no scope id.' }, at(i, 'scopeId'));
      continue;
    }
    const table = SCOPE_TABLE[g.scopeKind];
    const found = g.scopeId && (await db.selectFrom(table).select('id').where('town_id', '=', townId).where('id', '=', g.scopeId).executeTakeFirst());
    if (!found) throw invalidReference({ zh: SCOPE_LABELS[g.scopeKind].zh, en: g.scopeKind }, at(i, 'scopeId'));
  }
  assertNoIdenticalGrant(grants, existing, (i) => at(i, 'role'));
  assertSeparationOfDuties([...existing, ...grants].map((g) => g.role), at(0, ''));
}

const sameGrant = (a: GrantInput, b: GrantInput) => a.role === b.role && a.scopeKind === b.scopeKind && (a.scopeId ?? null) === (b.scopeId ?? null);

/** #13 item 16: a user holds a role in a scope once (the unique index user_grants_identical_uq holds it under a race too). */
function assertNoIdenticalGrant(grants: GrantInput[], existing: readonly GrantInput[], fieldOf: (i: number) => string): void {
  for (const [i, g] of grants.entries()) {
    if ([...existing, ...grants.slice(0, i)].some((e) => sameGrant(e, g))) {
      throw new AppError(
        'duplicate',
        { zh: `该用户已在同一范围内拥有“${ROLE_LABELS[g.role].zh}”授权，无需重复授权。`, en: `The user already holds ${g.role} in this scope.` },
        fieldOf(i),
      );
    }
  }
}

/**
 * 三权分立 (R27, 等保 level 3): an account holds at most one of the three administrator roles, and an
 * administrator holds no business role (an admin who could also read or change the business would
 * check its own work). Refused whichever of the two is granted first.
 */
function assertSeparationOfDuties(roles: Role[], field: string): void {
  const admins = adminRolesIn(roles);
  if (admins.length > 1) {
    throw ruleViolation(
      {
        zh: `三权分立：同一账号不能同时担任${admins.map((r) => ROLE_LABELS[r].zh).join('与')}。请为另一职责另建账号。`,
        en: `Separation of duties: one account may not hold ${admins.join(' and ')}. Create a separate account.`,
      },
      field,
    );
  }
  const business = [...new Set(roles.filter((r) => !ADMIN_ROLES.includes(r)))];
  if (admins.length > 0 && business.length > 0) {
    throw ruleViolation(
      {
        zh: `三权分立：${ROLE_LABELS[admins[0]!].zh}账号不能同时拥有业务角色“${business.map((r) => ROLE_LABELS[r].zh).join('、')}”。请为业务工作另建账号。`,
        en: `Separation of duties: an account holding ${admins[0]} may not also hold ${business.join(', ')}. Create a separate account.`,
      },
      field,
    );
  }
}

/** A grant to oneself, of any role, is made by another security administrator (no one widens their own access). */
function assertNotOwnAccount(ctx: MutationContext, userId: string): void {
  if (ctx.actor.kind === 'user' && ctx.actor.id === userId) {
    throw new AppError('forbidden', {
      zh: '不能给自己的账号授权。请由另一位安全管理员办理。',
      en: 'You cannot grant roles to your own account; another security administrator must do it.',
    });
  }
}

async function writeGrants(ctx: MutationContext, townId: string, userId: string, grants: GrantInput[]): Promise<void> {
  const now = shanghaiTimestamp(ctx.clock.now());
  for (const g of grants) {
    await repo.insertGrant(ctx.db, { town_id: townId, id: ctx.newId(), user_id: userId, role: g.role, scope_kind: g.scopeKind, scope_id: g.scopeId, created_at: now });
  }
}

/**
 * A new account with a one-time password that must be changed at first sign-in (no default
 * password exists anywhere). `preset` is for the demo seed only.
 */
export async function createUser(
  ctx: MutationContext,
  townId: string,
  input: CreateUser,
  preset?: { password: string; hash: string },
): Promise<{ user: User; oneTimePassword: string }> {
  authorize(ctx.actor, 'user.manage');
  await requireTown(ctx.db, townId);
  if (await repo.findUserByUsername(ctx.db, townId, input.username)) throw duplicate({ zh: '用户名', en: 'Username' }, input.username, 'username');
  await checkGrants(ctx.db, townId, input.grants, [], 'account');
  const secret = preset?.password ?? oneTimePassword();
  const now = shanghaiTimestamp(ctx.clock.now());
  const id = ctx.newId();
  await repo.insertUser(ctx.db, {
    town_id: townId,
    id,
    username: input.username,
    display_name: input.displayName,
    password_hash: preset?.hash ?? (await hashPassword(secret)),
    password_changed_at: now,
    must_change_password: toFlag(preset === undefined),
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    totp_secret: null,
    totp_enabled: 0,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  });
  await writeGrants(ctx, townId, id, input.grants);
  const user = await viewUser(ctx.db, townId, id);
  await recordAudit(ctx, { townId, action: 'user.create', objectType: 'user', objectId: id, after: user });
  return { user, oneTimePassword: secret };
}

const USER_COLUMNS: ColumnsOf<UpdateUser, Row<'users'>> = {
  displayName: 'display_name',
  disabled: (disabled) => ({ disabled: toFlag(disabled) }),
  unlock: () => ({ locked_until: null, failed_attempts: 0 }),
};

/** Writes only the fields sent and changed (#13 item 1). */
export async function updateUser(ctx: MutationContext, townId: string, id: string, input: UpdateUser): Promise<User> {
  authorize(ctx.actor, 'user.manage');
  await lockRow(ctx, 'users', townId, id); // #13: changes of one account take turns, each reading the last
  const before = await viewUser(ctx.db, townId, id);
  if (input.disabled === true && id === ctx.actor.id) {
    throw ruleViolation({ zh: '不能停用自己正在使用的账号。', en: 'You cannot disable your own account.' }, 'disabled');
  }
  const changes = changedFields(input, before);
  if (Object.keys(changes).length > 0) {
    await repo.updateUserRow(ctx.db, townId, id, { ...patchColumns(changes, USER_COLUMNS), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  }
  // Disabling an account ends its sessions at once.
  if (input.disabled) await repo.deleteSessionsOf(ctx.db, townId, id);
  // Unlocking lifts every wait on the username, the account's and each address's (#13).
  if (input.unlock) await clearSignInThrottle(ctx.db, townId, before.username);
  const after = await viewUser(ctx.db, townId, id);
  await recordAudit(ctx, { townId, action: input.unlock ? 'user.unlock' : 'user.update', objectType: 'user', objectId: id, before, after });
  return after;
}

export async function addGrant(ctx: MutationContext, townId: string, userId: string, input: GrantInput): Promise<User> {
  authorize(ctx.actor, 'user.manage');
  assertNotOwnAccount(ctx, userId);
  // The account's row first (a row lock on PostgreSQL): two grants racing for one user are checked one after the other, so
  // an administrator role and a business role cannot both slip past 三权分立.
  await lockRow(ctx, 'users', townId, userId);
  const before = await viewUser(ctx.db, townId, userId);
  await checkGrants(ctx.db, townId, [input], before.grants, 'grant');
  await writeGrants(ctx, townId, userId, [input]);
  const after = await viewUser(ctx.db, townId, userId);
  await recordAudit(ctx, { townId, action: 'grant.add', objectType: 'user', objectId: userId, before: before.grants, after: after.grants });
  return after;
}

export async function removeGrant(ctx: MutationContext, townId: string, userId: string, grantId: string): Promise<User> {
  authorize(ctx.actor, 'user.manage');
  await lockRow(ctx, 'users', townId, userId); // #13: grants of one account change one request at a time
  const before = await viewUser(ctx.db, townId, userId);
  if ((await repo.deleteGrant(ctx.db, townId, userId, grantId)) === 0) throw notFound({ zh: '该授权', en: 'The grant' });
  const after = await viewUser(ctx.db, townId, userId);
  await recordAudit(ctx, { townId, action: 'grant.remove', objectType: 'user', objectId: userId, before: before.grants, after: after.grants });
  return after;
}

/** A new one-time password; the user's sessions end and the next sign-in must change it. */
export async function resetPassword(ctx: MutationContext, townId: string, userId: string): Promise<{ user: User; oneTimePassword: string }> {
  authorize(ctx.actor, 'user.manage');
  await lockRow(ctx, 'users', townId, userId);
  await viewUser(ctx.db, townId, userId);
  const secret = oneTimePassword();
  await repo.updateUserRow(ctx.db, townId, userId, {
    password_hash: await hashPassword(secret),
    // The replaced password joins the history, so the next change cannot go back to it (#13).
    previous_password_hashes: retirePassword((await repo.findUser(ctx.db, townId, userId))!),
    password_changed_at: shanghaiTimestamp(ctx.clock.now()),
    must_change_password: 1,
    failed_attempts: 0,
    locked_until: null,
    updated_at: shanghaiTimestamp(ctx.clock.now()),
  });
  await repo.deleteSessionsOf(ctx.db, townId, userId);
  await recordAudit(ctx, { townId, action: 'user.password.reset', objectType: 'user', objectId: userId });
  return { user: await viewUser(ctx.db, townId, userId), oneTimePassword: secret };
}
