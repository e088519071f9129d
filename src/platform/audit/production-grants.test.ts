import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Database, openDatabase } from '../db/database.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { databaseError, recordEvents, testClock } from './audit-test-support.ts';
import { sealAuditEvents } from './seal-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

/**
 * Applies Part 2 of docs/operations/production-grants.sql (the text between its markers, as the
 * operator does) to a test database, logs in as the application role it grants to, and checks that
 * the application can do its work on audit_event but cannot rewrite, delete or truncate it, nor
 * switch the trigger off. PostgreSQL only: PGlite has a single superuser.
 */
const GRANTS_FILE = new URL('../../../docs/operations/production-grants.sql', import.meta.url);

function grantsAfterMigrate(appRole: string): string {
  const text = readFileSync(GRANTS_FILE, 'utf8');
  const begin = text.indexOf('-- bezel-grants-after-migrate: begin');
  const end = text.indexOf('-- bezel-grants-after-migrate: end');
  assert.ok(begin >= 0 && end > begin, 'production-grants.sql has lost its Part 2 markers');
  return text.slice(begin, end).replaceAll('bezel_app', appRole);
}

describe('production grants', { skip: testDatabaseKind() === 'pglite' && 'needs PostgreSQL roles' }, () => {
  let database: TestDatabase;
  let app: Database;
  // Roles belong to the whole server: a unique name keeps parallel runs apart.
  const appRole = `bezel_app_test_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
    await database.withConnection(async ({ script }) => {
      await script(`CREATE ROLE ${appRole} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
      // The test database's tables belong to the superuser that migrated it, standing in for bezel_owner.
      await script(grantsAfterMigrate(appRole));
    });
    const url = new URL(process.env.DATABASE_URL as string);
    url.username = appRole;
    url.password = password;
    url.pathname = `/${database.name}`;
    app = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  });

  after(async () => {
    await app?.close();
    await database?.withConnection(async ({ script }) => {
      await script(`DROP OWNED BY ${appRole}; DROP ROLE IF EXISTS ${appRole}`);
    });
    await database?.close();
  });

  async function refusedAsApp(statement: string): Promise<string> {
    const error = await app
      .withConnection(({ query }) => query(statement))
      .then(
        () => assert.fail(`the application role could run: ${statement}`),
        (caught: unknown) => databaseError(caught),
      );
    assert.equal(error.code, '42501', statement);
    return error.message;
  }

  it('lets the application record, seal, verify and erase personal details', async () => {
    await recordEvents(app.db, clock, 3);
    assert.deepEqual(await sealAuditEvents(app.db, clock), { sealed: 3 });
    await app.db.updateTable('audit_event').set({ personal_details: null }).where('chain_seq', '=', '1').execute();
    assert.deepEqual(await verifyAuditChain(app.db), { ok: true, checked: 3, unsealed: 0 });
  });

  it('refuses, by privilege before any trigger runs, to change, delete or truncate audit events', async () => {
    assert.match(await refusedAsApp(`UPDATE audit_event SET details = '{}'`), /permission denied for table audit_event/);
    assert.match(await refusedAsApp('DELETE FROM audit_event'), /permission denied for table audit_event/);
    assert.match(await refusedAsApp('TRUNCATE audit_event'), /permission denied for table audit_event/);
  });

  it('cannot switch the append-only trigger off, as it does not own the table', async () => {
    assert.match(await refusedAsApp('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only'), /must be owner of table audit_event/);
  });

  it('still meets the trigger when it re-seals a sealed event', async () => {
    // The seal columns are granted (the sealer needs them), so the trigger is what stops this.
    assert.match(await refusedAsApp(`UPDATE audit_event SET hash = repeat('0', 64) WHERE chain_seq = 1`), /cannot be re-sealed/);
  });

  it('keeps normal data manipulation on other tables, and only reading of the migration ledger', async () => {
    await app.withConnection(async ({ query }) => {
      await query(`INSERT INTO job (kind, run_at, created_at, updated_at) VALUES ('test', now(), now(), now())`);
      await query(`UPDATE job SET status = 'succeeded' WHERE kind = 'test'`);
      await query(`DELETE FROM job WHERE kind = 'test'`);
      await query('SELECT version FROM schema_migration');
    });
    assert.match(await refusedAsApp('DELETE FROM schema_migration'), /permission denied/);
    assert.match(await refusedAsApp('TRUNCATE job'), /permission denied/);
    assert.match(await refusedAsApp('CREATE TABLE intruder (x int)'), /permission denied for schema public/);
  });
});
