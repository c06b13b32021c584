import { ACCOUNT_TYPE_LABELS, DEFAULT_SOURCES, EXPENSE_CLASS_LABELS, SOURCE_LABELS, shanghaiTimestamp, type AccountType, type ExpenseClass } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { fenOf } from '../../db/sums.js';

// The chart of accounts (#8 part 1), created on first use: per source a fund account and a
// sub-account of the town special account; per coop and source the coop's account; per coop its
// wages payable; per expense class one expense account. Codes are stable and readable
// (`coop:<coop id>:<source>`), so postings find their accounts without a lookup table.

export type AccountSpec =
  | { type: 'fund' | 'special'; source: string }
  | { type: 'coop'; coopId: string; source: string }
  | { type: 'payable'; coopId: string }
  | { type: 'expense'; expenseClass: ExpenseClass };

export function accountCode(spec: AccountSpec): string {
  switch (spec.type) {
    case 'fund':
    case 'special':
      return `${spec.type}:${spec.source}`;
    case 'coop':
      return `coop:${spec.coopId}:${spec.source}`;
    case 'payable':
      return `payable:${spec.coopId}`;
    case 'expense':
      return `expense:${spec.expenseClass}`;
  }
}

/** The town's sources in order (the defaults of the notice first, then the town's own); written on the first posting. */
export async function sourcesOf(ctx: MutationContext | ReadContext, townId: string): Promise<{ code: string; name: string }[]> {
  let rows = await ctx.db.selectFrom('fund_sources').select(['code', 'name']).where('town_id', '=', townId).orderBy('sort_order').execute();
  if (rows.length === 0 && !('newId' in ctx && ctx.newId)) return DEFAULT_SOURCES.map((code) => ({ code, name: SOURCE_LABELS[code]!.zh }));
  if (rows.length === 0) {
    const now = shanghaiTimestamp(ctx.clock.now());
    await ctx.db
      .insertInto('fund_sources')
      .values(DEFAULT_SOURCES.map((code, i) => ({ town_id: townId, code, name: SOURCE_LABELS[code]!.zh, sort_order: i, created_at: now })))
      .execute();
    rows = DEFAULT_SOURCES.map((code) => ({ code, name: SOURCE_LABELS[code]!.zh }));
  }
  return rows;
}

async function nameOf(ctx: MutationContext, townId: string, spec: AccountSpec): Promise<string> {
  const source = async (code: string) => (await ctx.db.selectFrom('fund_sources').select('name').where('town_id', '=', townId).where('code', '=', code).executeTakeFirst())?.name ?? code;
  const coop = async (id: string) => (await ctx.db.selectFrom('coops').select('short_name').where('town_id', '=', townId).where('id', '=', id).executeTakeFirst())?.short_name ?? id;
  switch (spec.type) {
    case 'fund':
      return `${ACCOUNT_TYPE_LABELS.fund.zh}-${await source(spec.source)}`;
    case 'special':
      return `镇专户-${await source(spec.source)}`;
    case 'coop':
      return `${await coop(spec.coopId)}-${await source(spec.source)}`;
    case 'payable':
      return `应付工资-${await coop(spec.coopId)}`;
    case 'expense':
      return EXPENSE_CLASS_LABELS[spec.expenseClass].zh;
  }
}

/** The id of the account `spec` names, creating it the first time. */
export async function accountId(ctx: MutationContext, townId: string, spec: AccountSpec): Promise<string> {
  const code = accountCode(spec);
  const found = await ctx.db.selectFrom('ledger_accounts').select('id').where('town_id', '=', townId).where('code', '=', code).executeTakeFirst();
  if (found) return found.id;
  const id = ctx.newId();
  await ctx.db
    .insertInto('ledger_accounts')
    .values({
      town_id: townId,
      id,
      code,
      name: await nameOf(ctx, townId, spec),
      type: spec.type satisfies AccountType,
      source_code: 'source' in spec ? spec.source : null,
      coop_id: 'coopId' in spec ? spec.coopId : null,
      expense_class: spec.type === 'expense' ? spec.expenseClass : null,
      created_at: shanghaiTimestamp(ctx.clock.now()),
    })
    .execute();
  return id;
}

/** Debit minus credit of accounts by code, from the stored balances (all months). */
export async function balancesByCode(db: Executor, townId: string, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('ledger_balances as b')
    .innerJoin('ledger_accounts as a', (j) => j.onRef('a.town_id', '=', 'b.town_id').onRef('a.id', '=', 'b.account_id'))
    .select(['a.code', (eb) => eb.fn.sum<number>('b.debit_fen').as('debit'), (eb) => eb.fn.sum<number>('b.credit_fen').as('credit')])
    .where('b.town_id', '=', townId)
    .where('a.code', 'in', codes)
    .groupBy('a.code')
    .execute();
  return new Map(rows.map((r) => [r.code, fenOf(r.debit) - fenOf(r.credit)]));
}
