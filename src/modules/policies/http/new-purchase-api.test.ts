import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { listInvoices, recordPayment } from '../../billing/index.ts';
import { seedDemoProduct } from '../../products/index.ts';

/** Newly purchased jewelry (JPF-ADD-1) through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
let bezel: TestBezel;
const csrfCookie = 'c'.repeat(43);
const sessions = new Map<string, string>();
const emails: Record<string, string> = {};

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z (07:00 in New York)
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  for (const role of ['customer', 'underwriter'] as const) emails[role] = demoEmail(role);
  await createUser(
    bezel.deps,
    systemActor('test'),
    { email: 'customer3@example.com', displayName: 'customer3', roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
    SYSTEM_ORIGIN,
  );
  emails.customer3 = 'customer3@example.com';
});
after(async () => bezel.close());
// Policies are bound at the test clock (2026-11-21); each test then moves the clock into the period.
afterEach(() => moveClockTo('2026-11-21T12:00:00Z'));
/** Sessions expire over weeks: log in again at the new time. */
function moveClockTo(instant: string): void {
  bezel.clock.set(instant);
  sessions.clear();
}

type Who = 'customer' | 'customer3' | 'underwriter';
// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON response bodies whose shape the assertions check
type Json = Record<string, any>;
type Reply = { statusCode: number; json(): Json };

async function call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply> {
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return (await bezel.app.inject({
    method,
    url,
    headers: { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie) },
    ...(body !== undefined && { payload: body as object }),
  })) as unknown as Reply;
}

const ring = {
  description: 'Diamond engagement ring, 1 ct, platinum',
  category: 'ring',
  coverageAmount: '5000.00',
  appraisalDate: '2026-10-01',
  giftOrEngagementRing: true,
  possessor: 'Carla Customer',
};

/** Applies for a ring (premium 53.13: 5000/100 × 1.10 × 1.05 NY × 0.92 $250) and binds from 2026-12-01 (365 days, last day 2027-11-30). */
async function boundPolicy(namedInsureds: string[] = ['Carla Customer'], options: { paid?: boolean } = {}): Promise<{ id: string; policyNumber: string }> {
  const quoted = await call('customer', 'POST', '/api/v1/applications', {
    namedInsureds,
    mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
    timeZone: 'America/New_York',
    deductible: '250',
    items: [ring],
  });
  assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
  assert.deepEqual(quoted.json().premium, { amount: '53.13', currency: 'USD' });
  const bound = await call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
  assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
  const policy = bound.json() as { id: string; policyNumber: string };
  if (options.paid ?? true) {
    const [invoice] = await listInvoices(bezel.deps, systemActor('test'), { policyId: policy.id });
    assert.ok(invoice);
    await recordPayment(
      bezel.deps,
      systemActor('test'),
      { reference: invoice.structuredReference, amount: invoice.amount, currency: invoice.currency, receivedOn: '2026-11-21' },
      SYSTEM_ORIGIN,
    );
  }
  return policy;
}

const transactions = (id: string) =>
  bezel.deps.db
    .selectFrom('policy_transaction')
    .select(['kind', 'effective_date', 'premium_change'])
    .where('policy_id', '=', id)
    .orderBy('recorded_at')
    .execute();
const items = (id: string) =>
  bezel.deps.db
    .selectFrom('scheduled_item')
    .select(['item_no', 'category', 'coverage_amount', 'purchase_date', 'added_by_transaction'])
    .where('policy_id', '=', id)
    .orderBy('item_no')
    .execute();
const invoices = async (id: string) =>
  (await listInvoices(bezel.deps, systemActor('test'), { policyId: id })).map((invoice) => [invoice.kind, invoice.amount]).sort();

const bracelet = (purchaseDate: string, receivedOn: string) => ({
  description: 'Gold bracelet, 18 ct',
  category: 'bracelet',
  coverageAmount: '1000.00',
  purchaseDate,
  receiptReceivedOn: receivedOn,
  appraisalReceivedOn: receivedOn,
  keptInSafe: false,
});

