import type { Grant, Role, ScopeKind, User, UserQuery } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { fromFlag, likeEscaped, offsetOf } from '../../db/query-helpers.js';
import type { NewRow, Row, RowUpdate } from '../../db/schema.js';

export function findUserByUsername(db: Executor, townId: string, username: string) {
  return db.selectFrom('users').selectAll().where('town_id', '=', townId).where('username', '=', username).executeTakeFirst();
}

export function findUser(db: Executor, townId: string, id: string) {
  return db.selectFrom('users').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: NewRow<'users'>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(db: Executor, townId: string, id: string, patch: RowUpdate<'users'>): Promise<void> {
  await db.updateTable('users').set(patch).where('town_id', '=', townId).where('id', '=', id).execute();
}

/** Grants with the names of their scopes, for display. */
export async function grantsOf(db: Executor, townId: string, userIds: string[]): Promise<Map<string, Grant[]>> {
  const byUser = new Map<string, Grant[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_grants as g')
    .leftJoin('coops as c', (j) => j.onRef('c.town_id', '=', 'g.town_id').onRef('c.id', '=', 'g.scope_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.town_id', '=', 'g.town_id').onRef('d.id', '=', 'g.scope_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'g.town_id').onRef('t.id', '=', 'g.scope_id'))
    .leftJoin('communities as m', (j) => j.onRef('m.town_id', '=', 'g.town_id').onRef('m.id', '=', 'g.scope_id'))
    .where('g.town_id', '=', townId)
    .where('g.user_id', 'in', userIds)
    .select(['g.id', 'g.user_id', 'g.role', 'g.scope_kind', 'g.scope_id', 'g.created_at', 'c.name as coop', 'd.name as dept', 't.name as team', 'm.name as community'])
    .orderBy('g.created_at')
    .orderBy('g.id')
    .execute();
  for (const r of rows) {
    const scopeName = { coop: r.coop, department: r.dept, team: r.team, community: r.community }[r.scope_kind as string] ?? null;
    const grant: Grant = {
      id: r.id,
      role: r.role as Role,
      scopeKind: r.scope_kind as ScopeKind,
      scopeId: r.scope_id,
      scopeName,
      createdAt: r.created_at,
    };
    byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), grant]);
  }
  return byUser;
}

export function toUser(row: Row<'users'>, grants: Grant[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    disabled: fromFlag(row.disabled),
    lockedUntil: row.locked_until,
    totpEnabled: fromFlag(row.totp_enabled),
    lastLoginAt: row.last_login_at,
    passwordChangedAt: row.password_changed_at,
    grants,
    createdAt: row.created_at,
  };
}

function filtered(db: Executor, townId: string, q: UserQuery) {
  let query = db.selectFrom('users as u').where('u.town_id', '=', townId);
  if (q.q) {
    const text = q.q;
    query = query.where((eb) => eb.or([likeEscaped('u.username', text), likeEscaped('u.display_name', text)]));
  }
  if (q.role) {
    const role = q.role;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_grants as g').whereRef('g.town_id', '=', 'u.town_id').whereRef('g.user_id', '=', 'u.id').where('g.role', '=', role).select('g.id')),
    );
  }
  return query;
}

export async function listUsers(db: Executor, townId: string, q: UserQuery) {
  const [rows, count] = await Promise.all([
    filtered(db, townId, q).selectAll('u').orderBy('u.username').limit(q.pageSize).offset(offsetOf(q)).execute(),
    filtered(db, townId, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertGrant(db: Executor, row: NewRow<'user_grants'>): Promise<void> {
  await db.insertInto('user_grants').values(row).execute();
}

export async function deleteGrant(db: Executor, townId: string, userId: string, grantId: string): Promise<number> {
  const r = await db.deleteFrom('user_grants').where('town_id', '=', townId).where('user_id', '=', userId).where('id', '=', grantId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSessionsOf(db: Executor, townId: string, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('town_id', '=', townId).where('user_id', '=', userId).execute();
}
