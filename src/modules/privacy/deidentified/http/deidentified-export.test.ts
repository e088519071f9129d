import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { DEMO_PASSWORD, demoEmail } from '../../../accounts/index.ts';
import { ring, usePolicyApiTest } from '../../../policies/http/policy-api-test-support.ts';
import { deriveExportKey, pseudonym } from '../domain/deidentify.ts';

/** PRV-DEID-1 on a real database: known small datasets of bound policies, exported through the API. */
const t = usePolicyApiTest();
const csrfCookie = 'e'.repeat(43);

async function exportAs(role: 'privacy_officer' | 'auditor') {
  const app = t.bezel.app;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(role), password: DEMO_PASSWORD } });
  const session = login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '';
  return app.inject({
    method: 'POST',
    url: '/api/v1/privacy/deidentified-exports',
    headers: { cookie: `bezel_session=${session}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(t.bezel.deps.appSecret, csrfCookie) },
  });
}

function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [columns[index], value])));
}

describe('de-identified export', () => {
  test('PRV-DEID-1: identifiers removed, keyed pseudonyms, generalised values; a group of 9 is suppressed, of 10 kept; each export recorded', async () => {
    const policies = [];
    for (let n = 0; n < 9; n++) policies.push(await t.boundPolicy());
    // A necklace in another coverage band: a group of one, always suppressed.
    const quoted = await t.call('customer', 'POST', '/api/v1/applications', {
      namedInsureds: ['Carla Customer'],
      mailingAddress: { street: '9 Elm Street', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [{ ...ring, description: 'Pearl necklace', category: 'necklace', coverageAmount: '1500.00', giftOrEngagementRing: false, possessor: null }],
    });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    assert.equal((await t.call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' })).statusCode, 201);

    // 9 rings (NY, 5000-9999, 2026) + 1 necklace: every group is under 10, so nothing is exported.
    const first = await exportAs('privacy_officer');
    assert.equal(first.statusCode, 200, first.body);
    assert.match(String(first.headers['content-type']), /^text\/csv/);
    assert.equal(parse(first.body).length, 0);
    assert.equal(first.headers['x-suppressed-count'], '10');

    // A tenth ring makes its group 10: those 10 rows are exported, the necklace still is not.
    policies.push(await t.boundPolicy());
    const second = await exportAs('privacy_officer');
    const rows = parse(second.body);
    assert.equal(rows.length, 10);
    assert.equal(second.headers['x-suppressed-count'], '1');
    assert.deepEqual(
      new Set(rows.map((row) => `${row.state}|${row.country}|${row.category}|${row.coverage_band}|${row.policy_year}|${row.status}`)),
      new Set(['NY|US|ring|5000-9999|2026|in_force']),
    );
    // Keyed pseudonyms instead of ids: the policies' pseudonyms under the key derived from the app secret.
    const key = deriveExportKey(t.bezel.deps.appSecret);
    assert.deepEqual(new Set(rows.map((row) => row.policy)), new Set(policies.map((policy) => pseudonym(key, 'policy', policy.id))));
    // No identifier of any kind is in the file.
    const people = await t.bezel.deps.db.selectFrom('app_user').select(['id', 'email', 'display_name']).execute();
    const numbers = policies.flatMap((policy) => [policy.id, policy.policyNumber]);
    for (const value of [
      ...people.flatMap((p) => [p.id, p.email, p.display_name]),
      ...numbers,
      'Diamond engagement ring',
      '1 Main Street',
      '10001',
      '5000.00',
      '2026-12-01',
    ]) {
      assert.ok(!second.body.includes(value), `the export holds ${value}`);
    }

    // Each export is recorded (who, when, how many rows) with an audit event; auditors may not export.
    const records = await t.bezel.deps.db.selectFrom('deidentified_export').selectAll().orderBy('exported_at').orderBy('row_count').execute();
    const officerId = (await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('privacy_officer')).executeTakeFirstOrThrow())
      .id;
    assert.deepEqual(
      records.map((r) => [r.row_count, r.suppressed_count, r.exported_by, r.exported_at]),
      [
        [0, 10, officerId, '2026-11-21T12:00:00Z'],
        [10, 1, officerId, '2026-11-21T12:00:00Z'],
      ],
    );
    const events = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select(['actor_id', 'details'])
      .where('action', '=', 'deidentified_export.created')
      .execute();
    assert.equal(events.length, 2);
    assert.ok(events.every((event) => event.actor_id === officerId));
    assert.equal((await exportAs('auditor')).statusCode, 403);
    assert.equal((await t.bezel.deps.db.selectFrom('deidentified_export').select('id').execute()).length, 2);
  });
});
