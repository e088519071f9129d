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
  // Keyed by the dialect adapter, which a database handle shares with every transaction opened on it
  // (Kysely hands each transaction a new handle): statements inside transactions compile once too.
  const cache = new WeakMap<object, { compiled: CompiledQuery<Row>; slots: number[] }>();
  return async (db, ...args) => {
    const key = db.getExecutor().adapter;
    let entry = cache.get(key);
    if (!entry) {
      const standIns = args.map((_, index) => ({ precompiledArgument: index }));
      const compiled = build(db, ...(standIns as unknown as Args)).compile();
      entry = { compiled, slots: compiled.parameters.map((value) => standIns.indexOf(value as (typeof standIns)[number])) };
      cache.set(key, entry);
    }
    const { compiled, slots } = entry;
    const parameters = compiled.parameters.map((value, index) => {
      const slot = slots[index] as number;
      return slot >= 0 ? args[slot] : value;
    });
    return (await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() })).rows;
  };
}

/**
 * A statement with a few shapes (e.g. one per number of rows), compiled once per shape and database
 * like `precompiled`. `build` gets `value(i)`, a stand-in for `values[i]`, and must use stand-ins only
 * as bound values; the same `shape` must always build the same SQL (name it after everything that
 * changes the text: the statement and its row counts).
 */
export type ShapedQuery<Row> = {
  shape: string;
  values: readonly unknown[];
  build: (db: Db, value: (index: number) => never) => Compilable<Row>;
};

/** Shapes kept per database; a statement whose shapes grow without bound simply compiles again past it. */
const MAX_SHAPES = 500;
const shapedCache = new WeakMap<object, Map<string, { compiled: CompiledQuery<unknown>; slots: number[] }>>();

export async function runShaped<Row>(db: Db, query: ShapedQuery<Row>): Promise<Row[]> {
  const adapter = db.getExecutor().adapter;
  let shapes = shapedCache.get(adapter);
  if (!shapes) {
    shapes = new Map();
    shapedCache.set(adapter, shapes);
  }
  let entry = shapes.get(query.shape);
  if (!entry) {
    const standIns = query.values.map((_, index) => ({ precompiledArgument: index }));
    const compiled = query
      .build(db, (index): never => {
        if (index < 0 || index >= standIns.length) throw new Error(`${query.shape}: no value ${index}`);
        return standIns[index] as never;
      })
      .compile() as CompiledQuery<unknown>;
    const slots = compiled.parameters.map((value) => standIns.indexOf(value as (typeof standIns)[number]));
    // A value that is not a bound parameter (used to choose the shape, or turned into SQL text) would be lost.
    const unbound = standIns.findIndex((_, index) => !slots.includes(index));
    if (unbound >= 0) throw new Error(`${query.shape}: value ${unbound} is not a bound parameter of the statement`);
    entry = { compiled, slots };
    if (shapes.size < MAX_SHAPES) shapes.set(query.shape, entry);
  }
  const { compiled, slots } = entry;
  const parameters = compiled.parameters.map((value, index) => {
    const slot = slots[index] as number;
    return slot >= 0 ? query.values[slot] : value;
  });
  return (await db.executeQuery<Row>({ ...(compiled as CompiledQuery<Row>), parameters, queryId: createQueryId() })).rows;
}
