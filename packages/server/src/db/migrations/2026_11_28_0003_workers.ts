import type { Kysely } from 'kysely';

// The worker registry (#4): people with encrypted personal numbers and keyed hashes to find them,
// effective-dated posts, and a deployment-wide register of active ID numbers (one person, one
// active post, across every town). Frozen in time: never imports application code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_cipher', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('id_tail_hash', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('phone_cipher', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('household_registration', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bank_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bank_account_cipher', 'text')
    .addColumn('bank_account_hash', 'text')
    .addColumn('education', 'text')
    .addColumn('disability_certificate', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_contact_phone_cipher', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('persons_pk', ['town_id', 'id'])
    .addUniqueConstraint('persons_id_hash_uq', ['town_id', 'id_hash'])
    .execute();
  for (const col of ['id_tail_hash', 'phone_hash', 'bank_account_hash']) {
    await db.schema.createIndex(`persons_${col}_idx`).on('persons').columns(['town_id', col]).execute();
  }

  // One row per version of an employment; the current version has is_current = 1 and valid_to null.
  // person_name is copied here so the roster sorts and pages on one index at 100k workers.
  await db.schema
    .createTable('posts')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('employment_id', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('managing_department_id', 'text', (c) => c.notNull())
    .addColumn('duty', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('community_id', 'text')
    .addColumn('special_post', 'text')
    .addColumn('field_or_hazardous', 'integer', (c) => c.notNull())
    .addColumn('off_roster', 'integer', (c) => c.notNull())
    .addColumn('pay_scheme', 'text', (c) => c.notNull())
    .addColumn('legacy_base_fen', 'integer')
    .addColumn('legacy_bonus_fen', 'integer')
    .addColumn('employment_basis', 'text', (c) => c.notNull())
    .addColumn('insurance', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('exit_reason', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('posts_pk', ['town_id', 'id'])
    .addForeignKeyConstraint('posts_person_fk', ['town_id', 'person_id'], 'persons', ['town_id', 'id'])
    .addForeignKeyConstraint('posts_team_fk', ['town_id', 'team_id'], 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('posts_dept_fk', ['town_id', 'managing_department_id'], 'departments', ['town_id', 'id'])
    .addForeignKeyConstraint('posts_community_fk', ['town_id', 'community_id'], 'communities', ['town_id', 'id'])
    .execute();
  const postIndexes: [string, string[]][] = [
    ['posts_current_name_idx', ['town_id', 'is_current', 'person_name', 'id']],
    ['posts_current_team_idx', ['town_id', 'is_current', 'team_id', 'person_name', 'id']],
    ['posts_current_status_idx', ['town_id', 'is_current', 'status', 'person_name', 'id']],
    ['posts_current_community_idx', ['town_id', 'is_current', 'community_id']],
    ['posts_current_dept_idx', ['town_id', 'is_current', 'managing_department_id']],
    ['posts_current_start_idx', ['town_id', 'is_current', 'start_date']],
    ['posts_person_idx', ['town_id', 'person_id', 'valid_from']],
  ];
  for (const [name, columns] of postIndexes) await db.schema.createIndex(name).on('posts').columns(columns).execute();

  // One person, one active post across all towns of a deployment: the ghost-worker and
  // double-pay control (#4). A row exists while the person holds an active or suspended post.
  await db.schema
    .createTable('active_id_register')
    .addColumn('id_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('employment_id', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();

  // A roster stamp per town, bumped by every change to workers: cached counts key on it.
  await db.schema
    .createTable('roster_stamps')
    .addColumn('town_id', 'text', (c) => c.primaryKey().notNull().references('towns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  // A worker's own account sees only that person (scope `self`).
  await db.schema.alterTable('users').addColumn('person_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('person_id').execute();
  for (const t of ['roster_stamps', 'active_id_register', 'posts', 'persons']) await db.schema.dropTable(t).execute();
}
