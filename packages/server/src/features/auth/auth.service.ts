import {
  ROLE_ACTIONS,
  shanghaiTimestamp,
  type Action,
  type ChangePassword,
  type Login,
  type SecuritySettings,
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
import { claimTotpStep, townCodeOf } from './auth.repository.js';
import { passwordProblem } from './password-strength.js';
import { dummyPasswordHash, hashPassword, isRecentPassword, PASSWORD_HISTORY, retirePassword, verifyPassword } from './passwords.js';
import { secondsUntil } from './rate-limits.js';
import { actorOf, closeSession, endSessionsBeyond, loadGrants, lockTownForSignIn, openSession, passwordExpiresOn, restrictionOf } from './sessions.js';
import { countSignInFailure, forgetSignInFailures, signInBlockedUntil } from './sign-in-throttle.js';
import { newTotpSecret, openTotpSecret, otpauthUrl, sealTotpSecret, totpStep } from './totp.js';

/**
 * The one answer to every failed sign-in (#13): unknown town or user, wrong password, disabled,
 * locked or waiting all read the same and carry the same status, so the answer does not tell which
 * usernames exist. A wait adds only a Retry-After header.
 */
export class SignInRefused extends AppError {
  constructor(readonly retryAfterSeconds?: number) {
    super('unauthenticated', {
      zh: '用户名或密码错误，或账号暂时不能登录。请核对后重试；如仍不能登录，请联系本镇安全管理员。',
      en: 'Wrong username or password, or the account cannot sign in for now. Check and retry, or ask the security administrator.',
    });
  }
}

const BAD_TOTP = new AppError(
  'unauthenticated',
  { zh: '动态码不正确或已过期。请核对手机时间后输入最新的 6 位码。', en: 'The code is wrong or expired; enter the latest 6-digit code.' },
  'totpCode',
);

export interface LoginResult {
  token: string;
  session: Session;
}

type Audit = (action: string, result: 'ok' | 'denied' | 'failed', detail?: unknown) => Promise<void>;

/**
 * Signs a user in (#3, #13). Every outcome is audited in the town's chain in the same transaction as
 * its effect: a failure counts towards the waits (sign-in-throttle.ts), a success opens a session.
 * The password is checked before the transaction (argon2 takes ~50 ms; the town row is not held
 * meanwhile), against a dummy hash when the user is unknown so the time taken does not tell.
 */
export async function login(database: Database, runtime: Runtime, meta: RequestMeta & { userAgent: string }, input: Login): Promise<LoginResult> {
  const town = await findTownByCode(database.db, input.townCode);
  const user = town ? await findUserByUsername(database.db, town.id, input.username) : undefined;
  // An address already waiting is refused without spending an argon2 verify on it.
  const waiting = town ? await signInBlockedUntil(database.db, town.id, input.username, meta.ip, runtime.clock.now()) : null;
  const passwordOk = waiting === null && (await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password));
  if (!town) throw new SignInRefused();

  const outcome = await inTransaction(database, runtime, { ...meta, actor: user ? actorOf(user, []) : { ...ANONYMOUS, display: `未知用户 ${input.username.slice(0, 40)}` } }, async (ctx) => {
    await lockTownForSignIn(ctx.db, ctx.kind, town.id);
    const settings = await securitySettings(ctx.db, town.id);
    const now = ctx.clock.now();
    const audit: Audit = (action, result, detail) =>
      recordAudit(ctx, { townId: town.id, action, objectType: 'user', objectId: user?.id ?? input.username, result, after: detail });
    // Read again under the town lock: of many guesses fired at once, those after the threshold wait.
    const until = await signInBlockedUntil(ctx.db, town.id, input.username, meta.ip, now);
    if (until) {
      await audit('login.locked', 'denied', { until, known: user !== undefined });
      return { error: new SignInRefused(secondsUntil(until, now)) };
    }
    const secret = user && fromFlag(user.totp_enabled) ? (openTotpSecret(ctx.keyring, user.totp_secret) ?? '') : null;
    const step = secret !== null && input.totpCode !== undefined ? totpStep(secret, input.totpCode, now) : null;
    const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : fromFlag(user.disabled) ? 'disabled' : input.totpCode !== undefined && secret !== null && step === null ? 'bad_totp' : null;
    if (reason || !user) return { error: await refuse(ctx, town.id, input.username, settings, audit, reason ?? 'unknown_user', user) };
    if (secret !== null && step === null) return { error: new AppError('totp_required', { zh: '请输入身份验证器中的 6 位动态码。', en: 'Enter the 6-digit code from your authenticator app.' }, 'totpCode') };
    // A code works once (RFC 6238 §5.2): a step at or before the last one used is a replay.
    if (step !== null && !(await claimTotpStep(ctx.db, user, step))) return { error: await refuse(ctx, town.id, input.username, settings, audit, 'totp_replay', user) };

    await forgetSignInFailures(ctx.db, town.id, input.username, meta.ip);
    await updateUserRow(ctx.db, town.id, user.id, { failed_attempts: 0, locked_until: null, last_login_at: shanghaiTimestamp(now) });
    const { token, row } = await openSession(ctx.db, user, settings, now, { ip: meta.ip, userAgent: meta.userAgent });
    const ended = await endSessionsBeyond(ctx.db, user, settings.maxSessionsPerUser, row.id);
    await audit('login.success', 'ok', ended > 0 ? { endedOldestSessions: ended } : undefined);
    return { token, session: row };
  });
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.token, session: await describeSession({ db: database.db, kind: database.kind, clock: runtime.clock, keyring: runtime.keyring, actor: ANONYMOUS }, outcome.session) };
}

