import type { Kysely } from 'kysely';

// Sign-in hardening (#13 item 13, 等保 2.0 level 3, OWASP ASVS 5 L2). Frozen in time: never imports
// application code.
// - rate_limits: counters in a window with a block, one row per (town, kind, subject, source). Sign-in
//   counts failures per username and source address and per username across all sources (source '*'),
//   so an attacker's guesses delay the attacker, not the account's owner elsewhere; the ID reveal counts
//   per user per hour. Keyed by the username typed, so an unknown name is counted like a real one.
// - users.totp_last_step: the last TOTP time step accepted, so a code is used once (RFC 6238 §5.2).
// - users.previous_password_hashes: a JSON array of the argon2 hashes of the passwords before the
//   current one (newest first), so a change back to a recent password is refused.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['town_id', 'kind', 'subject', 'source'])
    .execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('users').addColumn('previous_password_hashes', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('previous_password_hashes').execute();
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
  await db.schema.dropTable('rate_limits').execute();
}
