import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { openDatabase, readPgliteTemplate } from './database.ts';
import { migrate, readMigrations } from './migrate.ts';
import { parseTimestamptz } from './value-parsers.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => database.close());

describe(`database layer (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('values read the same on both drivers: decimals and big integers as strings, dates as text, instants as UTC ISO', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT 1.10::numeric AS premium, 9007199254740993::int8 AS big, count(*) AS n,
             '2024-02-29'::date AS leap_day, '2026-03-08 02:30:00-05'::timestamptz AS instant,
             '{"a": 1}'::jsonb AS document, true AS flag, 7::int4 AS small`.execute(database.db);
    assert.deepEqual(rows[0], {
      premium: '1.10', // never the float 1.1
      big: '9007199254740993', // beyond Number.MAX_SAFE_INTEGER, kept exact
      n: '1',
      leap_day: '2024-02-29', // never a Date at local midnight
      instant: '2026-03-08T07:30:00Z',
      document: { a: 1 },
      flag: true,
      small: 7,
    });
  });

  test('timestamptz text forms parse to the same instant', () => {
    assert.equal(parseTimestamptz('2026-11-21 13:38:59.123456+00'), '2026-11-21T13:38:59.123456Z');
    assert.equal(parseTimestamptz('2026-11-21 08:38:59+05:30'), '2026-11-21T03:08:59Z');
    assert.equal(parseTimestamptz('1900-01-01 00:00:00+00:19:32'), '1899-12-31T23:40:28Z');
    assert.throws(() => parseTimestamptz('infinity'));
  });

  test('concurrent requests never run inside each other’s transaction', async () => {
    // Without a connection lock on PGlite, the second insert would run inside the first
    // transaction and vanish with its rollback.
    const failing = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('instance_setting').values({ name: 'inside-rolled-back', value: 'x' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 30));
      throw new Error('roll back');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const independent = database.db.insertInto('instance_setting').values({ name: 'independent', value: 'y' }).execute();
    await assert.rejects(failing, /roll back/);
    await independent;
    const names = (await database.db.selectFrom('instance_setting').select('name').execute()).map((row) => row.name);
    assert.ok(names.includes('independent'));
    assert.ok(!names.includes('inside-rolled-back'));
  });

  test('many concurrent transactions all commit', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('instance_setting')
            .values({ name: `parallel-${index}`, value: String(index) })
            .execute();
          await sql`SELECT pg_sleep(0.001)`.execute(trx);
        }),
      ),
    );
    const row = await database.db
      .selectFrom('instance_setting')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', 'like', 'parallel-%')
      .executeTakeFirstOrThrow();
    assert.equal(row.n, '40');
  });

  test('migrations: applied once, even when two instances migrate at the same time', async () => {
    const fresh = await createTestDatabase({ migrated: false });
    // On PostgreSQL the second "instance" is a second pool on the same database; PGlite has one connection.
    const other = fresh.url ? await openDatabase({ databaseUrl: fresh.url, poolSize: 2 }) : fresh;
    try {
      const [first, second] = await Promise.all([migrate(fresh), migrate(other)]);
      const all = readMigrations().map((migration) => migration.version);
      assert.deepEqual(
        [...(first?.applied ?? []), ...(second?.applied ?? [])].map((m) => m.version).sort((a, b) => a - b),
        all,
        'each migration applied by exactly one of them',
      );
      const rows = await sql<{ version: number }>`SELECT version FROM schema_migration ORDER BY version`.execute(fresh.db);
      assert.deepEqual(
        rows.rows.map((row) => row.version),
        all,
      );
    } finally {
      if (other !== fresh) await other.close();
      await fresh.close();
    }
  });

  test('a migration numbered below one already applied is refused; duplicate numbers are refused', async () => {
    const all = readMigrations();
    const last = all.at(-1);
    assert.ok(last);
    // One branch's migration was applied here; another branch's lower number arrives later.
    const ahead = { version: last.version + 10, name: 'ahead', sql: 'SELECT 1', checksum: 'ahead' };
    const behind = { version: last.version + 5, name: 'behind', sql: 'SELECT 1', checksum: 'behind' };
    assert.equal((await migrate(database, [...all, ahead])).applied.length, 1);
    await assert.rejects(migrate(database, [...all, behind, ahead]), /Migration \d+ \(behind\) is numbered below \d+, which is already applied/);
    assert.throws(() => {
      const dir = mkdtempSync(join(tmpdir(), 'bezel-migrations-'));
      writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1');
      writeFileSync(join(dir, '0001_b.sql'), 'SELECT 1');
      readMigrations(dir);
    }, /Two migrations are numbered 0001/);
  });

  test('a migration changed after it was applied is refused', async () => {
    const changed = readMigrations().map((migration, index) => (index === 0 ? { ...migration, checksum: 'tampered' } : migration));
    await assert.rejects(migrate(database, changed), /was changed after it was applied/);
  });
});

describe('PGlite data folder', () => {
  test('the empty database prepared at install (postinstall) is found, so a first start skips initdb', {
    skip: process.env.DATABASE_URL ? 'PGlite only' : false,
  }, () => {
    const template = readPgliteTemplate();
    assert.ok(template, 'run `npm install` (its postinstall prepares node_modules/.cache/bezel/pglite-template-*.tar.gz)');
    assert.ok(template.size > 1_000_000);
  });

  test('a second process opening the same folder gets a clear error, and the first keeps working', {
    skip: process.env.DATABASE_URL ? 'PGlite only' : false,
  }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bezel-lock-'));
    const first = await openDatabase({ dataDir: folder });
    try {
      await migrate(first);
      const script = `import { openDatabase } from ${JSON.stringify(new URL('./database.ts', import.meta.url).href)};
        try { await openDatabase({ dataDir: ${JSON.stringify(folder)} }); console.log('opened'); }
        catch (error) { console.log(error.name + ': ' + error.message); process.exit(3); }`;
      const second = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.equal(second.status, 3, second.stderr);
      assert.match(second.stdout, /DataDirInUseError: The data folder .* is in use by another Bezel process \(pid \d+\)/);
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM schema_migration`.execute(first.db);
      assert.ok(Number(rows[0]?.n) >= 1);
    } finally {
      await first.close();
    }
    // Closed: the folder can be opened again, and the data is still there.
    const reopened = await openDatabase({ dataDir: folder });
    try {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM schema_migration`.execute(reopened.db);
      assert.ok(Number(rows[0]?.n) >= 1);
    } finally {
      await reopened.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
