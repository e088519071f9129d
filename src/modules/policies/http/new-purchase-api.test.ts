import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { listInvoices } from '../../billing/index.ts';
import { usePolicyApiTest } from './policy-api-test-support.ts';

/** Newly purchased jewelry (JPF-ADD-1) through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
// Policies are bound at the test clock (2026-11-21); each test then moves the clock into the period.
afterEach(() => moveClockTo('2026-11-21T12:00:00Z'));
const moveClockTo = (instant: string) => policyTest.moveClockTo(instant);

const transactions = (id: string) =>
  policyTest.bezel.deps.db
    .selectFrom('policy_transaction')
    .select(['kind', 'effective_date', 'premium_change'])
    .where('policy_id', '=', id)
    .orderBy('recorded_at')
    .execute();
const items = (id: string) =>
  policyTest.bezel.deps.db
    .selectFrom('scheduled_item')
    .select(['item_no', 'category', 'coverage_amount', 'purchase_date', 'added_by_transaction'])
    .where('policy_id', '=', id)
    .orderBy('item_no')
    .execute();
const invoices = async (id: string) =>
  (await listInvoices(policyTest.bezel.deps, systemActor('test'), { policyId: id })).map((invoice) => [invoice.kind, invoice.amount]).sort();

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
