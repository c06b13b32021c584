import { EXPENSE_CLASS_LABELS, formatYuan, reversalOf, shanghaiTimestamp, SOURCE_LABELS, TOWN_SUBSIDY, type AllocationInput, type ReceiptInput } from '@gongyi/domain';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext } from '../../http/context.js';
import { AppError, invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';
import { accountCode, accountId, balancesByCode, sourcesOf } from './accounts.js';
import { assertPeriodOpen, lockLedger, postEntry } from './post-entry.js';

// The flows of R20 (#8 part 3): city and district money arrives in the town special account by
// source (never at a coop or a worker), the town allocates it to a coop keeping its source, special
// funds are spent from approved applications; a posted entry is corrected only by its reversal.

const ENTRY = { zh: '记账凭证', en: 'Ledger entry' };

async function requireSource(ctx: MutationContext, townId: string, code: string, field = 'sourceCode'): Promise<string> {
  const source = (await sourcesOf(ctx, townId)).find((s) => s.code === code);
  if (!source) throw invalidReference({ zh: '资金来源', en: 'fund source' }, field);
  return source.name;
}

export async function recordReceipt(ctx: MutationContext, townId: string, input: ReceiptInput) {
  authorize(ctx.actor, 'ledger.post');
  if (input.payee !== 'special_account') {
    throw ruleViolation({ zh: '市、区资金只能拨入镇专户，按来源分户管理，不能直接拨给服务社或个人（R20）。请把收款方改为镇专户，再由镇拨付服务社。', en: 'City and district money goes into the town special account only (R20).' }, 'payee');
  }
  await lockLedger(ctx, townId);
  const name = await requireSource(ctx, townId, input.sourceCode);
  const taken = await ctx.db
    .selectFrom('ledger_entries as e')
    .select('e.id')
    .where('e.town_id', '=', townId)
    .where('e.kind', '=', 'receipt')
    .where('e.document_ref', '=', input.receiptNo)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.town_id', '=', 'e.town_id').whereRef('r.reverses_entry_id', '=', 'e.id'))))
    .executeTakeFirst();
  if (taken) throw new AppError('duplicate', { zh: `到账凭证号“${input.receiptNo}”已登记过。同一笔到账不能重复记账；如登记有误，请先冲销原凭证。`, en: `Receipt ${input.receiptNo} is already recorded.` }, 'receiptNo');
  const special = await accountId(ctx, townId, { type: 'special', source: input.sourceCode });
  const fund = await accountId(ctx, townId, { type: 'fund', source: input.sourceCode });
  return postEntry(ctx, townId, {
    kind: 'receipt',
    documentKind: 'receipt',
    documentRef: input.receiptNo,
    memo: input.memo || `${name}到账`,
    date: input.date,
    lines: [
      { accountId: special, debitFen: input.amountFen, creditFen: 0 },
      { accountId: fund, debitFen: 0, creditFen: input.amountFen },
    ],
  });
}

/** R20: the town allocates from a source's sub-account to a coop; never more than the sub-account holds. */
export async function allocate(ctx: MutationContext, townId: string, input: AllocationInput) {
  authorize(ctx.actor, 'ledger.post');
  await lockLedger(ctx, townId);
  const name = await requireSource(ctx, townId, input.sourceCode);
  const coop = await ctx.db.selectFrom('coops').select('short_name').where('town_id', '=', townId).where('id', '=', input.coopId).executeTakeFirst();
  if (!coop) throw invalidReference({ zh: '服务社', en: 'cooperative' }, 'coopId');
  const code = accountCode({ type: 'special', source: input.sourceCode });
  const held = (await balancesByCode(ctx.db, townId, [code])).get(code) ?? 0;
  if (held < input.amountFen) {
    throw ruleViolation({ zh: `镇专户“${name}”分户余额 ${formatYuan(held)}，不足以拨付 ${formatYuan(input.amountFen)}。请核对金额，或待资金到账后再拨付。`, en: `The ${name} sub-account holds only ${formatYuan(held)}.` }, 'amountFen');
  }
  const coopAccount = await accountId(ctx, townId, { type: 'coop', coopId: input.coopId, source: input.sourceCode });
  const special = await accountId(ctx, townId, { type: 'special', source: input.sourceCode });
  return postEntry(ctx, townId, {
    kind: 'allocation',
    documentKind: 'allocation',
    documentRef: input.documentRef,
    memo: input.memo || `拨付${coop.short_name}（${name}）`,
    date: input.date,
    lines: [
      { accountId: coopAccount, debitFen: input.amountFen, creditFen: 0 },
      { accountId: special, debitFen: 0, creditFen: input.amountFen },
    ],
  });
}

/** R22: a special expense (uniforms, training…) of an approved application, paid by its coop from one source. */
export async function payApplication(ctx: MutationContext, townId: string, input: { applicationId: string; sourceCode: string; date: string; memo: string }) {
  authorize(ctx.actor, 'ledger.post');
  await lockLedger(ctx, townId);
  const app = await ctx.db.selectFrom('budget_applications').selectAll().where('town_id', '=', townId).where('id', '=', input.applicationId).executeTakeFirst();
  if (!app) throw notFound({ zh: '经费申请', en: 'Application' }, 'applicationId');
  if (app.state !== 'approved') throw ruleViolation({ zh: '该申请尚未经领导小组批准，不能支出（R18）。', en: 'The application is not approved (R18).' }, 'applicationId');
  // A reversed payment no longer counts: the message below tells the user to reverse first.
  const paid = await ctx.db
    .selectFrom('ledger_entries as e')
    .select('e.id')
    .where('e.town_id', '=', townId)
    .where('e.kind', '=', 'special_expense')
    .where('e.document_ref', '=', app.id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.town_id', '=', 'e.town_id').whereRef('r.reverses_entry_id', '=', 'e.id'))))
    .executeTakeFirst();
  if (paid) throw new AppError('duplicate', { zh: '该申请已支出，不能重复支出；如有误请先冲销。', en: 'This application is already paid.' }, 'applicationId');
  const name = await requireSource(ctx, townId, input.sourceCode);
  const code = accountCode({ type: 'coop', coopId: app.coop_id, source: input.sourceCode });
  const held = (await balancesByCode(ctx.db, townId, [code])).get(code) ?? 0;
  const amount = Number(app.amount_fen);
  if (held < amount) throw ruleViolation({ zh: `服务社账户（${name}）余额 ${formatYuan(held)}，不足以支出 ${formatYuan(amount)}。请先由镇拨付。`, en: 'The cooperative’s account does not hold enough.' }, 'sourceCode');
  return postEntry(ctx, townId, {
    kind: 'special_expense',
    documentKind: 'application',
    documentRef: app.id,
    memo: input.memo || `${EXPENSE_CLASS_LABELS.special.zh}：${app.description}`,
    date: input.date,
    lines: [
      { accountId: await accountId(ctx, townId, { type: 'expense', expenseClass: 'special' }), debitFen: amount, creditFen: 0, teamId: app.team_id },
      { accountId: await accountId(ctx, townId, { type: 'coop', coopId: app.coop_id, source: input.sourceCode }), debitFen: 0, creditFen: amount, teamId: app.team_id },
    ],
  });
}

/**
 * A posted entry never changes; its correction is a reversal — the same lines, sides swapped —
 * posted in an open month. Payroll postings are corrected through payroll (a correction next month).
 */
export async function reverseEntry(ctx: MutationContext, townId: string, id: string, input: { reason: string; date?: string | undefined }) {
  authorize(ctx.actor, 'ledger.post');
  await lockLedger(ctx, townId);
  const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('town_id', '=', townId).where('id', '=', id).executeTakeFirst();
  if (!entry) throw notFound(ENTRY);
  if (entry.kind === 'reversal') throw ruleViolation({ zh: '冲销凭证不能再冲销；如需恢复，请重新登记原业务。', en: 'A reversal cannot be reversed.' });
  if (entry.kind === 'payroll_expense' || entry.kind === 'payroll_payment') {
    throw ruleViolation({ zh: '工资计提与发放由薪酬发放自动记账，不能直接冲销；如金额有误，请在薪酬发放中登记更正，计入下月。', en: 'Payroll postings are corrected through payroll.' });
  }
  const reversed = await ctx.db.selectFrom('ledger_entries').select('seq').where('town_id', '=', townId).where('reverses_entry_id', '=', id).executeTakeFirst();
  if (reversed) throw ruleViolation({ zh: `该凭证已于第 ${reversed.seq} 号凭证冲销。`, en: 'This entry is already reversed.' });
  const date = input.date ?? today(ctx.clock);
  await assertPeriodOpen(ctx, townId, date); // a closed month is the first thing to say
  if (date < entry.entry_date) {
    throw ruleViolation({ zh: `冲销日期 ${date} 早于原凭证日期 ${entry.entry_date}，请选择原凭证当天或之后的日期。`, en: `The reversal date ${date} is before the entry's date ${entry.entry_date}.` }, 'date');
  }
  const lines = await ctx.db.selectFrom('ledger_lines').selectAll().where('town_id', '=', townId).where('entry_id', '=', id).orderBy('line_no').execute();
  const swapped = reversalOf(lines.map((l) => ({ accountId: l.account_id, debitFen: Number(l.debit_fen), creditFen: Number(l.credit_fen) })));
  await assertNoOverdraw(ctx, townId, swapped);
  return postEntry(ctx, townId, {
    kind: 'reversal',
    documentKind: 'reversal',
    documentRef: String(entry.seq),
    memo: `冲销第 ${entry.seq} 号凭证：${input.reason}`,
    date,
    reversesEntryId: id,
    lines: swapped.map((l, i) => ({ ...l, teamId: lines[i]!.team_id })),
  });
}

/** A reversal may not take a special or coop account below zero (the money has moved on). */
async function assertNoOverdraw(ctx: MutationContext, townId: string, lines: { accountId: string; debitFen: number; creditFen: number }[]): Promise<void> {
  const accounts = await ctx.db.selectFrom('ledger_accounts').select(['id', 'code', 'type', 'name']).where('town_id', '=', townId).where('id', 'in', lines.map((l) => l.accountId)).execute();
  const assets = accounts.filter((a) => a.type === 'special' || a.type === 'coop');
  const held = await balancesByCode(ctx.db, townId, assets.map((a) => a.code));
  for (const a of assets) {
    const after = (held.get(a.code) ?? 0) + lines.filter((l) => l.accountId === a.id).reduce((s, l) => s + l.debitFen - l.creditFen, 0);
    if (after < 0) throw ruleViolation({ zh: `冲销后“${a.name}”余额将为负数（资金已拨出或已支出），不能冲销。请先冲销其后的拨付或支出。`, en: `Reversing would overdraw ${a.name}.` });
  }
}

/** #8 part 2: a closed month refuses postings. Months close in order (closing one closes those before it), never before they end. */
export async function closePeriod(ctx: MutationContext, townId: string, period: string) {
  authorize(ctx.actor, 'ledger.close');
  // Under the posting lock: a posting into this month either commits before the close or is refused.
  await lockLedger(ctx, townId);
  if (period >= today(ctx.clock).slice(0, 7)) throw ruleViolation({ zh: `${period} 尚未结束，不能结账。`, en: `${period} has not ended.` }, 'period');
  // Closing a month closes every month before it (postings into them are refused too, post-entry.ts).
  const last = await ctx.db.selectFrom('ledger_periods').select((eb) => eb.fn.max<string>('period').as('period')).where('town_id', '=', townId).executeTakeFirst();
  if (last?.period && period <= last.period) throw new AppError('duplicate', { zh: `${period} 已结账（已结账至 ${last.period}）。`, en: `${period} is already closed (up to ${last.period}).` }, 'period');
  const row = { town_id: townId, period, closed_at: shanghaiTimestamp(ctx.clock.now()), closed_by: ctx.actor.display };
  await ctx.db.insertInto('ledger_periods').values(row).execute();
  await recordAudit(ctx, { townId, action: 'ledger.period.close', objectType: 'ledger_period', objectId: period, after: row });
  return { period, closedAt: row.closed_at, closedBy: row.closed_by };
}

export async function addSource(ctx: MutationContext, townId: string, input: { code: string; name: string }) {
  authorize(ctx.actor, 'ledger.earmark');
  const sources = await sourcesOf(ctx, townId);
  if (sources.some((s) => s.code === input.code || s.name === input.name)) throw new AppError('duplicate', { zh: `资金来源“${input.name}”已存在。`, en: 'This source exists.' }, 'code');
  await ctx.db.insertInto('fund_sources').values({ town_id: townId, code: input.code, name: input.name, sort_order: sources.length, created_at: shanghaiTimestamp(ctx.clock.now()) }).execute();
  await recordAudit(ctx, { townId, action: 'ledger.source.create', objectType: 'fund_source', objectId: input.code, after: input });
  return sourcesOf(ctx, townId);
}

export async function addEarmark(ctx: MutationContext, townId: string, input: { sourceCode: string; teamId: string | null; expenseClass: 'personnel' | 'special' | 'business'; note: string }) {
  authorize(ctx.actor, 'ledger.earmark');
  await requireSource(ctx, townId, input.sourceCode);
  if (input.sourceCode === TOWN_SUBSIDY) throw ruleViolation({ zh: `${SOURCE_LABELS[TOWN_SUBSIDY]!.zh}兜底支付任何缺额（R22），不设专款专用。`, en: 'The town subsidy covers any shortfall; it takes no earmark.' }, 'sourceCode');
  if (input.teamId) {
    const team = await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw invalidReference({ zh: '服务队', en: 'team' }, 'teamId');
  }
  const id = ctx.newId();
  await ctx.db.insertInto('ledger_earmarks').values({ town_id: townId, id, source_code: input.sourceCode, team_id: input.teamId, expense_class: input.expenseClass, note: input.note, created_by: ctx.actor.display, created_at: shanghaiTimestamp(ctx.clock.now()) }).execute();
  await recordAudit(ctx, { townId, action: 'ledger.earmark.create', objectType: 'ledger_earmark', objectId: id, after: input });
  return { id };
}

export async function removeEarmark(ctx: MutationContext, townId: string, id: string) {
  authorize(ctx.actor, 'ledger.earmark');
  const before = await lockRow(ctx, 'ledger_earmarks', townId, id); // #13: removed (and audited) once
  if (!before) throw notFound({ zh: '专款专用规则', en: 'Earmark' });
  await ctx.db.deleteFrom('ledger_earmarks').where('town_id', '=', townId).where('id', '=', id).execute();
  await recordAudit(ctx, { townId, action: 'ledger.earmark.delete', objectType: 'ledger_earmark', objectId: id, before });
}
