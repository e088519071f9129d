import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';
import { extractPdfText } from '../pdf-text-test-support.ts';

/** Issue #3, "Bind and issue": binding enqueues the declarations page; the job stores it; only those who see the policy download it. */
let bezel: TestBezel;
const csrfCookie = 'q'.repeat(43);
const sessions = new Map<string, string>();
const emails: Record<string, string> = {};

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  emails.customer = demoEmail('customer');
  emails.underwriter = demoEmail('underwriter');
  await createUser(
    bezel.deps,
    systemActor('test'),
    { email: 'other@example.com', displayName: 'Other', roles: ['customer'], locale: 'nl', password: DEMO_PASSWORD },
    SYSTEM_ORIGIN,
  );
  emails.other = 'other@example.com';
});
after(async () => bezel.close());

type Who = 'customer' | 'other' | 'underwriter';

async function call(as: Who | null, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  if (as && !sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return bezel.app.inject({
    method,
    url,
    headers: {
      ...(as && { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie) }),
      ...headers,
    },
    ...(body !== undefined && { payload: body as object }),
  });
}

const application = {
  namedInsureds: ['Carla Customer'],
  otherInsureds: [],
  mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
  timeZone: 'America/New_York',
  deductible: '250',
  lossPayee: { name: 'First Example Bank', address: null },
  items: [
    {
      description: 'Diamond engagement ring, 1 ct, platinum',
      category: 'ring',
      coverageAmount: '5000.00',
      appraisalDate: '2026-10-01',
      giftOrEngagementRing: true,
      possessor: 'Carla Customer',
    },
  ],
};

describe('documents API: the declarations page of an issued policy', () => {
  test('bind, run jobs, download the PDF; another customer and anonymous callers get 404 / 401', async () => {
    const applied = await call('customer', 'POST', '/api/v1/applications', application, { 'idempotency-key': 'doc-apply-1' });
    assert.equal(applied.statusCode, 201, applied.body);
    const bound = await call(
      'customer',
      'POST',
      `/api/v1/applications/${applied.json().id}/bind`,
      { inceptionDate: '2026-12-01' },
      { 'idempotency-key': 'doc-bind-1' },
    );
    assert.equal(bound.statusCode, 201, bound.body);
    const policy = bound.json() as { id: string; policyNumber: string };

    const before = await call('customer', 'GET', `/api/v1/policies/${policy.id}/documents`);
    assert.deepEqual(before.json(), { items: [] }, 'the page is made by a job after the bind commits');
    assert.ok((await bezel.runJobs()) >= 1);

    const listed = await call('customer', 'GET', `/api/v1/policies/${policy.id}/documents`);
    assert.equal(listed.statusCode, 200, listed.body);
    const items = listed.json().items as { id: string; kind: string; locale: string; sha256: string; byteSize: number; contentUrl: string }[];
    assert.equal(items.length, 1);
    const [document] = items;
    assert.ok(document);
    assert.equal(document.kind, 'declarations');
    assert.equal(document.locale, 'en', 'in the holder’s language');
    assert.match(document.sha256, /^[0-9a-f]{64}$/);

    const pdf = await call('customer', 'GET', document.contentUrl);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
    assert.equal(pdf.rawPayload.length, document.byteSize);
    const text = extractPdfText(pdf.rawPayload);
    assert.ok(text.includes(`Policy number | ${policy.policyNumber}`), text);
    assert.ok(text.includes('Loss payee | First Example Bank'), text);
    assert.ok(text.includes('1 | Diamond engagement ring, 1 ct, platinum | Carla Customer | $5,000.00'), text);

    // Staff who read every policy see it; another customer and strangers do not learn it exists.
    assert.equal((await call('underwriter', 'GET', document.contentUrl)).statusCode, 200);
    assert.equal((await call('other', 'GET', document.contentUrl)).statusCode, 404);
    assert.equal((await call('other', 'GET', `/api/v1/policies/${policy.id}/documents`)).statusCode, 404);
    assert.equal((await call(null, 'GET', document.contentUrl)).statusCode, 401);
    assert.equal((await call('customer', 'GET', '/api/v1/documents/0190a000-0000-7000-8000-00000000dead/content')).statusCode, 404);
  });

  test('generating again is idempotent: the same content hash is the same document', async () => {
    const { generateDeclarations } = await import('../index.ts');
    const policy = await bezel.deps.db.selectFrom('policy').select('id').executeTakeFirstOrThrow();
    const first = await generateDeclarations(bezel.deps, systemActor('test'), policy.id);
    const again = await generateDeclarations(bezel.deps, systemActor('test'), policy.id);
    assert.equal(again.id, first.id);
    const rows = await bezel.deps.db.selectFrom('document').select('id').where('policy_id', '=', policy.id).execute();
    assert.equal(rows.length, 1);
  });
});
