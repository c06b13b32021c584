import type { ConnectOptions, Database } from '../packages/server/src/index.ts';

// The contract of a benchmark scenario: one file in bench/scenarios/ with `export default defineScenario({…})`.

export type Backend = 'sqlite' | 'postgres';

export interface Iteration {
  backend: Backend;
  /** Where the fresh, empty database of this iteration lives; pass it to openDatabase. */
  target: ConnectOptions;
  /** Times `fn`. Calls add up; a scenario that never calls it is timed as a whole. */
  time<T>(fn: () => Promise<T>): Promise<T>;
}

/** Figures a scenario reports besides its time (e.g. latency percentiles of a load test). */
export type Metrics = Record<string, number>;

/** The size (rows or requests handled), or the size with further figures. */
export type Outcome = number | { size: number; metrics: Metrics };

export interface Scenario {
  name: string;
  /** Backends this scenario runs on (default: all available). */
  backends?: Backend[];
  /** Iterations when BENCH_ITERATIONS is not set (default 5): heavy scenarios run fewer. */
  iterations?: number;
  /** One iteration on a fresh, empty database. */
  run(it: Iteration): Promise<Outcome>;
}

export const defineScenario = (scenario: Scenario): Scenario => scenario;

/** Rows in every table of the database (Kysely's own migration tables excluded). */
export async function countRows(database: Database): Promise<number> {
  let total = 0;
  for (const table of await database.db.introspection.getTables()) {
    const row = await database.db
      .selectFrom(table.name as 'towns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
