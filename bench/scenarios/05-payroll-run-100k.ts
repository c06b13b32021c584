import { addDays, shanghaiDate } from '@gongyi/domain';
import { migrateToLatest, openDatabase } from '../../packages/server/src/index.ts';
import type { NewRow } from '../../packages/server/src/db/schema.ts';
import { seedDemo } from '../../packages/server/src/features/demo/seed-demo.ts';
import { SYSTEM } from '../../packages/server/src/features/policy.ts';
import { inTransaction } from '../../packages/server/src/http/context.ts';
import type { Database } from '../../packages/server/src/index.ts';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runEveryCoop } from '../payroll-run.ts';
import { defineScenario } from '../scenario.ts';
import { benchRuntime, bigTown } from '../workers.ts';

// #7 part 8: last month's pay for a town of 100,000 workers, end to end through the runs service
// (read posts, locked assessments and earlier months, compute every line with its explanation,
// write every slip and the totals), in ≤ 8 s on SQLite and ≤ 15 s on PostgreSQL with peak RSS
// ≤ 512 MB; and one demo town (659 workers) in ≤ 100 ms. Untimed: the town, the demo's locked
// sheets of last month and an assessment row for every imported worker. Timed: one run per coop, in
// a fresh process that only opens the database and runs (as an app server would), so its peak RSS
// (runPeakRssMb) is the run's and not the set-up's. Reported besides: runMs (the child's own clock,
// without the IPC), townMs (the 659-worker town's two runs, median of 5 fresh towns), slips, and the
// megabytes of line JSON written.

const WORKERS = Number(process.env.BENCH_PAYROLL_WORKERS ?? 100_000);
const meta = { actor: SYSTEM, requestId: 'bench-payroll-setup', ip: '127.0.0.1' };

/** A locked assessment row for every worker of the month not yet on a sheet (the imported ones). */
async function assessEveryone(database: Database, townId: string, month: string): Promise<void> {
  const sheets = await database.db.selectFrom('assessment_sheets').select(['id', 'department_id', 'team_id']).where('town_id', '=', townId).where('month', '=', month).execute();
  const sheetOf = new Map(sheets.map((s) => [`${s.department_id}|${s.team_id}`, s.id]));
  const listed = new Set((await database.db.selectFrom('assessment_entries').select('person_id').where('town_id', '=', townId).execute()).map((r) => r.person_id));
  const posts = await database.db.selectFrom('posts').select(['person_id', 'person_name', 'managing_department_id', 'team_id', 'community_id', 'employment_basis']).where('town_id', '=', townId).where('is_current', '=', 1).where('status', '!=', 'exited').execute();
  const rows: NewRow<'assessment_entries'>[] = posts
    .filter((p) => !listed.has(p.person_id) && sheetOf.has(`${p.managing_department_id}|${p.team_id}`))
    .map((p, k) => {
      const total = k % 25 === 7 ? 550 : 780 + (k % 19) * 10;
      return {
        town_id: townId,
        sheet_id: sheetOf.get(`${p.managing_department_id}|${p.team_id}`)!,
        person_id: p.person_id,
        person_name: p.person_name,
        community_id: p.community_id,
        employment_basis: p.employment_basis,
        days_due: 21,
        days_worked_halves: 42,
        absence_halves: 0,
        leave_json: '{}',
        people_served: p.employment_basis === 'per_person_served' ? 20 : null,
        scores_json: '{}',
        unit_tenths: total,
        community_tenths: 0,
        deduction_tenths: 0,
        total_tenths: total,
        grade: total >= 900 ? 'excellent' : total >= 750 ? 'pass' : total >= 600 ? 'basic_pass' : 'fail',
        updated_by: 'bench',
        updated_at: null,
      };
    });
  await inTransaction(database, benchRuntime(), meta, (ctx) => ctx.insertRows('assessment_entries', rows));
}

/** The timed runs in a fresh process (bench/payroll-run-child.ts): its peak RSS is the run's own. */
async function runInChild(target: object, townId: string, month: string, time: <T>(fn: () => Promise<T>) => Promise<T>) {
  const child = fork(fileURLToPath(new URL('../payroll-run-child.ts', import.meta.url)), [JSON.stringify(target), townId, month], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<unknown>((resolve, reject) => { child.once('message', resolve); child.once('error', reject); });
  await next();
  const result = await time(async () => {
    child.send('go');
    return (await next()) as { ms: number; workers: number; idleRssMb: number; peakRssMb: number };
  });
  return result;
}

export default defineScenario({
  name: 'payroll run 100k month',
  iterations: 3,
  async run({ target, time }) {
    const database = await openDatabase(target);
    try {
      await migrateToLatest(database);
      const month = addDays(`${shanghaiDate(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);
      const townMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { townId } = await seedDemo(database, benchRuntime(), `small-${i}`);
        const start = performance.now();
        await runEveryCoop(database, townId, month);
        townMs.push(performance.now() - start);
      }
      const { townId } = await bigTown(database, WORKERS);
      await assessEveryone(database, townId, month);
      const run = await runInChild(target, townId, month, time);
      const slips = run.workers;
      if (slips < WORKERS * 0.99) throw new Error(`paid ${slips} workers, expected about ${WORKERS}`);
      const lines = await database.db.selectFrom('pay_slips').select((eb) => eb.fn.sum<number>(eb.fn('length', ['lines_json'])).as('n')).where('town_id', '=', townId).executeTakeFirstOrThrow();
      townMs.sort((a, b) => a - b);
      return { size: slips, metrics: { runIdleRssMb: run.idleRssMb, runPeakRssMb: run.peakRssMb, runMs: Math.round(run.ms), townMs: Math.round(townMs[2]! * 10) / 10, slips, linesJsonMb: Math.round(Number(lines.n) / 1048576) } };
    } finally {
      await database.close();
    }
  },
});
