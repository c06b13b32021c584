import { sql } from 'kysely';
import { checkEntry, entryProblemText, shanghaiTimestamp, type EntryKind } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { entryMac } from './entry-chain.js';
import { fenOf } from '../../db/sums.js';

// Posting one journal entry (#8 part 2): balanced to the fen or refused, never into a closed month,
// numbered in the town's sequence, its lines and the stored balances written in the caller's
// transaction (so a crash leaves all of it or none), audited with the change.

export interface PostLine {
  accountId: string;
  debitFen: number;
  creditFen: number;
  teamId?: string | null;
}

export interface PostInput {
  kind: EntryKind;
  /** The document the entry cites (receipt number, pay run, approved application, the reversed entry). */
  documentKind: string;
  documentRef: string;
  memo: string;
  lines: PostLine[];
  reversesEntryId?: string;
  /** Defaults to today; its month is the entry's period. */
  date?: string;
}

/**
 * One poster at a time per town on PostgreSQL (SQLite serialises writers): taken before a flow
 * reads the balances or the documents it checks, so two concurrent allocations cannot both spend
 * the same money and two receipts with one number cannot both pass the duplicate check; the
 * sequence and stored balances stay exact. Taking it again in the same transaction is free.
 */
export async function lockLedger(ctx: MutationContext, townId: string): Promise<void> {
  if (ctx.kind === 'postgres') await sql`select id from towns where id = ${townId} for no key update`.execute(ctx.db);
}

/** A closed month, and every month before the last closed one, takes no posting; nor does a day not yet come. */
export async function assertPeriodOpen(ctx: MutationContext, townId: string, date: string): Promise<void> {
  if (date > today(ctx.clock)) throw ruleViolation({ zh: `记账日期 ${date} 晚于今天，不能预先记账。`, en: `${date} is in the future.` }, 'date');
  const period = date.slice(0, 7);
  const last = await ctx.db.selectFrom('ledger_periods').select((eb) => eb.fn.max<string>('period').as('period')).where('town_id', '=', townId).executeTakeFirst();
  if (last?.period && period <= last.period) {
    throw ruleViolation({ zh: `${period} 已结账（已结账至 ${last.period}），不能再记账。请记入当前未结账的月份。`, en: `${period} is closed (closed up to ${last.period}); post into an open month.` }, 'date');
  }
}

export async function postEntry(ctx: MutationContext, townId: string, input: PostInput): Promise<{ id: string; seq: number; amountFen: number }> {
  const problem = checkEntry(input.lines)[0];
  if (problem) throw ruleViolation(entryProblemText(problem), 'lines');
  const date = input.date ?? today(ctx.clock);
  const period = date.slice(0, 7);
  await lockLedger(ctx, townId);
  await assertPeriodOpen(ctx, townId, date);
  const last = await ctx.db.selectFrom('ledger_entries').select(['seq', 'mac']).where('town_id', '=', townId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const id = ctx.newId();
  const amountFen = input.lines.reduce((s, l) => s + l.debitFen, 0);
  const lines = input.lines.map((l, i) => ({ town_id: townId, entry_id: id, line_no: i + 1, account_id: l.accountId, debit_fen: l.debitFen, credit_fen: l.creditFen, team_id: l.teamId ?? null }));
  const entry = {
    town_id: townId,
    id,
    seq,
    kind: input.kind,
    entry_date: date,
    period,
    document_kind: input.documentKind,
    document_ref: input.documentRef,
    memo: input.memo,
    amount_fen: amountFen,
    reverses_entry_id: input.reversesEntryId ?? null,
    created_by: ctx.actor.display,
    created_at: shanghaiTimestamp(ctx.clock.now()),
    prev_mac: last?.mac ?? '',
  };
  // #13 item 8: the entry's MAC covers its header and lines, chained to the previous entry's.
  await ctx.db
    .insertInto('ledger_entries')
    .values({ ...entry, mac: entryMac(ctx.keyring, entry, lines) })
    .execute();
  await ctx.insertRows('ledger_lines', lines);
  await addToBalances(ctx, townId, period, input.lines);
  await recordAudit(ctx, { townId, action: `ledger.${input.kind}`, objectType: 'ledger_entry', objectId: id, after: { seq, date, documentKind: input.documentKind, documentRef: input.documentRef, amountFen, lines: input.lines.length } });
  return { id, seq, amountFen };
}

/** Adds the lines' movements to the stored balances of their accounts in `period`. */
async function addToBalances(ctx: MutationContext, townId: string, period: string, lines: PostLine[]): Promise<void> {
  const moves = new Map<string, { debit: number; credit: number }>();
  for (const l of lines) {
    const m = moves.get(l.accountId) ?? { debit: 0, credit: 0 };
    m.debit += l.debitFen;
    m.credit += l.creditFen;
    moves.set(l.accountId, m);
  }
  const existing = await ctx.db.selectFrom('ledger_balances').selectAll().where('town_id', '=', townId).where('period', '=', period).where('account_id', 'in', [...moves.keys()]).execute();
  const before = new Map(existing.map((b) => [b.account_id, b]));
  for (const [accountId, m] of moves) {
    const b = before.get(accountId);
    if (b) {
      await ctx.db
        .updateTable('ledger_balances')
        .set({ debit_fen: fenOf(Number(b.debit_fen) + m.debit), credit_fen: fenOf(Number(b.credit_fen) + m.credit) })
        .where('town_id', '=', townId)
        .where('account_id', '=', accountId)
        .where('period', '=', period)
        .execute();
    } else {
      await ctx.db.insertInto('ledger_balances').values({ town_id: townId, account_id: accountId, period, debit_fen: m.debit, credit_fen: m.credit }).execute();
    }
  }
}
