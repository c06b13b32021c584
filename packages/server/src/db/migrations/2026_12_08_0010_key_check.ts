import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code (STYLE.md §7).
// #13 item 4: a check value per data key (an HMAC of a fixed label under the key, never the key
// itself), so a start with a missing or wrong key file is refused instead of silently making a new
// key. Deployment-wide like the key itself, so no town_id.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_checks')
    .addColumn('key_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('key_checks').execute();
}
