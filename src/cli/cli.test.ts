import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../platform/db/database.ts';

/**
 * The `bezel` CLI as an operator uses it (issue #2, points 3, 5 and 9), on its own PGlite data
 * folder (the PostgreSQL run of this suite covers the same code through the use cases).
 */
const root = join(import.meta.dirname, '..', '..');
let dataDir: string;

function bezel(args: string[], input?: string) {
  const { DATABASE_URL: _pglite, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, BEZEL_DATA_DIR: dataDir, PASSWORD_HASH_COST: 'low', LOG_LEVEL: 'silent' };
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env, encoding: 'utf8', input: input ?? '' });
}

before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bezel-cli-'));
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('bezel CLI', () => {
  test('users create, list and set-roles', () => {
    const created = bezel(
      ['users', 'create', '--email', 'Ann.Adjuster@Example.com', '--name', 'Ann Adjuster', '--role', 'adjuster', '--password-stdin'],
      'a strong enough secret\n',
    );
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created ann\.adjuster@example\.com \(adjuster\)/);
    const welcomed = bezel(['users', 'create', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'admin']);
    assert.equal(welcomed.status, 0, welcomed.stderr);
    assert.match(welcomed.stdout, /a link to choose a password was mailed/);
    const roles = bezel(['users', 'set-roles', '--email', 'ann.adjuster@example.com', '--role', 'adjuster', '--role', 'underwriter']);
    assert.equal(roles.status, 0, roles.stderr);
    assert.match(roles.stdout, /now has roles: adjuster, underwriter/);
    const list = bezel(['users', 'list']);
    assert.match(list.stdout, /ann\.adjuster@example\.com\s+adjuster,underwriter/);
  });

  test('wrong usage exits 2 with the usage text; refused input exits 1 with the reason', () => {
    const unknownRole = bezel(['users', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'wizard']);
    assert.equal(unknownRole.status, 2);
    assert.match(unknownRole.stderr, /--role must be one or more of the roles \(got wizard\)/);
    const duplicate = bezel(['users', 'create', '--email', 'admin@example.com', '--name', 'Again', '--role', 'admin']);
    assert.equal(duplicate.status, 1);
    assert.match(duplicate.stderr, /already a user with this email address/);
    const badEmail = bezel(['users', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'admin']);
    assert.equal(badEmail.status, 1);
    assert.match(badEmail.stderr, /email: Enter an email address/);
    assert.equal(bezel(['frobnicate']).status, 2);
  });

  test('audit verify: intact, then broken after an edit made directly in SQL', async () => {
    const intact = bezel(['audit', 'verify']);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /Audit chain intact: \d+ events checked, 0 not yet sealed/);
    const database = await openDatabase({ dataDir });
    try {
      await database.withConnection(async ({ query }) => {
        await query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
        await query(`UPDATE audit_event SET details = '{"roles": ["admin"]}' WHERE chain_seq = 1`);
        await query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      });
    } finally {
      await database.close();
    }
    const broken = bezel(['audit', 'verify']);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /Audit chain BROKEN at event #1 \(id \d+\): hash_mismatch/);
  });

  test('jobs list shows the mail waiting in the outbox; retry refuses a job that is not dead', () => {
    const jobs = bezel(['jobs', 'list', '--status', 'queued']);
    assert.equal(jobs.status, 0, jobs.stderr);
    assert.match(jobs.stdout, /queued\s+mail\.send/);
    assert.doesNotMatch(jobs.stdout, /admin@example\.com/, 'payloads (addresses) are not printed');
    const id = /^\s*(\d+)\s+queued/m.exec(jobs.stdout)?.[1];
    assert.ok(id);
    const retry = bezel(['jobs', 'retry', id]);
    assert.equal(retry.status, 1);
    assert.match(retry.stdout, /is not dead/);
    assert.equal(bezel(['jobs', 'list', '--status', 'sleeping']).status, 2);
  });
});
