import type { Kysely } from 'kysely';

// Payroll (#7, R11–R21): effective-dated pay policies per town, runs per coop and month (monthly
// pay and the annual bonus), one slip per worker and run with its lines and their explanations,
// the sign-offs of R21, and corrections carried into a later month. Frozen in time: never imports
// application code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // #7 part 1: a version applies from valid_from until the next version's date.
  await db.schema
    .createTable('pay_policies')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('policy_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pay_policies_pk', ['town_id', 'id'])
    .addUniqueConstraint('pay_policies_from_uq', ['town_id', 'valid_from'])
    .execute();

  // #7 parts 3–5: one run per coop, kind and month; `version` guards concurrent sign-offs.
  await db.schema
    .createTable('pay_runs')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('coop_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('worker_count', 'integer', (c) => c.notNull())
    .addColumn('gross_fen', 'bigint', (c) => c.notNull())
    .addColumn('deduction_fen', 'bigint', (c) => c.notNull())
    .addColumn('net_fen', 'bigint', (c) => c.notNull())
    .addColumn('in_kind_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pay_runs_pk', ['town_id', 'id'])
    .addUniqueConstraint('pay_runs_coop_month_uq', ['town_id', 'coop_id', 'kind', 'month'])
    .addForeignKeyConstraint('pay_runs_coop_fk', ['town_id', 'coop_id'], 'coops', ['town_id', 'id'])
    .addForeignKeyConstraint('pay_runs_policy_fk', ['town_id', 'policy_id'], 'pay_policies', ['town_id', 'id'])
    .execute();

  // One worker's slip in a run: who signs it (unit, supervising department), totals, and the lines.
  await db.schema
    .createTable('pay_slips')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('supervising_department_id', 'text', (c) => c.notNull())
    .addColumn('days_in_post', 'integer', (c) => c.notNull())
    .addColumn('base_fen', 'bigint', (c) => c.notNull())
    .addColumn('high_temperature_fen', 'bigint', (c) => c.notNull())
    .addColumn('gross_fen', 'bigint', (c) => c.notNull())
    .addColumn('deduction_fen', 'bigint', (c) => c.notNull())
    .addColumn('net_fen', 'bigint', (c) => c.notNull())
    .addColumn('in_kind_fen', 'bigint', (c) => c.notNull())
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pay_slips_pk', ['town_id', 'run_id', 'person_id'])
    .addForeignKeyConstraint('pay_slips_run_fk', ['town_id', 'run_id'], 'pay_runs', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('pay_slips_person_idx').on('pay_slips').columns(['town_id', 'person_id']).execute();

  // R21: who signed which step (for which unit or department); an edit voids later sign-offs.
  await db.schema
    .createTable('pay_signoffs')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('pay_signoffs_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('pay_signoffs_run_fk', ['town_id', 'run_id'], 'pay_runs', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('pay_signoffs_run_idx').on('pay_signoffs').columns(['town_id', 'run_id']).execute();

  // #7 part 4: a correction of an approved run, paid (or recovered) in the coop's next monthly run.
  await db.schema
    .createTable('pay_adjustments')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('coop_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_run_id', 'text')
    .addPrimaryKeyConstraint('pay_adjustments_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('pay_adjustments_run_fk', ['town_id', 'run_id'], 'pay_runs', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('pay_adjustments_coop_idx').on('pay_adjustments').columns(['town_id', 'coop_id', 'applied_run_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['pay_adjustments', 'pay_signoffs', 'pay_slips', 'pay_runs', 'pay_policies']) await db.schema.dropTable(t).execute();
}
