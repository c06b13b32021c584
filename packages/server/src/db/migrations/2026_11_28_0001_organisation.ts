import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code (STYLE.md §7).
// Every business table carries town_id and a composite primary key (town_id, id), and every
// foreign key includes town_id, so a row can never point into another town (tenant) and the
// tables are ready to be distributed by town (Citus). Dates are YYYY-MM-DD text; booleans are
// integer 0/1 on both databases so that SQLite and PostgreSQL hold identical columns.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('towns')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('departments_pk', ['town_id', 'id'])
    .addUniqueConstraint('departments_name_uq', ['town_id', 'name'])
    .execute();

  await db.schema
    .createTable('communities')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('communities_pk', ['town_id', 'id'])
    .addUniqueConstraint('communities_name_uq', ['town_id', 'name'])
    .execute();

  await db.schema
    .createTable('coops')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('seat_department_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coops_pk', ['town_id', 'id'])
    .addUniqueConstraint('coops_name_uq', ['town_id', 'name'])
    .addForeignKeyConstraint('coops_seat_fk', ['town_id', 'seat_department_id'], 'departments', ['town_id', 'id'])
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_coop_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('categories_pk', ['town_id', 'id'])
    .addUniqueConstraint('categories_code_uq', ['town_id', 'code'])
    .addForeignKeyConstraint('categories_coop_fk', ['town_id', 'default_coop_id'], 'coops', ['town_id', 'id'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('coop_id', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teams_pk', ['town_id', 'id'])
    .addUniqueConstraint('teams_name_uq', ['town_id', 'name'])
    .addForeignKeyConstraint('teams_category_fk', ['town_id', 'category_id'], 'categories', ['town_id', 'id'])
    .addForeignKeyConstraint('teams_coop_fk', ['town_id', 'coop_id'], 'coops', ['town_id', 'id'])
    .execute();

  // R4/R5: who supervises and who manages a team day to day, effective-dated.
  await db.schema
    .createTable('team_assignments')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('supervising_department_id', 'text', (c) => c.notNull())
    .addColumn('community_score_share', 'integer', (c) => c.notNull())
    .addColumn('community_share_percent', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_assignments_pk', ['town_id', 'id'])
    .addUniqueConstraint('team_assignments_from_uq', ['town_id', 'team_id', 'valid_from'])
    .addForeignKeyConstraint('team_assignments_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint(
      'team_assignments_supervisor_fk',
      ['town_id', 'supervising_department_id'],
      'departments',
      ['town_id', 'id'],
    )
    .execute();

  await db.schema
    .createTable('team_assignment_units')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_assignment_units_pk', ['town_id', 'assignment_id', 'department_id'])
    .addForeignKeyConstraint(
      'team_assignment_units_assignment_fk',
      ['town_id', 'assignment_id'],
      'team_assignments',
      ['town_id', 'id'],
    )
    .addForeignKeyConstraint('team_assignment_units_dept_fk', ['town_id', 'department_id'], 'departments', [
      'town_id',
      'id',
    ])
    .execute();

  // The leadership group, its office and the supervision office (§三, R27).
  await db.schema
    .createTable('bodies')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seat_department_id', 'text')
    .addColumn('duties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bodies_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('bodies_seat_fk', ['town_id', 'seat_department_id'], 'departments', ['town_id', 'id'])
    .execute();

  await db.schema
    .createTable('body_members')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addPrimaryKeyConstraint('body_members_pk', ['town_id', 'body_id', 'position'])
    .addForeignKeyConstraint('body_members_body_fk', ['town_id', 'body_id'], 'bodies', ['town_id', 'id'])
    .addForeignKeyConstraint('body_members_dept_fk', ['town_id', 'department_id'], 'departments', ['town_id', 'id'])
    .execute();

  await db.schema.createIndex('teams_category_idx').on('teams').columns(['town_id', 'category_id']).execute();
  await db.schema.createIndex('teams_coop_idx').on('teams').columns(['town_id', 'coop_id']).execute();
  await db.schema
    .createIndex('team_assignments_team_idx')
    .on('team_assignments')
    .columns(['town_id', 'team_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('team_assignment_units_dept_idx')
    .on('team_assignment_units')
    .columns(['town_id', 'department_id'])
    .execute();

  // Audit trail: one row per mutation, written in the same transaction (R27). `seq` numbers a
  // town's records without gaps; `hash` = SHA-256(prev_hash + canonical record), a chain per town.
  await db.schema
    .createTable('audit_log')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('grant_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('request_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['town_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['town_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log',
    'body_members',
    'bodies',
    'team_assignment_units',
    'team_assignments',
    'teams',
    'categories',
    'coops',
    'communities',
    'departments',
    'towns',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
