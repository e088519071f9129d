import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { listInvoices, listRefunds } from '../../billing/index.ts';
import { usePolicyApiTest } from '../http/policy-api-test-support.ts';
import { endItemCoverAfterTotalLoss } from './end-item-cover-after-total-loss.ts';

/** JPF-SETTLE-7 in the policies module: a paid total loss ends the item's cover and gives its unearned premium back. */
const policyTest = usePolicyApiTest();
const actor = systemActor('claims.test');

async function endCover(policyId: string, lossDate: string) {
  const { deps } = policyTest.bezel;
  return deps.db
    .transaction()
    .execute((trx) =>
      endItemCoverAfterTotalLoss(trx, deps, actor, { policyId, itemNo: 1, lossDate, claimId: 'claim-1', claimNumber: 'CL-2027-000001' }, SYSTEM_ORIGIN),
    );
}

const transactionCount = async (policyId: string) =>
  (await policyTest.bezel.deps.db.selectFrom('policy_transaction').select('id').where('policy_id', '=', policyId).execute()).length;

describe('ending an item’s cover after a total loss (JPF-SETTLE-7)', () => {
  const paid: string[] = [];
  let unpaid = '';
  before(async () => {
    for (let index = 0; index < 3; index++) paid.push((await policyTest.boundPolicy()).id);
    unpaid = (await policyTest.boundPolicy(['Carla Customer'], { paid: false })).id;
    policyTest.moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-SETTLE-7 known answer: the ring (53.13 a year, paid) lost on 2027-01-10 → 47.16 of unearned premium refunded', async () => {
    const policyId = paid[0] as string;
    const ended = await endCover(policyId, '2027-01-10');
    assert.ok(ended);
    assert.equal(ended.effectiveDate, '2027-01-11');
    // 2026-12-01..2027-11-30 = 365 days; 2027-01-11..2027-11-30 = 324 days; 53.13 × 324 / 365 = 47.1619… → 47.16.
    assert.equal(ended.premiumChange.toFixed(), '-47.16');
    const refunds = await listRefunds(policyTest.bezel.deps, actor, { policyId });
    assert.deepEqual(
      refunds.map((refund) => [refund.id, refund.amount]),
      [[ended.billing.refundId, '47.16']],
    );
    const row = await policyTest.bezel.deps.db
      .selectFrom('scheduled_item')
      .select(['removed_on', 'coverage_amount'])
      .where('policy_id', '=', policyId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { removed_on: '2027-01-11', coverage_amount: '5000.00' });
  });

  test('JPF-SETTLE-7: nothing paid yet → the premium invoice is cancelled and issued again for the 41 days earned (5.97), nothing refunded', async () => {
    const ended = await endCover(unpaid, '2027-01-10');
    assert.ok(ended);
    assert.equal(ended.billing.refundId, null);
    assert.equal(ended.billing.cancelledInvoiceIds.length, 1);
    const invoices = await listInvoices(policyTest.bezel.deps, actor, { policyId: unpaid });
    // 53.13 − 47.16 = 5.97 still owed for 2026-12-01..2027-01-10.
    assert.deepEqual(invoices.map((invoice) => `${invoice.amount} ${invoice.status}`).sort(), ['5.97 open', '53.13 cancelled']);
  });

  test('a later recorded change to the item contradicts its removal: 409, nothing written', async () => {
    const policyId = paid[1] as string;
    const changed = await policyTest.call('customer', 'POST', `/api/v1/policies/${policyId}/endorsements`, {
      changes: [{ op: 'change', itemNo: 1, coverageAmount: '6000.00', appraisalDate: '2027-01-14', appraisedBy: 'Tiffany & Co.' }],
    });
    assert.equal(changed.statusCode, 201, JSON.stringify(changed.json()));
    const before = await transactionCount(policyId);
    await assert.rejects(
      () => endCover(policyId, '2027-01-10'),
      (error) => error instanceof AppError && error.status === 409 && error.code === 'conflicts_with_later_transaction',
    );
    assert.equal(await transactionCount(policyId), before);
  });

  test('a loss on the last day of the period leaves no cover to end', async () => {
    assert.equal(await endCover(paid[2] as string, '2027-11-30'), null);
  });
});
