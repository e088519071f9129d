import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Runs parameterised queries as named prepared statements, so PostgreSQL parses each distinct
 * statement once per connection and can reuse its plan instead of parsing and planning every call.
 * Kysely always binds values as parameters, so the SQL text of a query shape is stable.
 * Names are a hash of the text (the same text always gets the same name). A statement whose table
 * was altered is re-prepared by PostgreSQL itself; migrations run before any request is served.
 */
const MAX_NAMED = 2_000;
const names = new Map<string, string>();
/**
 * Bumped when PostgreSQL refuses a prepared statement because a migration changed a table it reads
 * ("cached plan must not change result type", e.g. a new column under `SELECT *` while an older
 * instance still runs). Every name changes with it, so each connection prepares afresh.
 */
let generation = 0;

function statementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  // Shapes with a growing `IN (…)` list could be unbounded; past the cap they simply run unnamed.
  if (names.size >= MAX_NAMED) return null;
  const name = `bz${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  names.set(text, name);
  return name;
}

/** SQLSTATE feature_not_supported: what PostgreSQL answers for a prepared statement whose result type changed. */
const STALE_PLAN = '0A000';

function preparing(client: pg.PoolClient): PostgresPoolClient {
  return {
    query(textOrCursor: unknown, parameters?: ReadonlyArray<unknown>) {
      if (typeof textOrCursor === 'string' && parameters && parameters.length > 0) {
        const text = textOrCursor;
        const name = statementName(text);
        if (name) {
          return client.query({ name, text, values: parameters as unknown[] }).catch((error: { code?: string }) => {
            if (error.code !== STALE_PLAN) throw error;
            if (names.get(text) === name) {
              generation += 1;
              names.clear();
            }
            return client.query({ name: statementName(text) ?? undefined, text, values: parameters as unknown[] } as pg.QueryConfig);
          });
        }
      }
      return client.query(textOrCursor as string, parameters as unknown[]);
    },
    release: (destroy?: boolean) => client.release(destroy),
  } as unknown as PostgresPoolClient;
}

/** The pool Kysely sees: the real pg pool, handing out clients that prepare their statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    connect: async () => preparing(await pool.connect()),
    end: () => pool.end(),
  };
}
