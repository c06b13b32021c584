import { createHash, randomBytes } from 'node:crypto';
import { ADMIN_ROLES, shanghaiTimestamp, type Restriction, type Role, type ScopeKind, type SecuritySettings } from '@gongyi/domain';
import { sql } from 'kysely';
import type { DatabaseKind, Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { fromFlag } from '../../db/query-helpers.js';
import { reusableQuery } from '../../http/reusable-query.js';
import type { Actor } from '../policy.js';
import { SECURITY_SETTINGS_KEY, settingsFromJson } from '../settings/security-settings.js';

// Server-side sessions in the database, so any app server can serve any request. The cookie holds
// a 128-bit random token; the table holds only its SHA-256, so a copy of the database opens nothing.

export const SESSION_COOKIE = 'gongyi_session';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(16).toString('hex');

const plus = (at: Date, minutes: number) => shanghaiTimestamp(new Date(at.getTime() + minutes * 60_000));

/**
 * On PostgreSQL, the town row lock that the audit chain takes (audit.repository.ts), taken before a
 * sign-in writes anything. A sign-in inserts a session (its foreign key to the town takes a key-share
 * lock on the town row) and then audits, which locks the town row for update: two sign-ins to one town
 * at once each held the share lock the other waited for (deadlock detected → 500). Taking the lock
 * first makes them take turns, as the chain needs anyway. SQLite serialises writers already.
 */
export async function lockTownForSignIn(db: Executor, kind: DatabaseKind, townId: string): Promise<void> {
  if (kind === 'postgres') await db.selectFrom('towns').select('id').where('id', '=', townId).forUpdate().execute();
}

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

/**
 * Ends the user's oldest sessions beyond the town's limit (#13: default 3), so a password that leaked
 * cannot hold sessions open alongside the owner's without end. Returns how many ended.
 */
/**
 * Ends the oldest sessions of a user beyond `limit`, never `current` (the one this sign-in just opened): sign-ins
 * within one timestamp tick tie on created_at, and the tie must not end the new session instead of an old one.
 */
export async function endSessionsBeyond(db: Executor, user: Pick<Row<'users'>, 'town_id' | 'id'>, limit: number, current: string): Promise<number> {
  const keep = await db
    .selectFrom('sessions')
    .select('id')
    .where('town_id', '=', user.town_id)
    .where('user_id', '=', user.id)
    .where('id', '<>', current)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.max(0, limit - 1))
    .execute();
  const result = await db
    .deleteFrom('sessions')
    .where('town_id', '=', user.town_id)
    .where('user_id', '=', user.id)
    .where('id', 'not in', [current, ...keep.map((k) => k.id)])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function findSession(db: Executor, token: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', tokenHash(token)).executeTakeFirst();
}

const SESSION_COLUMNS = ['id', 'town_id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'idle_expires_at', 'expires_at', 'ip', 'user_agent'] as const;
const USER_COLUMNS = [
  'town_id', 'id', 'username', 'display_name', 'password_hash', 'password_changed_at', 'must_change_password', 'failed_attempts', 'locked_until',
  'disabled', 'totp_secret', 'totp_enabled', 'last_login_at', 'person_id', 'created_at', 'updated_at', 'totp_last_step', 'previous_password_hashes',
] as const;

export interface SignedIn {
  session: Row<'sessions'>;
  /** Absent when the session's account no longer exists. */
  user: Row<'users'> | undefined;
  grants: Actor['grants'];
  settings: SecuritySettings;
}

const scopeName = (table: 'coops' | 'departments' | 'teams' | 'communities') =>
  sql<string | null>`(select x.name from ${sql.table(table)} x where x.town_id = g.town_id and x.id = g.scope_id)`.as(table);

const signedInQuery = reusableQuery((db: Executor, slot: (name: 'id') => string) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('users as u', (j) => j.onRef('u.town_id', '=', 's.town_id').onRef('u.id', '=', 's.user_id'))
    .leftJoin('town_settings as ts', (j) => j.onRef('ts.town_id', '=', 's.town_id').on('ts.key', '=', SECURITY_SETTINGS_KEY))
    .leftJoin('user_grants as g', (j) => j.onRef('g.town_id', '=', 'u.town_id').onRef('g.user_id', '=', 'u.id'))
    .select(SESSION_COLUMNS.map((c) => `s.${c} as s_${c}` as const))
    .select(USER_COLUMNS.map((c) => `u.${c} as u_${c}` as const))
    .select(['ts.value_json', 'g.id as g_id', 'g.role as g_role', 'g.scope_kind as g_scope_kind', 'g.scope_id as g_scope_id'])
    // Scope names by scalar subqueries: PostgreSQL plans an 8-table join for milliseconds per request.
    .select([scopeName('coops'), scopeName('departments'), scopeName('teams'), scopeName('communities')])
    .where('s.id', '=', slot('id')),
);

/**
 * What every authenticated request needs, in one query (one round trip on PostgreSQL): the session,
 * its user, the user's grants with scope names (one row each) and the town's security settings.
 * Read afresh on every request, so a change made through any app server applies at once.
 */
export async function findSignedIn(db: Executor, token: string): Promise<SignedIn | undefined> {
  const rows = await signedInQuery(db, { id: tokenHash(token) });
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return undefined;
  const pick = <C extends string>(prefix: string, columns: readonly C[]) => Object.fromEntries(columns.map((c) => [c, first[prefix + c]])) as Record<C, unknown>;
  return {
    session: pick('s_', SESSION_COLUMNS) as Row<'sessions'>,
    user: first.u_id === null ? undefined : (pick('u_', USER_COLUMNS) as Row<'users'>),
    grants: rows.flatMap((g) =>
      g.g_id === null ? [] : [{ id: g.g_id, role: g.g_role as Role, scopeKind: g.g_scope_kind as ScopeKind, scopeId: g.g_scope_id, scopeName: g.coops ?? g.departments ?? g.teams ?? g.communities ?? null }],
    ),
    settings: settingsFromJson(first.value_json as string | null),
  };
}

export async function closeSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export const isExpired = (s: Row<'sessions'>, at: Date) => {
  const now = shanghaiTimestamp(at);
  return s.idle_expires_at <= now || s.expires_at <= now;
};

/**
 * Slides the idle deadline on every request (#13: written at most once a minute, a session ended up
 * to a minute early). One UPDATE by primary key, outside any transaction; skipped only when the
 * session was seen within the same second (a page's parallel requests), which moves nothing that matters.
 */
export async function touchSession(db: Executor, s: Row<'sessions'>, settings: SecuritySettings, at: Date): Promise<void> {
  if (at.getTime() - Date.parse(s.last_seen_at) < 1000) return;
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
  return { id: user.id, display: `${user.display_name}（${user.username}）`, kind: 'user', townId: user.town_id, grants, personId: user.person_id };
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
