import { createHash, randomBytes } from 'node:crypto';
import { ADMIN_ROLES, shanghaiTimestamp, type Restriction, type Role, type ScopeKind, type SecuritySettings } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { fromFlag } from '../../db/query-helpers.js';
import type { Actor } from '../policy.js';

// Server-side sessions in the database, so any app server can serve any request. The cookie holds
// a 128-bit random token; the table holds only its SHA-256, so a copy of the database opens nothing.

export const SESSION_COOKIE = 'gongyi_session';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(16).toString('hex');

const plus = (at: Date, minutes: number) => shanghaiTimestamp(new Date(at.getTime() + minutes * 60_000));

export async function openSession(
  db: Executor,
  user: Row<'users'>,
  settings: SecuritySettings,
  at: Date,
  client: { ip: string; userAgent: string },
): Promise<{ token: string; row: Row<'sessions'> }> {
  const token = newToken();
  const row: Row<'sessions'> = {
    id: tokenHash(token),
    town_id: user.town_id,
    user_id: user.id,
    csrf_token: randomBytes(16).toString('hex'),
    created_at: shanghaiTimestamp(at),
    last_seen_at: shanghaiTimestamp(at),
    idle_expires_at: plus(at, settings.sessionIdleMinutes),
    expires_at: plus(at, settings.sessionAbsoluteHours * 60),
    ip: client.ip,
    user_agent: client.userAgent.slice(0, 300),
  };
  await db.insertInto('sessions').values(row).execute();
  return { token, row };
}

export function findSession(db: Executor, token: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', tokenHash(token)).executeTakeFirst();
}

export async function closeSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export const isExpired = (s: Row<'sessions'>, at: Date) => {
  const now = shanghaiTimestamp(at);
  return s.idle_expires_at <= now || s.expires_at <= now;
};

/**
 * Slides the idle deadline. Written at most once a minute per session, so reading pages does not
 * turn into a write per request.
 */
export async function touchSession(db: Executor, s: Row<'sessions'>, settings: SecuritySettings, at: Date): Promise<void> {
  if (at.getTime() - Date.parse(s.last_seen_at) < 60_000) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: shanghaiTimestamp(at), idle_expires_at: plus(at, settings.sessionIdleMinutes) })
    .where('id', '=', s.id)
    .execute();
}

/** A user's grants with the names of their scopes (for the audit record's 所用授权). */
export async function loadGrants(db: Executor, townId: string, userId: string) {
  const rows = await db
    .selectFrom('user_grants as g')
    .leftJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'g.town_id').onRef('c.id', '=', 'g.scope_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'g.town_id').onRef('d.id', '=', 'g.scope_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'g.town_id').onRef('t.id', '=', 'g.scope_id'))
    .leftJoin('communities as m', (j) => j.onRef('m.town_id', '=', 'g.town_id').onRef('m.id', '=', 'g.scope_id'))
    .select(['g.id', 'g.role', 'g.scope_kind', 'g.scope_id', 'c.name as coop', 'd.name as dept', 't.name as team', 'm.name as community'])
    .where('g.town_id', '=', townId)
    .where('g.user_id', '=', userId)
    .execute();
  return rows.map((g) => ({
    id: g.id,
    role: g.role as Role,
    scopeKind: g.scope_kind as ScopeKind,
    scopeId: g.scope_id,
    scopeName: g.coop ?? g.dept ?? g.team ?? g.community ?? null,
  }));
}

export function actorOf(user: Row<'users'>, grants: Actor['grants']): Actor {
  return { id: user.id, display: `${user.display_name}（${user.username}）`, kind: 'user', townId: user.town_id, grants };
}

/** The date the password stops working, or null when passwords do not expire. */
export function passwordExpiresOn(user: Row<'users'>, settings: SecuritySettings): string | null {
  if (settings.passwordExpiryDays === 0) return null;
  return shanghaiTimestamp(new Date(Date.parse(user.password_changed_at) + settings.passwordExpiryDays * 86_400_000)).slice(0, 10);
}

/** What a signed-in user must do before anything else. */
export function restrictionOf(user: Row<'users'>, roles: readonly Role[], settings: SecuritySettings, at: Date): Restriction {
  const expires = passwordExpiresOn(user, settings);
  if (fromFlag(user.must_change_password) || (expires !== null && expires <= shanghaiTimestamp(at).slice(0, 10))) return 'change_password';
  if (settings.totpRequiredForAdmins && !fromFlag(user.totp_enabled) && roles.some((r) => ADMIN_ROLES.includes(r))) return 'enrol_totp';
  return 'none';
}
