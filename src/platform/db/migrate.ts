import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Any fixed number: every Bezel instance takes the same advisory lock while it migrates. */
const MIGRATION_LOCK_KEY = 4_242_001;

export type Migration = { version: number; name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrations(directory = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`Migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(join(directory, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] as string,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  // Numbers must be unique; gaps are allowed (two branches may each claim the next number).
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.version === migration.version) {
      throw new MigrationError(`Two migrations are numbered ${String(migration.version).padStart(4, '0')}: ${previous.name} and ${migration.name}`);
    }
  });
  return migrations;
}

export type MigrationReport = { applied: Migration[]; alreadyApplied: number };

/**
 * Applies the migrations not yet applied, each in its own transaction, while holding an advisory
 * lock, so that two instances starting together do not both migrate (issue #2, point 2). A file
 * changed after it was applied is refused: migrations are append-only.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<MigrationReport> {
  return database.withConnection(async ({ script, query }) => {
    await query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // Checked before creating anything: an up-to-date database needs no DDL privilege, so the
      // production application role (docs/operations/production-grants.sql) can start and run the CLI.
      const [exists] = await query<{ present: boolean }>("SELECT to_regclass('schema_migration') IS NOT NULL AS present");
      if (!exists?.present)
        await script(`CREATE TABLE schema_migration (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await query<{ version: number; checksum: string; name: string }>('SELECT version, name, checksum FROM schema_migration ORDER BY version');
      for (const row of done) {
        const known = migrations.find((migration) => migration.version === row.version);
        if (!known)
          throw new MigrationError(`The database has migration ${row.version} (${row.name}) that this Bezel does not know: is it older than the database?`);
        if (known.checksum !== row.checksum) {
          throw new MigrationError(`Migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead`);
        }
      }
      // A pending migration numbered below one already applied would run out of order on this
      // database but in order on a fresh one: the two would differ, so it is refused.
      const highest = Math.max(0, ...done.map((row) => row.version));
      const late = migrations.find((m) => m.version < highest && !done.some((row) => row.version === m.version));
      if (late)
        throw new MigrationError(
          `Migration ${late.version} (${late.name}) is numbered below ${highest}, which is already applied; renumber it above ${highest}`,
        );
      const applied: Migration[] = [];
      for (const migration of migrations.filter((m) => !done.some((row) => row.version === m.version))) {
        await script('BEGIN');
        try {
          await script(migration.sql);
          await query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
          await script('COMMIT');
        } catch (error) {
          await script('ROLLBACK');
          throw new MigrationError(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(migration);
      }
      return { applied, alreadyApplied: done.length };
    } finally {
      await query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
