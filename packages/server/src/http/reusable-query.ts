import type { CompiledQuery } from 'kysely';
import type { Executor } from '../db/database.js';

// Building and compiling a query with Kysely costs more than SQLite takes to run the small queries
// every request makes (a session read with its joins: ~0.2 ms to build, ~0.03 ms to run). A query
// whose shape never changes is built once per executor with marked values, and run with the real ones.

const marker = (name: string) => `\u0000reusable:${name}\u0000`;

/**
 * `build` receives `slot(name)` to use in place of each value that varies; the result runs the
 * compiled query with `values[name]` in those places. Every slot must end up a bound parameter.
 */
export function reusableQuery<R, K extends string>(
  build: (db: Executor, slot: (name: K) => string) => { compile(db: Executor): CompiledQuery<R> },
): (db: Executor, values: Record<K, unknown>) => Promise<R[]> {
  const compiled = new WeakMap<Executor, { query: CompiledQuery<R>; slots: (K | null)[] }>();
  return async (db, values) => {
    let hit = compiled.get(db);
    if (!hit) {
      const names = new Map<string, K>();
      const query = build(db, (name) => {
        names.set(marker(name), name);
        return marker(name);
      }).compile(db);
      const slots = query.parameters.map((p) => (typeof p === 'string' ? (names.get(p) ?? null) : null));
      for (const m of names.keys()) if (!query.parameters.includes(m)) throw new Error(`reusableQuery: ${names.get(m)} is not a bound parameter`);
      compiled.set(db, (hit = { query, slots }));
    }
    const { query, slots } = hit;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? p : values[slot];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
