import type { Kysely } from 'kysely';

// Funds (#8, R20, R22): the town special account as a double-entry ledger — sources, accounts,
// entries with their lines, stored balances per account and month (rebuilt and compared by
// `gongyi ledger check`), closed months, earmark rules — and the year's budget with the uniform and
// training applications that feed it. Frozen in time: never imports application code.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_sources')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_sources_pk', ['town_id', 'code'])
    .execute();

  await db.schema
    .createTable('ledger_accounts')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source_code', 'text')
    .addColumn('coop_id', 'text')
    .addColumn('expense_class', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_accounts_pk', ['town_id', 'id'])
    .addUniqueConstraint('ledger_accounts_code_uq', ['town_id', 'code'])
    .execute();

  // #8 part 2: posted entries are never changed; a correction is a reversal entry.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_ref', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reverses_entry_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['town_id', 'id'])
    .addUniqueConstraint('ledger_entries_seq_uq', ['town_id', 'seq'])
    .execute();
  await db.schema.createIndex('ledger_entries_document_idx').on('ledger_entries').columns(['town_id', 'document_kind', 'document_ref']).execute();
  await db.schema.createIndex('ledger_entries_period_idx').on('ledger_entries').columns(['town_id', 'period']).execute();

  await db.schema
    .createTable('ledger_lines')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('debit_fen', 'bigint', (c) => c.notNull())
    .addColumn('credit_fen', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addPrimaryKeyConstraint('ledger_lines_pk', ['town_id', 'entry_id', 'line_no'])
    .addForeignKeyConstraint('ledger_lines_entry_fk', ['town_id', 'entry_id'], 'ledger_entries', ['town_id', 'id'])
    .addForeignKeyConstraint('ledger_lines_account_fk', ['town_id', 'account_id'], 'ledger_accounts', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('ledger_lines_account_idx').on('ledger_lines').columns(['town_id', 'account_id']).execute();

  // Movements per account and month, kept with every posting (the rebuild checks them).
  await db.schema
    .createTable('ledger_balances')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('debit_fen', 'bigint', (c) => c.notNull())
    .addColumn('credit_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_balances_pk', ['town_id', 'account_id', 'period'])
    .addForeignKeyConstraint('ledger_balances_account_fk', ['town_id', 'account_id'], 'ledger_accounts', ['town_id', 'id'])
    .execute();

  await db.schema
    .createTable('ledger_periods')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_periods_pk', ['town_id', 'period'])
    .execute();

  await db.schema
    .createTable('ledger_earmarks')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source_code', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('expense_class', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_earmarks_pk', ['town_id', 'id'])
    .execute();

  // #8 part 4: a year's expected receipts per source and planned spending per coop, team and class.
  await db.schema
    .createTable('budget_lines')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_code', 'text')
    .addColumn('coop_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('expense_class', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_lines_pk', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('budget_lines_year_idx').on('budget_lines').columns(['town_id', 'year']).execute();

  // R18: uniforms and gear (a department applies), training (the coop plans); the leadership group approves into next year's budget.
  await db.schema
    .createTable('budget_applications')
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('coop_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_applications_pk', ['town_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['budget_applications', 'budget_lines', 'ledger_earmarks', 'ledger_periods', 'ledger_balances', 'ledger_lines', 'ledger_entries', 'ledger_accounts', 'fund_sources']) await db.schema.dropTable(t).execute();
}