describe('newly purchased jewelry', () => {
  test('JPF-ADD-1: reported on day 30 after purchase, the item is added from the purchase date with the pro-rata premium and an invoice', async () => {
    const policy = await boundPolicy();
    // The written request is the report itself: today, 2027-01-31 in New York, = purchase 2027-01-01 + 30 days.
    moveClockTo('2027-01-31T17:00:00Z');
    const added = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, bracelet('2027-01-01', '2027-01-20'));
    assert.equal(added.statusCode, 201, JSON.stringify(added.json()));
    // Term premium 1000/100 × 1.00 bracelet × 1.05 NY × 0.92 $250 deductible = 9.66. Charged from the purchase
    // date 2027-01-01 to the last day 2027-11-30, both included: 365 − 31 = 334 days; 9.66 × 334 / 365 = 8.8395… → 8.84.
    assert.deepEqual(added.json().itemTermPremium, { amount: '9.66', currency: 'USD' });
    assert.equal(added.json().daysAfterPurchase, 30);
    assert.equal(added.json().premiumDays, 334);
    assert.deepEqual(added.json().premium, { amount: '8.84', currency: 'USD' });
    assert.equal(added.json().coverFrom, '2027-01-01');
    assert.equal(added.json().itemNo, 2);

    assert.deepEqual(
      (await transactions(policy.id)).map((t) => [t.kind, t.effective_date, t.premium_change]),
      [
        ['issue', '2026-12-01', '53.13'],
        ['new_purchase', '2027-01-01', '8.84'],
      ],
    );
    const schedule = await items(policy.id);
    assert.deepEqual(
      schedule.map((item) => [item.item_no, item.category, item.coverage_amount, item.purchase_date, item.added_by_transaction]),
      [
        [1, 'ring', '5000.00', null, null],
        [2, 'bracelet', '1000.00', '2027-01-01', added.json().transactionId],
      ],
    );
    assert.deepEqual(await invoices(policy.id), [
      ['endorsement', '8.84'],
      ['premium', '53.13'],
    ]);
    assert.ok(added.json().invoiceId);
  });

  test('JPF-ADD-1: reported on day 31 after purchase, 422 reported_after_30_days and nothing is written', async () => {
    const policy = await boundPolicy();
    moveClockTo('2027-02-01T17:00:00Z'); // 2027-02-01 = purchase 2027-01-01 + 31 days
    const late = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, bracelet('2027-01-01', '2027-01-20'));
    assert.equal(late.statusCode, 422, JSON.stringify(late.json()));
    assert.equal(late.json().code, 'reported_after_30_days');
    assert.deepEqual(
      (await transactions(policy.id)).map((t) => t.kind),
      ['issue'],
    );
    assert.equal((await items(policy.id)).length, 1);
    assert.deepEqual(await invoices(policy.id), [['premium', '53.13']]);
  });

  test('JPF-ADD-1: another customer’s policy is not found', async () => {
    const policy = await boundPolicy();
    moveClockTo('2027-01-31T17:00:00Z');
    const other = await call('customer3', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, bracelet('2027-01-01', '2027-01-20'));
    assert.equal(other.statusCode, 404, JSON.stringify(other.json()));
    assert.equal((await items(policy.id)).length, 1);
  });

  test('JPF-ADD-1: a cancelled policy takes no new purchases (409)', async () => {
    const policy = await boundPolicy();
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(cancelled.statusCode, 201, JSON.stringify(cancelled.json()));
    moveClockTo('2027-01-31T17:00:00Z');
    const refused = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, bracelet('2027-01-01', '2027-01-20'));
    assert.equal(refused.statusCode, 409, JSON.stringify(refused.json()));
    assert.equal(refused.json().code, 'policy_cancelled');
  });
});
