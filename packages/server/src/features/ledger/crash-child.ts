import { sql } from 'kysely';
import { openDatabase } from '../../db/connect.js';
import type { BulkInsert } from '../../db/bulk-insert.js';
import { inTransaction } from '../../http/context.js';
import { uuidv7 } from '../../runtime.js';
import { testKeyring } from '../crypto/keyring.js';
import { SYSTEM } from '../policy.js';
import { accountId } from './accounts.js';
import { postEntry } from './post-entry.js';

// Run by ledger-crash.test.ts as a child process (`node --import tsx`; the name keeps it out of the
// test glob). Opens the test database and, in one transaction, posts one entry of `lines` lines
// through postEntry, then tells the parent over IPC where it is and waits to be killed (SIGKILL):
//   stage `lines`: after half the lines are written it signals, writes the rest slowly and never
//                  commits — the kill lands in the middle of the posting;
//   stage `committed`: it signals once the transaction has committed.
// argv: <target json> <town id> <stage> <document ref> <lines>

const [targetJson, townId, stage, ref, count] = process.argv.slice(2) as [string, string, 'lines' | 'committed', string, string];
const target = JSON.parse(targetJson) as { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
const lines = Number(count);
const clock = { now: () => new Date('2026-03-15T10:00:00+08:00') };
const send = (message: object) => new Promise<void>((done) => process.send!(message, () => done()));
const forever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const database = await openDatabase(target.kind === 'postgres' ? { databaseUrl: target.url } : { sqliteFile: target.file });
// A small page cache: SQLite spills the uncommitted pages into the WAL file before the kill, so the
// restart must tell a half-written transaction from a committed one (not just find nothing on disk).
if (database.kind === 'sqlite') await sql`pragma cache_size = 50`.execute(database.db);
await inTransaction(database, { clock, newId: uuidv7(clock), keyring: testKeyring() }, { actor: SYSTEM, requestId: 'crash-child', ip: '' }, async (ctx) => {
  const special = await accountId(ctx, townId, { type: 'special', source: 'city_unemployment_fund' });
  const fund = await accountId(ctx, townId, { type: 'fund', source: 'city_unemployment_fund' });
  const insertRows: BulkInsert = async (table, rows) => {
    if (table !== 'ledger_lines' || stage !== 'lines') return ctx.insertRows(table, rows);
    const half = Math.floor(rows.length / 2);
    await ctx.insertRows(table, rows.slice(0, half));
    await send({ stage: 'lines', written: half });
    for (let i = half; i < rows.length; i += 100) {
      pause(5);
      await ctx.insertRows(table, rows.slice(i, i + 100));
    }
    await forever();
  };
  // Pairs of lines: the special account's sub-account debited, the source credited, 1–50 fen each.
  const entryLines = Array.from({ length: lines }, (_, i) => {
    const fen = (Math.floor(i / 2) % 50) + 1;
    return i % 2 === 0 ? { accountId: special, debitFen: fen, creditFen: 0 } : { accountId: fund, debitFen: 0, creditFen: fen };
  });
  await postEntry({ ...ctx, insertRows }, townId, { kind: 'receipt', documentKind: 'receipt', documentRef: ref, memo: '崩溃测试：大笔分录', date: '2026-03-15', lines: entryLines });
});
await send({ stage: 'committed' });
await forever();
