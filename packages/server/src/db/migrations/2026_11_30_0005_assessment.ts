import type { Kysely } from 'kysely';

// Attendance and assessment (#6, R25, R23, R11): indicator templates per team, the statutory
// calendar an admin can extend, monthly sheets per daily-managing unit and team with one entry per
// worker, corrections after lock, and the annual result's workings. Frozen in time: never imports
// application code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // R25: a team's indicators from a month on; used once the leadership group has approved them.
  await db.schema
    .createTable('assessment_templates')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('valid_from_month', 'text', (c) => c.notNull())
    .addColumn('indicators_json', 'text', (c) => c.notNull())
    .addColumn('absence_points_per_day_tenths', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_templates_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('assessment_templates_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('assessment_templates_team_idx').on('assessment_templates').columns(['town_id', 'team_id', 'valid_from_month']).execute();

  // The statutory calendar's days an administrator entered (a year the calendar package lacks). Deployment-wide.
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();

  // #6 part 4: one sheet per daily-managing unit, team and month.
  await db.schema
    .createTable('assessment_sheets')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('community_share_percent', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('returned_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('community_entered_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', 'text')
    .addPrimaryKeyConstraint('assessment_sheets_pk', ['town_id', 'id'])
    .addUniqueConstraint('assessment_sheets_unit_month_uq', ['town_id', 'department_id', 'team_id', 'month'])
    .addForeignKeyConstraint('assessment_sheets_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('assessment_sheets_dept_fk', ['town_id', 'department_id'], 'departments', ['town_id', 'id'])
    .addForeignKeyConstraint('assessment_sheets_template_fk', ['town_id', 'template_id'], 'assessment_templates', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('assessment_sheets_month_idx').on('assessment_sheets').columns(['town_id', 'month', 'state']).execute();

  // One worker's month: attendance (days in halves), scores per indicator (tenths), the computed total.
  await db.schema
    .createTable('assessment_entries')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text')
    .addColumn('employment_basis', 'text', (c) => c.notNull())
    .addColumn('days_due', 'integer', (c) => c.notNull())
    .addColumn('days_worked_halves', 'integer')
    .addColumn('absence_halves', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leave_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('people_served', 'integer')
    .addColumn('scores_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('unit_tenths', 'integer')
    .addColumn('community_tenths', 'integer')
    .addColumn('deduction_tenths', 'integer')
    .addColumn('total_tenths', 'integer')
    .addColumn('grade', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text')
    .addPrimaryKeyConstraint('assessment_entries_pk', ['town_id', 'sheet_id', 'person_id'])
    .addForeignKeyConstraint('assessment_entries_sheet_fk', ['town_id', 'sheet_id'], 'assessment_sheets', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('assessment_entries_person_idx').on('assessment_entries').columns(['town_id', 'person_id']).execute();

  // After lock, a change is a correction with its reason and approver, never an edit.
  await db.schema
    .createTable('assessment_corrections')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('after_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_corrections_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('assessment_corrections_sheet_fk', ['town_id', 'sheet_id'], 'assessment_sheets', ['town_id', 'id'])
    .execute();

  // The annual result's workings (#6 part 6), beside the outcome that renewal (#5) reads.
  for (const [name, type] of [
    ['months', 'integer'],
    ['mean_tenths', 'integer'],
    ['computed_outcome', 'text'],
    ['decision_step', 'integer'],
  ] as const) {
    await db.schema.alterTable('annual_results').addColumn(name, type).execute();
  }
  await db.schema.alterTable('annual_results').addColumn('district_rating', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('annual_results').addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo('')).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['decision_reason', 'district_rating', 'decision_step', 'computed_outcome', 'mean_tenths', 'months']) await db.schema.alterTable('annual_results').dropColumn(c).execute();
  for (const t of ['assessment_corrections', 'assessment_entries', 'assessment_sheets', 'calendar_days', 'assessment_templates']) await db.schema.dropTable(t).execute();
}
