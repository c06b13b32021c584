import {
  ROLE_ACTIONS,
  shanghaiTimestamp,
  type Action,
  type ChangePassword,
  type Login,
  type Session,
  type TotpSetup,
} from '@gongyi/domain';
import QRCode from 'qrcode';
import type { Database } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { fromFlag } from '../../db/query-helpers.js';
import { inTransaction, type MutationContext, type ReadContext, type RequestMeta } from '../../http/context.js';
import { AppError, ruleViolation } from '../../http/errors.js';
import type { Runtime } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ANONYMOUS } from '../policy.js';
import { securitySettings } from '../settings/security-settings.js';
import { findTownByCode } from '../towns/towns.repository.js';
import { findUser, findUserByUsername, grantsOf, updateUserRow } from '../users/users.repository.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { actorOf, closeSession, loadGrants, lockTownForSignIn, openSession, passwordExpiresOn, restrictionOf } from './sessions.js';
import { newTotpSecret, openTotpSecret, otpauthUrl, sealTotpSecret, verifyTotp } from './totp.js';

const BAD_CREDENTIALS = new AppError('unauthenticated', {
  zh: '镇、用户名或密码不正确。请核对后重试；多次失败后账号将被临时锁定。',
  en: 'Town, username or password is wrong. Repeated failures lock the account for a while.',
});

const BAD_TOTP = new AppError(
  'unauthenticated',
  { zh: '动态码不正确或已过期。请核对手机时间后输入最新的 6 位码。', en: 'The code is wrong or expired; enter the latest 6-digit code.' },
  'totpCode',
);

export interface LoginResult {
  token: string;
  session: Session;
}

/**
 * Signs a user in (#3). Every outcome is audited in the town's chain in the same transaction as
 * its effect: a failure counts towards the lockout, a lockout is recorded, a success opens a session.
 */
export async function login(database: Database, runtime: Runtime, meta: RequestMeta & { userAgent: string }, input: Login): Promise<LoginResult> {
  const town = await findTownByCode(database.db, input.townCode);
  const user = town ? await findUserByUsername(database.db, town.id, input.username) : undefined;
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!town) throw BAD_CREDENTIALS;

  const outcome = await inTransaction(database, runtime, { ...meta, actor: user ? actorOf(user, []) : { ...ANONYMOUS, display: `未知用户 ${input.username.slice(0, 40)}` } }, async (ctx) => {
    await lockTownForSignIn(ctx.db, ctx.kind, town.id);
    const settings = await securitySettings(ctx.db, town.id);
    const now = ctx.clock.now();
    const audit = (action: string, result: 'ok' | 'denied' | 'failed', detail?: unknown) =>
      recordAudit(ctx, { townId: town.id, action, objectType: 'user', objectId: user?.id ?? input.username, result, after: detail });
    if (!user) {
      await audit('login.failure', 'failed', { reason: 'unknown_user' });
      return { error: BAD_CREDENTIALS };
    }
    if (user.locked_until && user.locked_until > shanghaiTimestamp(now)) {
      await audit('login.locked', 'denied', { lockedUntil: user.locked_until });
      return { error: lockedError(user.locked_until) };
    }
    const totpOk = !fromFlag(user.totp_enabled) || (input.totpCode !== undefined && verifyTotp(openTotpSecret(ctx.keyring, user.totp_secret) ?? '', input.totpCode, now));
    if (!passwordOk || (input.totpCode !== undefined && !totpOk)) {
      const error = await countFailure(ctx, user, settings.lockoutThreshold, settings.lockoutMinutes, audit, passwordOk ? 'bad_totp' : 'bad_password');
      // With the password right, say that the code was wrong (the usual two-step courtesy).
      return { error: passwordOk && error === BAD_CREDENTIALS ? BAD_TOTP : error };
    }
    if (fromFlag(user.disabled)) {
      await audit('login.failure', 'denied', { reason: 'disabled' });
      return { error: new AppError('unauthenticated', { zh: '账号已停用。如需恢复，请联系安全管理员。', en: 'This account is disabled; ask the security administrator.' }) };
    }
    if (!totpOk) return { error: new AppError('totp_required', { zh: '请输入身份验证器中的 6 位动态码。', en: 'Enter the 6-digit code from your authenticator app.' }, 'totpCode') };
    await updateUserRow(ctx.db, town.id, user.id, { failed_attempts: 0, locked_until: null, last_login_at: shanghaiTimestamp(now) });
    const { token, row } = await openSession(ctx.db, user, settings, now, { ip: meta.ip, userAgent: meta.userAgent });
    await audit('login.success', 'ok');
    return { token, session: row };
  });
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.token, session: await describeSession({ db: database.db, kind: database.kind, clock: runtime.clock, keyring: runtime.keyring, actor: ANONYMOUS }, outcome.session) };
}

