import { addDays, shanghaiDate, type Sheet } from '@gongyi/domain';
import { migrateToLatest, openDatabase } from '../../packages/server/src/index.ts';
import { SYSTEM } from '../../packages/server/src/features/policy.ts';
import { monthAggregate } from '../../packages/server/src/features/assessment/sheets.repository.ts';
import { createSheet, saveEntries } from '../../packages/server/src/features/assessment/sheets.service.ts';
import { inTransaction } from '../../packages/server/src/http/context.ts';
import { defineScenario } from '../scenario.ts';
import { benchRuntime, bigTown } from '../workers.ts';

// #6 part 7: a month of 100,000 workers scored — 400,000 scores (duty, quality and discipline by
// the daily-managing units, the residents' part by the communities) plus attendance — written
// through the sheets service in ≤ 3 s on SQLite; and the month aggregated across every town (a
// city) in ≤ 300 ms. Untimed: the town of 100k workers and the month's sheets (one per unit and
// team, rows listed with their days due). Timed: saveEntries for every sheet, unit then community.
// Reported besides: aggregateMs, the city month's aggregate (median of 5 runs after the writes).

const WORKERS = Number(process.env.BENCH_ASSESSMENT_WORKERS ?? 100_000);

export default defineScenario({
  name: 'assessment 100k month',
  iterations: 3,
  async run({ target, time }) {
    const database = await openDatabase(target);
    try {
      await migrateToLatest(database);
      const { townId } = await bigTown(database, WORKERS);
      const runtime = benchRuntime();
      const meta = { actor: SYSTEM, requestId: 'bench-assessment', ip: '127.0.0.1' };
      const lastMonth = shanghaiDate(new Date()).slice(0, 8) + '01';
      const month = addDays(lastMonth, -1).slice(0, 7);
      // The demo fills and locks last month's sheets for its 659 workers (the payroll demo); the
      // scenario opens that month afresh for the whole town.
      const demoSheets = database.db.selectFrom('assessment_sheets').select('id').where('town_id', '=', townId).where('month', '=', month);
      await database.db.deleteFrom('assessment_corrections').where('town_id', '=', townId).where('sheet_id', 'in', demoSheets).execute();
      await database.db.deleteFrom('assessment_entries').where('town_id', '=', townId).where('sheet_id', 'in', demoSheets).execute();
      await database.db.deleteFrom('assessment_sheets').where('town_id', '=', townId).where('month', '=', month).execute();
      const pairs = await database.db
        .selectFrom('posts')
        .select(['managing_department_id', 'team_id'])
        .where('town_id', '=', townId)
        .where('is_current', '=', 1)
        .where('status', '!=', 'exited')
        .groupBy(['managing_department_id', 'team_id'])
        .execute();
      const sheets: Sheet[] = [];
      for (const p of pairs) {
        sheets.push(await inTransaction(database, runtime, meta, (ctx) => createSheet(ctx, townId, { departmentId: p.managing_department_id, teamId: p.team_id, month })));
      }
      const rows = sheets.reduce((n, s) => n + s.entries.length, 0);
      if (rows < WORKERS * 0.99) throw new Error(`the month lists ${rows} workers, expected about ${WORKERS}`);
      let scores = 0;
      await time(async () => {
        for (const sheet of sheets) {
          const unit = sheet.entries.map((e, k) => ({ personId: e.personId, daysWorked: e.daysDue - (k % 3 === 0 && e.daysDue > 0 ? 1 : 0), leave: k % 3 === 0 && e.daysDue > 0 ? { sick: 1 } : {}, scores: { duty: 30 + (k % 10), quality: 20 + (k % 10), discipline: 8 + (k % 3), ...(sheet.communitySharePercent === null ? { residents: 15 + (k % 5) } : {}) } }));
          const saved = await inTransaction(database, runtime, meta, (ctx) => saveEntries(ctx, townId, sheet.id, unit, 'unit'));
          if (saved.problems.length > 0) throw new Error(`refused cells: ${JSON.stringify(saved.problems.slice(0, 2))}`);
          scores += unit.length * (sheet.communitySharePercent === null ? 4 : 3);
          if (sheet.communitySharePercent !== null) {
            const community = sheet.entries.map((e, k) => ({ personId: e.personId, scores: { residents: 15 + (k % 5) } }));
            await inTransaction(database, runtime, meta, (ctx) => saveEntries(ctx, townId, sheet.id, community, 'community'));
            scores += community.length;
          }
        }
      });
      if (scores !== rows * 4) throw new Error(`wrote ${scores} scores for ${rows} rows`);
      const aggregateTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const city = await monthAggregate(database.db, month, null);
        aggregateTimes.push(performance.now() - start);
        if (city.reduce((n, r) => n + Number(r.scored), 0) !== rows) throw new Error('the aggregate missed rows');
      }
      aggregateTimes.sort((a, b) => a - b);
      return { size: scores, metrics: { aggregateMs: Math.round(aggregateTimes[2]! * 10) / 10, workers: rows, sheets: sheets.length } };
    } finally {
      await database.close();
    }
  },
});
