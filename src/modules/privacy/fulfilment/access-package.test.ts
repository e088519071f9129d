import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { DATA_MAP } from '../data-map/index.ts';
import type { AccessPackage } from './domain/package-content.ts';
import { WITHHELD } from './domain/package-content.ts';
import { useFulfilmentTest } from './fulfilment-test-support.ts';
import { readEmbeddedJson } from './package-pdf-test-support.ts';
import { downloadOwnAccessPackage, requestOwnAccessPackage, revealPackagePassword } from './use-cases/access-package.ts';
import { sendPackageToRecipient } from './use-cases/portability.ts';

const t = useFulfilmentTest();

/** Every row the database holds where the table's subject column names the person, as JSON text per table. */
async function subjectRows(userId: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (const declaration of DATA_MAP) {
    if (declaration.subjectColumn === null) continue;
    const { rows } = await sql<{
      row: unknown;
    }>`SELECT to_jsonb(t) AS row FROM ${sql.table(declaration.table)} t WHERE ${sql.ref(declaration.subjectColumn)}::text = ${userId}`.execute(t.bezel.deps.db);
    result.set(
      declaration.table,
      rows.map((row) => JSON.stringify(row.row)),
    );
  }
  return result;
}

/** Compares values as the drivers and to_jsonb write them: numbers as text, instants to the millisecond, keys sorted. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return String(Date.parse(value));
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return String(Number(value));
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([key, inner]) => `${key}:${canonical(inner)}`).join(',')}}`;
}

describe('access package', () => {
  test('PRV-RIGHT-1: the encrypted package holds each of the person’s rows (read back from the database) and none of another person’s', async () => {
    const alice = await t.customer('Alice Access');
    const bob = await t.customer('Bob Other');
    const alicePolicy = await t.boundPolicy(alice);
    const bobPolicy = await t.boundPolicy(bob);
    const deps = t.bezel.deps;

    const { packageId } = await requestOwnAccessPackage(deps, alice.actor, 'access', SYSTEM_ORIGIN);
    // Not downloadable before the job built it.
    await assert.rejects(downloadOwnAccessPackage(deps, alice.actor, packageId, SYSTEM_ORIGIN), { code: 'package_not_ready' });
    await t.bezel.runJobs();
    // What the database holds about her when the package was built (later events are not in it).
    const expected = await subjectRows(alice.actor.userId);

    // Only the person: Bob gets 404 for Alice's package, for the password and the file.
    await assert.rejects(revealPackagePassword(deps, bob.actor, packageId, SYSTEM_ORIGIN), { code: 'not_found' });
    await assert.rejects(downloadOwnAccessPackage(deps, bob.actor, packageId, SYSTEM_ORIGIN), { code: 'not_found' });
    const { password } = await revealPackagePassword(deps, alice.actor, packageId, SYSTEM_ORIGIN);
    // Shown once, then forgotten.
    await assert.rejects(revealPackagePassword(deps, alice.actor, packageId, SYSTEM_ORIGIN), { code: 'password_already_shown' });
    const stored = await deps.db.selectFrom('access_package').select(['sealed_password', 'status']).where('id', '=', packageId).executeTakeFirstOrThrow();
    assert.equal(stored.sealed_password, null);

    const { bytes } = await downloadOwnAccessPackage(deps, alice.actor, packageId, SYSTEM_ORIGIN);
    const raw = bytes.toString('latin1');
    assert.match(raw, /\/CFM \/AESV3/, 'AES-256 encrypted');
    assert.ok(!raw.includes(alice.email), 'no plain personal data in the file');
    assert.throws(() => readEmbeddedJson(bytes, 'not-the-password'), /wrong password/);
    const content = readEmbeddedJson(bytes, password) as AccessPackage;
    const text = JSON.stringify(content);

    // Each row whose subject column names Alice is in the package, value for value (credentials withheld).
    for (const [table, rows] of expected) {
      // The package's own row changes when it is built (status, content): the package shows it as it was.
      if (table === 'access_package') continue;
      const packaged = content.tables.find((entry) => entry.table === table)?.rows ?? [];
      assert.equal(packaged.length >= rows.length, true, `${table}: ${packaged.length} packaged of ${rows.length}`);
      for (const row of rows) {
        const values = JSON.parse(row) as Record<string, unknown>;
        const declaration = DATA_MAP.find((entry) => entry.table === table);
        const match = packaged.find((candidate) =>
          Object.entries(values).every(([column, value]) => {
            // The sealer links events into the chain after the package was built.
            if (table === 'audit_event' && ['chain_seq', 'prev_hash', 'hash', 'sealed_at'].includes(column)) return true;
            const col = declaration?.columns[column];
            if (col?.personal && col.category === 'user.authorization.credentials') return candidate[column] === (value === null ? null : WITHHELD);
            return canonical(candidate[column]) === canonical(value);
          }),
        );
        assert.ok(match, `${table} row ${row.slice(0, 120)} is in the package`);
      }
    }
    // Rows reached through what she owns: the policy's schedule and transactions, her invoice and payment.
    const tableNames = content.tables.map((entry) => entry.table);
    for (const table of ['app_user', 'application', 'policy', 'scheduled_item', 'policy_transaction', 'billing_account', 'invoice', 'payment', 'audit_event'])
      assert.ok(tableNames.includes(table), `package has ${table}`);
    assert.ok(text.includes(alicePolicy.policyNumber));
    assert.ok(text.includes('Diamond ring of Alice Access'));
    // Nothing of Bob: not his id, email, name, policy or application.
    for (const foreign of [bob.actor.userId, bob.email, 'Bob Other', bobPolicy.policyId, bobPolicy.policyNumber, bobPolicy.applicationId])
      assert.ok(!text.includes(foreign), `package must not contain ${foreign}`);
    // Credentials are withheld, never exported.
    const user = content.tables.find((entry) => entry.table === 'app_user')?.rows[0];
    assert.equal(user?.password_hash, WITHHELD);

    // The download is counted and audited.
    const after = await deps.db.selectFrom('access_package').select('downloads').where('id', '=', packageId).executeTakeFirstOrThrow();
    assert.equal(after.downloads, 1);
    const events = await deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', alice.actor.userId)
      .where('action', 'like', 'privacy.access_package%')
      .execute();
    assert.deepEqual(events.map((event) => event.action).sort(), [
      'privacy.access_package_built',
      'privacy.access_package_downloaded',
      'privacy.access_package_password_shown',
      'privacy.access_package_requested',
    ]);
  });

  test('PRV-RIGHT-1: the download link expires after 7 days', async () => {
    const carol = await t.customer('Carol Expiry');
    const deps = t.bezel.deps;
    const { packageId } = await requestOwnAccessPackage(deps, carol.actor, 'access', SYSTEM_ORIGIN);
    await t.bezel.runJobs();
    const start = t.bezel.clock.now();
    t.bezel.clock.advance({ hours: 24 * 7 });
    try {
      await assert.rejects(downloadOwnAccessPackage(deps, carol.actor, packageId, SYSTEM_ORIGIN), { code: 'package_expired' });
    } finally {
      t.bezel.clock.set(start);
    }
  });

  test('PRV-RIGHT-8: the same machine-readable package goes to a named third party by an expiring mailed link, recorded', async () => {
    const paul = await t.customer('Paul Portable');
    await t.boundPolicy(paul);
    const deps = t.bezel.deps;
    await assert.rejects(sendPackageToRecipient(deps, paul.actor, { recipientName: 'Other Insurer', recipientEmail: 'privacy@other.example' }, SYSTEM_ORIGIN), {
      code: 'package_not_ready',
    });
    const { packageId } = await requestOwnAccessPackage(deps, paul.actor, 'portability', SYSTEM_ORIGIN);
    await t.bezel.runJobs();
    const { password } = await revealPackagePassword(deps, paul.actor, packageId, SYSTEM_ORIGIN);
    await assert.rejects(sendPackageToRecipient(deps, paul.actor, { recipientName: 'Other Insurer', recipientEmail: 'not an address' }, SYSTEM_ORIGIN), {
      code: 'recipient_invalid',
    });
    const { deliveryId } = await sendPackageToRecipient(
      deps,
      paul.actor,
      { recipientName: 'Other Insurer', recipientEmail: 'privacy@other.example' },
      SYSTEM_ORIGIN,
    );
    await t.bezel.runJobs();

    const delivery = await deps.db.selectFrom('portability_delivery').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
    assert.equal(delivery.access_package_id, packageId);
    assert.equal(delivery.recipient_email, 'privacy@other.example');
    const mail = (await t.bezel.mails()).find((file) => file.to.includes('privacy@other.example'));
    assert.ok(mail, 'the recipient got a mail');
    const link = mail.links.find((href) => href.includes('/privacy/packages/'));
    assert.ok(link);
    assert.ok(!mail.text.includes(password), 'the password is not in the mail');
    const reply = await t.bezel.app.inject({ method: 'GET', url: new URL(link).pathname });
    assert.equal(reply.statusCode, 200);
    const content = readEmbeddedJson(reply.rawPayload, password) as AccessPackage;
    assert.equal(content.subject.userId, paul.actor.userId);
    assert.ok(JSON.stringify(content).includes('Diamond ring of Paul Portable'));
    const downloaded = await deps.db.selectFrom('portability_delivery').select('downloaded_at').where('id', '=', deliveryId).executeTakeFirstOrThrow();
    assert.notEqual(downloaded.downloaded_at, null);
    const wrong = await t.bezel.app.inject({ method: 'GET', url: '/privacy/packages/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    assert.equal(wrong.statusCode, 404);
  });
});
