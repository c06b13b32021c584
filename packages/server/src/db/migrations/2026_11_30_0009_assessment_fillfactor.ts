import { PostgresAdapter, sql, type Kysely } from 'kysely';

// PostgreSQL only: a month's assessment rows are inserted when the sheet opens and then updated
// twice or more (the unit's pass, the community's pass, corrections). Inserted rows fill their pages,
// so no update could stay on its page (a HOT update) and every row version went to a new page with
// new entries in both indexes (~4 WAL records a row). With half of each page left free the second
// write of a 1,445-row sheet took 5 ms instead of 21 (BENCHMARKS.md, #6). SQLite updates in place.

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table assessment_entries set (fillfactor = 50)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table assessment_entries reset (fillfactor)`.execute(db);
}
