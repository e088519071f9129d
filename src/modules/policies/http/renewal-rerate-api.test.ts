import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { listInvoices, listRefunds, recordPayment } from '../../billing/index.ts';
import { usePolicyApiTest } from './policy-api-test-support.ts';

/**
 * JPF-COND-7: a schedule change made after the renewal offer and before the anniversary re-rates the open offer
 * and its invoice, so the renewal premium matches the schedule renewed at the anniversary.
 */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
const db = () => policyTest.bezel.deps.db;

const offerOf = (policyId: string) =>
  db()
    .selectFrom('renewal_offer')
    .select(['id', 'premium', 'invoice_id', 'item_changes', 'status'])
    .where('policy_id', '=', policyId)
    .executeTakeFirstOrThrow();
const renewalInvoices = async (policyId: string) =>
  (await listInvoices(policyTest.bezel.deps, systemActor('test'), { policyId }))
    .filter((invoice) => invoice.kind === 'renewal')
    .map((invoice) => ({ id: invoice.id, amount: invoice.amount, status: invoice.status, dueOn: invoice.dueOn }));

describe('renewal re-rated after a schedule change (JPF-COND-7)', () => {
  test('JPF-COND-7: offer → a newly purchased watch is reported → the open offer and its invoice include the watch', async () => {
    const policy = await boundPolicy();
    // 2027-10-20: within 45 days of the anniversary 2027-12-01, the run makes the offer.
    policyTest.moveClockTo('2027-10-20T16:00:00Z');
    const started = await call('underwriter', 'POST', '/api/v1/renewal-runs', {});
    assert.equal(started.statusCode, 202, JSON.stringify(started.json()));
    await policyTest.bezel.runJobs();
    const offered = await offerOf(policy.id);
    // Ring 5000/100 × 1.10 × 1.05 (NY) × 0.92 ($250) = 53.13 at the anniversary's (unchanged) rates.
    assert.equal(offered.premium, '53.13');
    const [first] = await renewalInvoices(policy.id);
    assert.deepEqual(first && { amount: first.amount, status: first.status, dueOn: first.dueOn }, { amount: '53.13', status: 'open', dueOn: '2027-12-01' });

    // Bought 2027-10-10, reported 2027-10-20 (day 10): a scheduled item from the purchase date (JPF-ADD-1).
    const added = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, {
      description: 'Steel watch',
      category: 'watch',
      coverageAmount: '3000.00',
      purchaseDate: '2027-10-10',
      receiptReceivedOn: '2027-10-20',
      appraisalReceivedOn: '2027-10-20',
      keptInSafe: false,
    });
    assert.equal(added.statusCode, 201, JSON.stringify(added.json()));

    // Watch 3000/100 × 0.90 × 1.05 × 0.92 = 26.082 → 26.08; renewal premium 53.13 + 26.08 = 79.21.
    const rerated = await offerOf(policy.id);
    assert.equal(rerated.status, 'offered');
    assert.equal(rerated.premium, '79.21');
    assert.deepEqual(
      (rerated.item_changes as { itemNo: number; item: { category: string; annualPremium: string } }[]).map((change) => [
        change.itemNo,
        change.item.category,
        change.item.annualPremium,
      ]),
      [
        [1, 'ring', '53.13'],
        [2, 'watch', '26.08'],
      ],
    );
    // The unpaid renewal invoice is cancelled and issued again for 79.21, due at the anniversary as before.
    const invoices = await renewalInvoices(policy.id);
    assert.deepEqual(invoices.find((invoice) => invoice.id === first?.id)?.status, 'cancelled');
    const replacement = invoices.find((invoice) => invoice.id === rerated.invoice_id);
    assert.deepEqual(replacement && { amount: replacement.amount, status: replacement.status, dueOn: replacement.dueOn }, {
      amount: '79.21',
      status: 'open',
      dueOn: '2027-12-01',
    });
    assert.equal((await db().selectFrom('audit_event').select('id').where('action', '=', 'renewal.rerated').execute()).length, 1);
    // The customer sees the renewal invoice to pay (and not the cancelled one as owed).
    const seen = await call('customer', 'GET', `/api/v1/invoices?policyId=${policy.id}&status=open`);
    assert.ok(seen.json().items.some((item: { id: string; amount: { amount: string } }) => item.id === rerated.invoice_id && item.amount.amount === '79.21'));
  });

  test('JPF-COND-7: once the renewal invoice is paid, a lower premium refunds the difference and a higher one bills it', async () => {
    policyTest.moveClockTo('2026-11-21T12:00:00Z');
    const policy = await boundPolicy();
    policyTest.moveClockTo('2027-10-21T16:00:00Z');
    assert.equal((await call('underwriter', 'POST', '/api/v1/renewal-runs', {})).statusCode, 202);
    await policyTest.bezel.runJobs();
    const offered = await offerOf(policy.id);
    assert.equal(offered.premium, '53.13');
    const [renewal] = await listInvoices(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id }).then((all) =>
      all.filter((invoice) => invoice.kind === 'renewal'),
    );
    assert.ok(renewal);
    await recordPayment(
      policyTest.bezel.deps,
      systemActor('test'),
      { reference: renewal.structuredReference, amount: '53.13', currency: 'USD', receivedOn: '2027-10-21' },
      SYSTEM_ORIGIN,
    );
    const ringTo = (coverageAmount: string) => ({
      op: 'change',
      itemNo: 1,
      coverageAmount,
      appraisalDate: '2027-10-01',
      appraisedBy: 'Tiffany & Co., Fifth Avenue',
    });

    // Ring at 2500: 25 × 1.10 × 1.05 × 0.92 = 26.565 → 26.57 (above the 25.00 minimum); 53.13 − 26.57 = 26.56 refunded.
    const lower = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [ringTo('2500.00')] });
    assert.equal(lower.statusCode, 201, JSON.stringify(lower.json()));
    assert.equal((await offerOf(policy.id)).premium, '26.57');
    const refunds = await listRefunds(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id });
    assert.ok(
      refunds.some((refund) => refund.reason === 'renewal_rerated' && refund.amount === '26.56' && refund.status === 'payable'),
      JSON.stringify(refunds),
    );

    // Ring at 6000: 60 × 1.10 × 1.05 × 0.92 = 63.756 → 63.76; 63.76 − 26.57 = 37.19 billed, due at the anniversary.
    const higher = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [ringTo('6000.00')] });
    assert.equal(higher.statusCode, 201, JSON.stringify(higher.json()));
    const rerated = await offerOf(policy.id);
    assert.equal(rerated.premium, '63.76');
    assert.equal(rerated.invoice_id, renewal.id, "the paid renewal invoice stays the offer's");
    const renewals = await renewalInvoices(policy.id);
    assert.deepEqual(renewals.map((invoice) => [invoice.amount, invoice.status, invoice.dueOn]).sort(), [
      ['37.19', 'open', '2027-12-01'],
      ['53.13', 'paid', '2027-12-01'],
    ]);
  });
});
