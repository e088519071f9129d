import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { Db } from './database.ts';

/**
 * A query whose shape never changes, built and compiled by Kysely once per database handle; each
 * call only binds its values. For the statements that run on every request (authentication and the
 * caller's own account): building and compiling Kysely's query tree was the largest single share of
 * Node CPU in an authenticated request (bench/, docs/operations/performance.md). Same SQL text every
 * time, so it also reuses one prepared statement. `build` gets stand-ins for the arguments and must
 * use them only as bound values (never to choose the query's shape).
 */
export function precompiled<Args extends unknown[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>): (db: Db, ...args: Args) => Promise<Row[]> {
  const cache = new WeakMap<Db, { compiled: CompiledQuery<Row>; slots: number[] }>();
  return async (db, ...args) => {
    let entry = cache.get(db);
    if (!entry) {
      const standIns = args.map((_, index) => ({ precompiledArgument: index }));
      const compiled = build(db, ...(standIns as unknown as Args)).compile();
      entry = { compiled, slots: compiled.parameters.map((value) => standIns.indexOf(value as (typeof standIns)[number])) };
      cache.set(db, entry);
    }
    const { compiled, slots } = entry;
    const parameters = compiled.parameters.map((value, index) => {
      const slot = slots[index] as number;
      return slot >= 0 ? args[slot] : value;
    });
    return (await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() })).rows;
  };
}