function lockedError(until: string): AppError {
  return new AppError('locked', {
    zh: `连续登录失败次数过多，账号已锁定至 ${until.slice(0, 16).replace('T', ' ')}。请稍后再试，或联系安全管理员解锁。`,
    en: `Too many failed sign-ins; the account is locked until ${until.slice(0, 16).replace('T', ' ')}.`,
  });
}

async function countFailure(
  ctx: MutationContext,
  user: Row<'users'>,
  threshold: number,
  minutes: number,
  audit: (action: string, result: 'ok' | 'denied' | 'failed', detail?: unknown) => Promise<void>,
  reason: string,
): Promise<AppError> {
  const failures = user.failed_attempts + 1;
  const lock = failures >= threshold;
  const lockedUntil = lock ? shanghaiTimestamp(new Date(ctx.clock.now().getTime() + minutes * 60_000)) : null;
  await updateUserRow(ctx.db, user.town_id, user.id, { failed_attempts: lock ? 0 : failures, locked_until: lockedUntil });
  await audit('login.failure', 'failed', { reason, failures });
  if (lock) {
    await audit('account.lockout', 'denied', { lockedUntil, failures });
    return lockedError(lockedUntil!);
  }
  return BAD_CREDENTIALS;
}

/** What the console needs to know about the signed-in user. */
export async function describeSession(ctx: ReadContext, session: Row<'sessions'>): Promise<Session> {
  const [user, town, settings] = await Promise.all([
    findUser(ctx.db, session.town_id, session.user_id),
    ctx.db.selectFrom('towns').select(['id', 'code', 'name']).where('id', '=', session.town_id).executeTakeFirstOrThrow(),
    securitySettings(ctx.db, session.town_id),
  ]);
  const grants = (await grantsOf(ctx.db, session.town_id, [session.user_id])).get(session.user_id) ?? [];
  const actions = [...new Set(grants.flatMap((g) => ROLE_ACTIONS[g.role]))] as Action[];
  return {
    user: {
      id: user!.id,
      username: user!.username,
      displayName: user!.display_name,
      totpEnabled: fromFlag(user!.totp_enabled),
      passwordExpiresOn: passwordExpiresOn(user!, settings),
    },
    town,
    grants,
    actions,
    restriction: restrictionOf(user!, grants.map((g) => g.role), settings, ctx.clock.now()),
    csrfToken: session.csrf_token,
    idleTimeoutSeconds: settings.sessionIdleMinutes * 60,
    expiresAt: session.expires_at,
    passwordPolicy: { minLength: settings.passwordMinLength, minClasses: settings.passwordMinClasses, expiryDays: settings.passwordExpiryDays },
  };
}

export async function logout(ctx: MutationContext, session: Row<'sessions'>): Promise<void> {
  await closeSession(ctx.db, session.id);
  await recordAudit(ctx, { townId: session.town_id, action: 'logout', objectType: 'user', objectId: session.user_id });
}

async function currentUser(ctx: ReadContext, session: Row<'sessions'>): Promise<Row<'users'>> {
  return (await findUser(ctx.db, session.town_id, session.user_id))!;
}

