import { fork } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inTransaction } from '../../http/context.js';
import { demoTown, openTestDatabase, type TestTown } from '../../testing/harness.js';
import { SYSTEM } from '../policy.js';
import { recordReceipt } from './flows.service.js';
import { checkLedger } from './ledger-check.js';

// #8 part 7: a process killed with SIGKILL in the middle of posting a large entry (20,000 lines, one
// transaction) leaves all of it or none once the database is opened again, and the stored balances
// still equal the rebuild. The poster is a real child process (crash-child.ts) on the same
// database — the SQLite file or the PostgreSQL database of the test run.

const CHILD = new URL('./crash-child.ts', import.meta.url).pathname;
const LINES = 20_000;

function killAt(townId: string, stage: 'lines' | 'committed', ref: string): Promise<{ signal: NodeJS.Signals | null; message: { stage: string; written?: number } | undefined }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(inject('testDatabase')), townId, stage, ref, String(LINES)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let message: { stage: string; written?: number } | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('message', (m) => {
      message = m as typeof message;
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, message });
    });
  });
}

describe(`a posting killed with SIGKILL leaves all of it or none (#8 part 7, ${inject('testDatabase').kind})`, () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown({ payroll: true });
  });
  afterAll(() => t.close());

  async function afterRestart(ref: string) {
    const database = await openTestDatabase();
    try {
      const entries = await database.db.selectFrom('ledger_entries').select(['id', 'amount_fen']).where('town_id', '=', t.townId).where('document_ref', '=', ref).execute();
      const lines = entries.length
        ? Number((await database.db.selectFrom('ledger_lines').select((eb) => eb.fn.countAll<number>().as('n')).where('town_id', '=', t.townId).where('entry_id', '=', entries[0]!.id).executeTakeFirstOrThrow()).n)
        : 0;
      const check = await checkLedger(database.db, t.runtime.keyring, t.townId);
      if (database.kind === 'sqlite') expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db)).rows).toEqual([{ integrity_check: 'ok' }]);
      // The ledger goes on: the next posting takes the next number and the lock the dead process held is gone.
      const next = await inTransaction(database, t.runtime, { actor: SYSTEM, requestId: 'after-crash', ip: '' }, (ctx) =>
        recordReceipt(ctx, t.townId, { sourceCode: 'city_unemployment_fund', amountFen: 100, receiptNo: `${ref}-next`, date: '2026-03-15', payee: 'special_account', memo: '' }),
      );
      expect((await checkLedger(database.db, t.runtime.keyring, t.townId)).difference).toBeNull();
      return { entries, lines, check, next };
    } finally {
      await database.close();
    }
  }

  it('killed halfway through writing the lines: none of it', async () => {
    const before = await checkLedger(t.database.db, t.runtime.keyring, t.townId);
    const { signal, message } = await killAt(t.townId, 'lines', 'CRASH-MID');
    expect(message).toEqual({ stage: 'lines', written: LINES / 2 });
    expect(signal).toBe('SIGKILL');
    const { entries, lines, check, next } = await afterRestart('CRASH-MID');
    expect(entries).toEqual([]);
    expect(lines).toBe(0);
    expect(check).toEqual({ ...before, difference: null });
    expect(next.seq).toBe(before.entries + 1);
  }, 120_000);

  it('killed just after the commit: all of it', async () => {
    const before = await checkLedger(t.database.db, t.runtime.keyring, t.townId);
    const { signal, message } = await killAt(t.townId, 'committed', 'CRASH-DONE');
    expect(message).toEqual({ stage: 'committed' });
    expect(signal).toBe('SIGKILL');
    const { entries, lines, check } = await afterRestart('CRASH-DONE');
    expect(entries).toHaveLength(1);
    expect(lines).toBe(LINES);
    // 10,000 pairs of 1–50 fen: 200 rounds of 1 + 2 + … + 50.
    expect(Number(entries[0]!.amount_fen)).toBe(200 * 1275);
    expect(check.difference).toBeNull();
    expect(check.entries).toBe(before.entries + 1);
  }, 120_000);
});
