import { sql, type Kysely } from 'kysely';

// #13 item 16: one user holds a role in a scope at most once. Identical grants (same user, role,
// scope kind and scope) made before this check existed are removed first, keeping the earliest
// (lowest id, so the one created first: ids are time-ordered UUIDv7); they granted nothing more
// than the one kept. A town-wide or self grant has no scope id: `coalesce` makes those equal too,
// since a unique index treats nulls as distinct on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from user_grants
    where exists (
      select 1 from user_grants earlier
      where earlier.town_id = user_grants.town_id
        and earlier.user_id = user_grants.user_id
        and earlier.role = user_grants.role
        and earlier.scope_kind = user_grants.scope_kind
        and coalesce(earlier.scope_id, '') = coalesce(user_grants.scope_id, '')
        and earlier.id < user_grants.id
    )`.execute(db);
  await sql`create unique index user_grants_identical_uq on user_grants (town_id, user_id, role, scope_kind, coalesce(scope_id, ''))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index user_grants_identical_uq`.execute(db);
}