/** Changes the signed-in user's password; the user's other sessions end. */
export async function changePassword(ctx: MutationContext, session: Row<'sessions'>, input: ChangePassword): Promise<void> {
  const user = await currentUser(ctx, session);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('rule_violation', { zh: '当前密码不正确，请重新输入。', en: 'The current password is wrong.' }, 'currentPassword');
  }
  const settings = await securitySettings(ctx.db, session.town_id);
  const problem = passwordProblem(input.newPassword, settings, user.username);
  if (problem) throw ruleViolation(problem, 'newPassword');
  if (await verifyPassword(user.password_hash, input.newPassword)) {
    throw ruleViolation({ zh: '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' }, 'newPassword');
  }
  const now = shanghaiTimestamp(ctx.clock.now());
  await updateUserRow(ctx.db, user.town_id, user.id, { password_hash: await hashPassword(input.newPassword), password_changed_at: now, must_change_password: 0, updated_at: now });
  await ctx.db.deleteFrom('sessions').where('town_id', '=', user.town_id).where('user_id', '=', user.id).where('id', '!=', session.id).execute();
  await recordAudit(ctx, { townId: user.town_id, action: 'user.password.change', objectType: 'user', objectId: user.id });
}

/** Starts TOTP enrolment: a new secret and its QR code; it takes effect once a code is confirmed. */
export async function setupTotp(ctx: MutationContext, session: Row<'sessions'>): Promise<TotpSetup> {
  const user = await currentUser(ctx, session);
  if (fromFlag(user.totp_enabled)) {
    throw ruleViolation({ zh: '已启用动态码。如需更换设备，请先停用再重新绑定。', en: 'TOTP is already on; turn it off first to change devices.' });
  }
  const secret = newTotpSecret();
  await updateUserRow(ctx.db, user.town_id, user.id, { totp_secret: sealTotpSecret(ctx.keyring, secret), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  const url = otpauthUrl(secret, user.username);
  await recordAudit(ctx, { townId: user.town_id, action: 'user.totp.setup', objectType: 'user', objectId: user.id });
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 200 }) };
}

export async function enableTotp(ctx: MutationContext, session: Row<'sessions'>, code: string): Promise<void> {
  const user = await currentUser(ctx, session);
  const secret = openTotpSecret(ctx.keyring, user.totp_secret);
  if (!secret || !verifyTotp(secret, code, ctx.clock.now())) {
    throw ruleViolation({ zh: '动态码不正确或已过期。请核对手机时间后输入最新的 6 位码。', en: 'The code is wrong or expired; check the phone clock and enter the latest code.' }, 'code');
  }
  await updateUserRow(ctx.db, user.town_id, user.id, { totp_enabled: 1, updated_at: shanghaiTimestamp(ctx.clock.now()) });
  await recordAudit(ctx, { townId: user.town_id, action: 'user.totp.enable', objectType: 'user', objectId: user.id });
}

export async function disableTotp(ctx: MutationContext, session: Row<'sessions'>, code: string): Promise<void> {
  const user = await currentUser(ctx, session);
  if (!fromFlag(user.totp_enabled) || !verifyTotp(openTotpSecret(ctx.keyring, user.totp_secret) ?? '', code, ctx.clock.now())) {
    throw ruleViolation({ zh: '动态码不正确，未停用。', en: 'The code is wrong; TOTP stays on.' }, 'code');
  }
  const roles = (await loadGrants(ctx.db, user.town_id, user.id)).map((g) => g.role);
  const settings = await securitySettings(ctx.db, user.town_id);
  if (restrictionOf({ ...user, totp_enabled: 0 }, roles, settings, ctx.clock.now()) === 'enrol_totp') {
    throw ruleViolation({ zh: '本镇要求管理员账号必须启用动态码，不能停用。', en: 'This town requires TOTP for administrator accounts.' });
  }
  await updateUserRow(ctx.db, user.town_id, user.id, { totp_enabled: 0, totp_secret: null, updated_at: shanghaiTimestamp(ctx.clock.now()) });
  await recordAudit(ctx, { townId: user.town_id, action: 'user.totp.disable', objectType: 'user', objectId: user.id });
}

