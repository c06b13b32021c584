import type { Kysely } from 'kysely';

// Headcount, hiring, exits and work agreements (#5, R6–R10). Frozen in time: never imports
// application code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // R9: an effective-dated quota plan per town: its total here, category and team lines below.
  await db.schema
    .createTable('quota_plans')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_plans_pk', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('quota_plans_from_idx').on('quota_plans').columns(['town_id', 'valid_from']).execute();

  await db.schema
    .createTable('quota_lines')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_lines_pk', ['town_id', 'plan_id', 'level', 'target_id'])
    .addForeignKeyConstraint('quota_lines_plan_fk', ['town_id', 'plan_id'], 'quota_plans', ['town_id', 'id'])
    .execute();

  // R9: a department's proposal with the notice's parameters; town HR approves or adjusts it.
  await db.schema
    .createTable('quota_proposals')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('area_centi_km2', 'integer', (c) => c.notNull())
    .addColumn('people_served', 'integer', (c) => c.notNull())
    .addColumn('complexity', 'text', (c) => c.notNull())
    .addColumn('requested', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('approved_quota', 'integer')
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('quota_proposals_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('quota_proposals_dept_fk', ['town_id', 'department_id'], 'departments', ['town_id', 'id'])
    .addForeignKeyConstraint('quota_proposals_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('quota_proposals_state_idx').on('quota_proposals').columns(['town_id', 'state', 'created_at']).execute();

  // R10: a hire (or transfer) request; once approved it holds a vacancy until its agreement is filed.
  // The post it asks for is kept as the JSON of the post input (no personal numbers in it).
  await db.schema
    .createTable('hiring_requests')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('managing_department_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text')
    .addColumn('post_json', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('hiring_requests_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('hiring_requests_person_fk', ['town_id', 'person_id'], 'persons', ['town_id', 'id'])
    .addForeignKeyConstraint('hiring_requests_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('hiring_requests_state_idx').on('hiring_requests').columns(['town_id', 'state', 'team_id']).execute();

  // R6, R8: the one-year work agreement. in_force / expired are read from `filed` and the date.
  await db.schema
    .createTable('agreements')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('employment_id', 'text')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('coop_id', 'text', (c) => c.notNull())
    .addColumn('supervising_department_id', 'text', (c) => c.notNull())
    .addColumn('managing_department_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text')
    .addColumn('duty', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pay_scheme', 'text', (c) => c.notNull())
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('witnessed_on', 'text')
    .addColumn('witness_department_id', 'text')
    .addColumn('filing_number', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('terminated_on', 'text')
    .addColumn('termination_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hiring_request_id', 'text')
    .addColumn('previous_agreement_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreements_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('agreements_person_fk', ['town_id', 'person_id'], 'persons', ['town_id', 'id'])
    .addForeignKeyConstraint('agreements_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('agreements_coop_fk', ['town_id', 'coop_id'], 'coops', ['town_id', 'id'])
    .execute();
  const agreementIndexes: [string, string[]][] = [
    ['agreements_end_idx', ['town_id', 'term_end']],
    ['agreements_person_idx', ['town_id', 'person_id', 'term_start']],
    ['agreements_state_idx', ['town_id', 'state', 'term_end']],
    ['agreements_team_idx', ['town_id', 'team_id', 'term_end']],
  ];
  for (const [name, columns] of agreementIndexes) await db.schema.createIndex(name).on('agreements').columns(columns).execute();

  // R8: the annual assessment's result per person and year (#6 writes it; renewal reads it).
  await db.schema
    .createTable('annual_results')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_results_pk', ['town_id', 'person_id', 'year'])
    .addForeignKeyConstraint('annual_results_person_fk', ['town_id', 'person_id'], 'persons', ['town_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['annual_results', 'agreements', 'hiring_requests', 'quota_proposals', 'quota_lines', 'quota_plans']) await db.schema.dropTable(t).execute();
}