/**
 * Counts a failure against the address and the account and audits it. With the password right and
 * only the code wrong, the code is named (the usual two-step courtesy: the password was proven).
 */
async function refuse(ctx: MutationContext, townId: string, username: string, settings: SecuritySettings, audit: Audit, reason: string, user: Row<'users'> | undefined): Promise<AppError> {
  const counted = await countSignInFailure(ctx.db, townId, username, ctx.ip, settings, ctx.clock.now());
  await audit('login.failure', 'failed', { reason, failuresFromAddress: counted.sourceFailures, failuresOfAccount: counted.accountFailures });
  if (counted.accountBlockedUntil) {
    if (user) await updateUserRow(ctx.db, townId, user.id, { locked_until: counted.accountBlockedUntil });
    await audit('account.lockout', 'denied', { lockedUntil: counted.accountBlockedUntil, failures: counted.accountFailures });
  }
  return reason === 'bad_totp' || reason === 'totp_replay' ? BAD_TOTP : new SignInRefused();
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

const REUSED = {
  zh: `新密码不能与最近 ${PASSWORD_HISTORY + 1} 次使用过的密码（含当前密码）相同，请换一个。`,
  en: `The new password must differ from the last ${PASSWORD_HISTORY + 1} passwords (the current one included).`,
};

/** Changes the signed-in user's password; the user's other sessions end. */
export async function changePassword(ctx: MutationContext, session: Row<'sessions'>, input: ChangePassword): Promise<void> {
  const user = await currentUser(ctx, session);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('rule_violation', { zh: '当前密码不正确，请重新输入。', en: 'The current password is wrong.' }, 'currentPassword');
  }
  const settings = await securitySettings(ctx.db, session.town_id);
  const problem = passwordProblem(input.newPassword, settings, { username: user.username, townCode: await townCodeOf(ctx.db, user.town_id) });
  if (problem) throw ruleViolation(problem, 'newPassword');
  if (await isRecentPassword(user, input.newPassword)) throw ruleViolation(REUSED, 'newPassword');
  const now = shanghaiTimestamp(ctx.clock.now());
  await updateUserRow(ctx.db, user.town_id, user.id, {
    password_hash: await hashPassword(input.newPassword),
    previous_password_hashes: retirePassword(user),
    password_changed_at: now,
    must_change_password: 0,
    updated_at: now,
  });
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
  const step = secret ? totpStep(secret, code, ctx.clock.now()) : null;
  // The confirming code is used: it cannot sign in afterwards.
  if (step === null || !(await claimTotpStep(ctx.db, user, step))) {
    throw ruleViolation({ zh: '动态码不正确或已过期。请核对手机时间后输入最新的 6 位码。', en: 'The code is wrong or expired; check the phone clock and enter the latest code.' }, 'code');
  }
  await updateUserRow(ctx.db, user.town_id, user.id, { totp_enabled: 1, updated_at: shanghaiTimestamp(ctx.clock.now()) });
  await recordAudit(ctx, { townId: user.town_id, action: 'user.totp.enable', objectType: 'user', objectId: user.id });
}

export async function disableTotp(ctx: MutationContext, session: Row<'sessions'>, code: string): Promise<void> {
  const user = await currentUser(ctx, session);
  const step = fromFlag(user.totp_enabled) ? totpStep(openTotpSecret(ctx.keyring, user.totp_secret) ?? '', code, ctx.clock.now()) : null;
  if (step === null || !(await claimTotpStep(ctx.db, user, step))) {
    throw ruleViolation({ zh: '动态码不正确，未停用。', en: 'The code is wrong; TOTP stays on.' }, 'code');
  }
  const roles = (await loadGrants(ctx.db, user.town_id, user.id)).map((g) => g.role);
  const settings = await securitySettings(ctx.db, user.town_id);
  if (restrictionOf({ ...user, totp_enabled: 0 }, roles, settings, ctx.clock.now()) === 'enrol_totp') {
    throw ruleViolation({ zh: '本镇要求管理员账号必须启用动态码，不能停用。', en: 'This town requires TOTP for administrator accounts.' });
  }
  await updateUserRow(ctx.db, user.town_id, user.id, { totp_enabled: 0, totp_secret: null, totp_last_step: null, updated_at: shanghaiTimestamp(ctx.clock.now()) });
  await recordAudit(ctx, { townId: user.town_id, action: 'user.totp.disable', objectType: 'user', objectId: user.id });
}

