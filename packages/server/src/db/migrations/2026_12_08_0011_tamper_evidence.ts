import { PostgresAdapter, sql, type Kysely } from 'kysely';

// R27, #13 items 7–8: keyed MACs an insider with database access cannot forge (the key is not in
// the database: features/crypto/chain-mac.ts), and checkpoints of each town's chain heads.
// - audit_log and ledger_entries gain `prev_mac`/`mac`: a MAC per row chained per town. Rows written
//   before this migration keep '' (the legacy prefix): they stay checked by their unkeyed hash chain
//   (audit) or the balances rebuild (ledger), and the first keyed row of a town — whose MAC covers the
//   last legacy row's hash — is checkpointed, which records where the legacy prefix ends.
// - pay_runs gains `slips_mac`: the MAC of the run's slips at approval ('' for runs approved before).
// - audit_checkpoints: the heads (seq + MAC) of a town's audit and ledger chains at intervals, each
//   row MACed and chained; on PostgreSQL `gongyi audit protect` leaves the app role only INSERT on it.
// - PostgreSQL: a trigger refuses an audit_log or audit_checkpoints row out of sequence (seq ≠ the
//   town's last + 1, or prev_mac ≠ the last row's mac), whoever inserts it.

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;
const SEQUENCED = ['audit_log', 'audit_checkpoints'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'ledger_entries']) {
    await db.schema.alterTable(table).addColumn('prev_mac', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable(table).addColumn('mac', 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await db.schema.alterTable('pay_runs').addColumn('slips_mac', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('audit_mac', 'text', (c) => c.notNull())
    .addColumn('ledger_seq', 'integer', (c) => c.notNull())
    .addColumn('ledger_mac', 'text', (c) => c.notNull())
    .addColumn('prev_mac', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['town_id', 'seq'])
    .execute();
  if (!isPostgres(db)) return;
  for (const table of SEQUENCED) {
    const fn = sql.id(`${table}_in_sequence`);
    const t = sql.id(table);
    await sql`
      create function ${fn}() returns trigger language plpgsql as $$
      declare last_seq integer; last_mac text;
      begin
        select seq, mac into last_seq, last_mac from ${t} where town_id = new.town_id order by seq desc limit 1;
        if new.seq is distinct from coalesce(last_seq, 0) + 1 or new.prev_mac is distinct from coalesce(last_mac, '') then
          raise exception '${sql.raw(table)}: 镇 % 的第 % 条不接在第 % 条之后（序号或前一条校验码不符）', new.town_id, new.seq, coalesce(last_seq, 0);
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger ${fn} before insert on ${t} for each row execute function ${fn}()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of SEQUENCED) {
      await sql`drop trigger if exists ${sql.id(`${table}_in_sequence`)} on ${sql.id(table)}`.execute(db);
      await sql`drop function if exists ${sql.id(`${table}_in_sequence`)}()`.execute(db);
    }
  }
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.alterTable('pay_runs').dropColumn('slips_mac').execute();
  for (const table of ['audit_log', 'ledger_entries']) {
    await db.schema.alterTable(table).dropColumn('mac').execute();
    await db.schema.alterTable(table).dropColumn('prev_mac').execute();
  }
}
