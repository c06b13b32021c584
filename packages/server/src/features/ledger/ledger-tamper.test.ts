import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../db/schema.js';
import { demoTown, type TestTown } from '../../testing/harness.js';
import { checkpointNow } from '../audit/audit.service.js';
import { checkLedger } from './ledger-check.js';

// #13 item 8: what `gongyi ledger check` missed before — a receipt edited consistently in its lines,
// amount and stored balances; a slip edited on an approved run; an entry deleted (with its lines and
// balances made to agree) from the middle or the end — each found, on SQLite and PostgreSQL. Each
// trial puts the rows back afterwards and the check is clean again.

describe('ledger tamper trials (#13 item 8)', () => {
  let t: TestTown;
  let runId = '';
  const check = async () => (await checkLedger(t.database.db, t.runtime.keyring, t.townId)).difference;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    const coop2 = await t.as('coop2');
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    const created = await coop2('POST', '/payroll/runs', { kind: 'monthly', coopId: coops.find((c) => c.name.includes('社区公共服务'))!.id, month: '2026-02' });
    runId = created.body.id;
    let version = created.body.version;
    const steps: [string[], string][] = [
      [['shebao-rc', 'wuye', 'huanwei', 'shiyeban', 'nongfu', 'shuiwuzhan'], 'confirm'],
      [['shebaosuo', 'fuwuzhongxin', 'shiyeban-zg', 'nongfu-zg'], 'review'],
      [['leader'], 'approve'],
    ];
    for (const [users, step] of steps) {
      for (const user of users) {
        const res = await (await t.as(user))('POST', `/payroll/runs/${runId}/${step}`, { version });
        expect(res.status, `${user} ${step}: ${JSON.stringify(res.body.error)}`).toBe(200);
        version = res.body.version;
      }
    }
    expect((await coop2('GET', `/payroll/runs/${runId}`)).body.state).toBe('approved');
  });
  afterAll(() => t.close());

  /** Moves an account's stored balance for a month, as an insider making the balances agree with an edit. */
  const moveBalance = (accountId: string, period: string, debit: number, credit: number) =>
    sql`update ledger_balances set debit_fen = debit_fen + ${debit}, credit_fen = credit_fen + ${credit} where town_id = ${t.townId} and account_id = ${accountId} and period = ${period}`.execute(db());
  const linesOf = (entryId: string) => db().selectFrom('ledger_lines').selectAll().where('town_id', '=', t.townId).where('entry_id', '=', entryId).orderBy('line_no').execute();

  /** Changes an entry's amount by `delta` in its header, its lines and the stored balances: consistent, as the old check wanted. */
  async function shiftEntry(entry: Row<'ledger_entries'>, delta: number): Promise<void> {
    await sql`update ledger_entries set amount_fen = amount_fen + ${delta} where town_id = ${t.townId} and id = ${entry.id}`.execute(db());
    for (const l of await linesOf(entry.id)) {
      const [debit, credit] = Number(l.debit_fen) > 0 ? [delta, 0] : [0, delta];
      await sql`update ledger_lines set debit_fen = debit_fen + ${debit}, credit_fen = credit_fen + ${credit} where town_id = ${t.townId} and entry_id = ${entry.id} and line_no = ${l.line_no}`.execute(db());
      await moveBalance(l.account_id, entry.period, debit, credit);
    }
  }

  /** Deletes an entry with its lines and takes its lines out of the stored balances; returns how to put it back. */
  async function deleteEntry(entry: Row<'ledger_entries'>): Promise<() => Promise<void>> {
    const lines = await linesOf(entry.id);
    await sql`delete from ledger_lines where town_id = ${t.townId} and entry_id = ${entry.id}`.execute(db());
    await sql`delete from ledger_entries where town_id = ${t.townId} and id = ${entry.id}`.execute(db());
    for (const l of lines) await moveBalance(l.account_id, entry.period, -Number(l.debit_fen), -Number(l.credit_fen));
    return async () => {
      await db().insertInto('ledger_entries').values(entry).execute();
      await db().insertInto('ledger_lines').values(lines).execute();
      for (const l of lines) await moveBalance(l.account_id, entry.period, Number(l.debit_fen), Number(l.credit_fen));
    };
  }

  const entries = () => db().selectFrom('ledger_entries').selectAll().where('town_id', '=', t.townId).orderBy('seq').execute();

  it('passes an untouched ledger, with the approved run sealed', async () => {
    expect(await check()).toBeNull();
    const run = await db().selectFrom('pay_runs').select('slips_mac').where('town_id', '=', t.townId).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run.slips_mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a receipt edited consistently in its lines, amount and stored balances', async () => {
    const receipt = (await entries()).find((e) => e.kind === 'receipt')!;
    await shiftEntry(receipt, 100_000);
    expect(await check()).toBe(`第 ${receipt.seq} 号凭证（${receipt.id}）的密钥校验码不符（凭证或其分录行被改动，或是不掌握密钥者伪造的）`);
    await shiftEntry(receipt, -100_000);
    expect(await check()).toBeNull();
  });

  it('finds a slip edited on an approved run, in its amounts or only in its lines', async () => {
    const slip = await db().selectFrom('pay_slips').selectAll().where('town_id', '=', t.townId).where('run_id', '=', runId).orderBy('person_id').executeTakeFirstOrThrow();
    const put = (net: number, lines: string) => sql`update pay_slips set net_fen = ${net}, lines_json = ${lines} where town_id = ${t.townId} and run_id = ${runId} and person_id = ${slip.person_id}`.execute(db());
    const seal = (await db().selectFrom('pay_runs').select('slips_mac').where('town_id', '=', t.townId).where('id', '=', runId).executeTakeFirstOrThrow()).slips_mac;
    const sealed = `2026-02 发放（${runId}）的工资条与审批时封存的不符`;
    await put(Number(slip.net_fen) + 50_000, slip.lines_json);
    expect(await check()).toContain(sealed);
    await put(Number(slip.net_fen), slip.lines_json.replace(/"explanation":"/, '"explanation":"改过的'));
    expect(await check()).toContain(sealed);
    // The seal cleared as well: the run no longer agrees with its slips and postings (the 对账 page's comparison), and the clearing is named.
    await put(Number(slip.net_fen) + 50_000, slip.lines_json);
    await sql`update pay_runs set slips_mac = '' where town_id = ${t.townId} and id = ${runId}`.execute(db());
    expect(await check()).toContain('审批时封存的工资条校验码被清除');
    await put(Number(slip.net_fen), slip.lines_json);
    await sql`update pay_runs set slips_mac = ${'x'} where town_id = ${t.townId} and id = ${runId}`.execute(db());
    expect(await check()).toContain(sealed);
    await sql`update pay_runs set slips_mac = ${seal} where town_id = ${t.townId} and id = ${runId}`.execute(db());
    expect(await check()).toBeNull();
  });

  it('finds an entry deleted from the middle, and the last entries cut off after a checkpoint', async () => {
    const all = await entries();
    const middle = all[Math.floor(all.length / 2)]!;
    const putBack = await deleteEntry(middle);
    expect(await check()).toContain(`第 ${middle.seq} 号凭证被删除`);
    await putBack();

    await checkpointNow(t.database, t.runtime, t.townId, 'verify');
    const last = all.at(-1)!;
    const putBackLast = await deleteEntry(last);
    expect(await check()).toBe(`第 ${last.seq} 号凭证被删除（截断）：检查点记下的最后一号为第 ${last.seq} 号，现在只到第 ${Number(last.seq) - 1} 号`);
    await putBackLast();
  });
});
