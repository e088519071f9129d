import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { type CompiledQuery, type DatabaseConnection, type Driver, Kysely, PGliteDialect, PostgresDialect, type TransactionSettings } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { preparingPool } from './prepared-statements.ts';
import type { DatabaseSchema } from './schema.ts';
import { SerialLock } from './serial-lock.ts';
import { valueParsers } from './value-parsers.ts';

export type Db = Kysely<DatabaseSchema>;

/** Runs one SQL script (may hold several statements) on a connection held for the whole callback. */
export type ScriptRunner = (script: string) => Promise<void>;
export type SqlRunner = <Row = Record<string, unknown>>(text: string, parameters?: unknown[]) => Promise<Row[]>;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Holds one connection for the callback: migrations use it to take an advisory lock and run scripts. */
  withConnection<T>(work: (connection: { script: ScriptRunner; query: SqlRunner }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; undefined means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // Same session settings as PGlite, so timestamps print in UTC on both.
    options: '-c TimeZone=UTC -c DateStyle=ISO',
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        const parser = valueParsers[oid];
        if (parser && format !== 'binary') return parser;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on next use.
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    kind: 'postgres',
    db,
    async withConnection(work) {
      const client = await pool.connect();
      try {
        return await work({
          script: async (script) => {
            await client.query(script);
          },
          query: async (text, parameters) => (await client.query(text, parameters as unknown[])).rows,
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const releaseDataDir = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite: PGlite;
  try {
    const folder = dataDir ? join(dataDir, 'pglite') : undefined;
    const template = folder && !existsSync(folder) ? readPgliteTemplate() : undefined;
    pglite = await PGlite.create(folder, {
      ...(template && { loadDataDir: template }),
      parsers: Object.fromEntries(Object.entries(valueParsers).map(([oid, parse]) => [Number(oid), parse])),
      // Pass strings through as text; callers never bind JS Dates (they bind ISO strings).
      serializers: { [pgliteTypes.TIMESTAMPTZ]: (value: unknown) => String(value) },
    });
    await pglite.exec("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'");
  } catch (error) {
    releaseDataDir();
    throw error;
  }
  const lock = new SerialLock();
  const dialect = new PGliteDialect({ pglite });
  const db = new Kysely<DatabaseSchema>({
    dialect: {
      createAdapter: () => dialect.createAdapter(),
      createIntrospector: (kysely) => dialect.createIntrospector(kysely),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createDriver: () => new SerializedDriver(dialect.createDriver(), lock),
    },
  });
  return {
    kind: 'pglite',
    db,
    withConnection(work) {
      return lock.run(() =>
        work({
          script: async (script) => {
            await pglite.exec(script);
          },
          query: async (text, parameters) => (await pglite.query(text, parameters as unknown[])).rows as never,
        }),
      );
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        releaseDataDir();
      }
    },
  };
}

/**
 * An empty database prepared at install time (scripts/prepare-pglite-template.mjs): copying it is
 * several times faster than PGlite's initdb on a fresh data folder. Missing or for another PGlite
 * version → undefined, and PGlite runs initdb as usual.
 */
export function readPgliteTemplate(): Blob | undefined {
  try {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
    const file = join(root, 'node_modules/.cache/bezel', `pglite-template-${version}.tar.gz`);
    return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Kysely's PGlite driver hands the same single connection to every caller. Without a lock a query
 * from request B would run inside request A's open transaction. This wrapper queues callers so
 * each holds the connection alone, for one query or for a whole transaction.
 */
class SerializedDriver implements Driver {
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    readonly inner: Driver,
    readonly lock: SerialLock,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    try {
      const connection = await this.inner.acquireConnection();
      // One connection object is shared; wrap it so each holder has its own release.
      const holder: DatabaseConnection = {
        executeQuery: (query) => connection.executeQuery(query),
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
      this.#releases.set(holder, release);
      (holder as { inner?: DatabaseConnection }).inner = connection;
      return holder;
    } catch (error) {
      release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: (node: never, id: never) => CompiledQuery): Promise<void> {
    return this.inner.savepoint?.(unwrap(connection), name, compile as never) ?? Promise.resolve();
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: (node: never, id: never) => CompiledQuery): Promise<void> {
    return this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile as never) ?? Promise.resolve();
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: (node: never, id: never) => CompiledQuery): Promise<void> {
    return this.inner.releaseSavepoint?.(unwrap(connection), name, compile as never) ?? Promise.resolve();
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return (connection as { inner?: DatabaseConnection }).inner ?? connection;
}
