import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { addDiaryEntries, listDiaryEntries } from '../diary-repository.ts';
import { SETTLEMENT_BLOCKS } from '../settlement-blocks.ts';
import { usePaymentTest } from './payment-test-support.ts';

const t = usePaymentTest();
const ADAM = 'adam.second-adjuster@example.com';
const pay = (claimId: string) => `/api/v1/claims/${claimId}/payments`;
let lossPayeePolicyId = '';

describe('claim reserves, payments and payment authority', () => {
  before(async () => {
    // JPF-SETTLE-8: a policy whose application names a loss payee, bound like Carla's ring.
    const quoted = await t.call('customer', 'POST', '/api/v1/applications', {
      namedInsureds: ['Carla Customer'],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      lossPayee: { name: 'First Bank of Jewelry', address: '9 Wall Street, New York' },
      items: [{ description: 'Ruby ring', category: 'ring', coverageAmount: '5000.00', appraisalDate: '2026-10-01' }],
    });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const bound = await t.call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    lossPayeePolicyId = bound.json().id;
    await t.preparePolicies(13);
  });

  async function paymentRows(claimId: string) {
    return t.bezel.deps.db.selectFrom('claim_payment').selectAll().where('claim_id', '=', claimId).execute();
  }

  test('reserves: set, a change without a reason refused, changed with a reason, released; every change kept with its balance', async () => {
    const { claimId } = await t.coveredClaim({ reserve: '5000.00' });
    const url = `/api/v1/claims/${claimId}/reserve`;
    const noReason = await t.call('adjuster', 'POST', url, { amount: '4750.00' });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().code, 'reserve_reason_required');
    const changed = await t.call('adjuster', 'POST', url, { amount: '4750.00', reason: 'the $250 deductible applies' });
    assert.equal(changed.statusCode, 200, JSON.stringify(changed.json()));
    assert.deepEqual(changed.json().balance, { amount: '4750.00', currency: 'USD' });
    const released = await t.call('adjuster', 'POST', `${url}/release`, { reason: 'claim withdrawn by phone' });
    assert.equal(released.statusCode, 200);
    const history = (await t.call('adjuster', 'GET', url)).json();
    assert.deepEqual(
      history.entries.map((entry: { kind: string; change: { amount: string }; balance: { amount: string } }) => [
        entry.kind,
        entry.change.amount,
        entry.balance.amount,
      ]),
      [
        ['set', '5000.00', '5000.00'],
        ['change', '-250.00', '4750.00'],
        ['release', '-4750.00', '0.00'],
      ],
    );
    assert.equal((await t.call('adjuster', 'POST', `${url}/release`, { reason: 'again' })).json().code, 'no_open_reserve');
    // The reserve is the insurer's own estimate: the policyholder has no route to it, another customer does not find the claim.
    assert.equal((await t.call('customer', 'GET', url)).statusCode, 403);
    assert.equal((await t.call('customer3', 'GET', `/api/v1/claims/${claimId}/payments`)).statusCode, 404);
  });

  test('a payment above the worksheet is refused (payment_exceeds_worksheet) and nothing is written', async () => {
    const { claimId } = await t.coveredClaim({ reserve: '10000.00' });
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    // Worksheet 4750.00 (5000.00 − 250.00 deductible); 4750.01 is one cent more.
    const over = await t.call('adjuster', 'POST', pay(claimId), { amount: '4750.01', payee: 'insured' });
    assert.equal(over.statusCode, 422);
    assert.equal(over.json().code, 'payment_exceeds_worksheet');
    assert.match(over.json().detail, /4750\.00 USD/);
    assert.deepEqual(await paymentRows(claimId), []);
    // 4000.00 paid, then 750.01 more would again exceed it (4000.00 + 750.01 = 4750.01).
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '4000.00', payee: 'insured' })).statusCode, 201);
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '750.01', payee: 'insured' })).json().code, 'payment_exceeds_worksheet');
    assert.equal((await paymentRows(claimId)).length, 1);
  });

  test('a payment above the open reserve is refused (payment_exceeds_reserve); the reserve is used up by each payment', async () => {
    const { claimId } = await t.coveredClaim({ reserve: '3000.00' });
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const over = await t.call('adjuster', 'POST', pay(claimId), { amount: '3000.01', payee: 'insured' });
    assert.equal(over.statusCode, 422);
    assert.equal(over.json().code, 'payment_exceeds_reserve');
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '2000.00', payee: 'insured' })).statusCode, 201);
    // 3000.00 − 2000.00 = 1000.00 left in reserve.
    const reserve = (await t.call('adjuster', 'GET', `/api/v1/claims/${claimId}/reserve`)).json();
    assert.deepEqual(reserve.balance, { amount: '1000.00', currency: 'USD' });
    assert.equal(reserve.entries.at(-1).kind, 'payment');
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '1000.01', payee: 'insured' })).json().code, 'payment_exceeds_reserve');
  });

  test('above the adjuster’s authority the payment waits; the adjuster cannot approve their own; another adjuster with enough authority approves it', async () => {
    const { claimId } = await t.coveredClaim();
    await t.createPerson(ADAM, 'Adam Adjuster', ['adjuster']);
    await t.setAuthority(t.emailOf('adjuster'), '1000.00');
    const asked = await t.call('adjuster', 'POST', pay(claimId), { lineNos: [1], payee: 'insured', reference: 'CHK-1' });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    assert.equal(asked.json().status, 'awaiting_approval');
    assert.deepEqual(asked.json().amount, { amount: '4750.00', currency: 'USD' });
    const approve = `${pay(claimId)}/${asked.json().id}/approve`;
    const own = await t.call('adjuster', 'POST', approve);
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().code, 'own_payment_approval');
    // Adam has no authority row yet: authority 0.
    assert.equal((await t.callAs(ADAM, 'POST', approve)).json().code, 'insufficient_payment_authority');
    await t.setAuthority(ADAM, '4749.99');
    assert.equal((await t.callAs(ADAM, 'POST', approve)).json().code, 'insufficient_payment_authority');
    await t.setAuthority(ADAM, '5000.00');
    const approved = await t.callAs(ADAM, 'POST', approve);
    assert.equal(approved.statusCode, 200, JSON.stringify(approved.json()));
    assert.equal(approved.json().status, 'issued');
    assert.equal(approved.json().decidedBy, await t.userIdOf(ADAM));
    assert.equal(approved.json().claimStatus, 'settled');
    assert.equal((await t.callAs(ADAM, 'POST', approve)).json().code, 'payment_not_awaiting_approval');
    const reserve = (await t.call('adjuster', 'GET', `/api/v1/claims/${claimId}/reserve`)).json();
    assert.deepEqual(reserve.balance, { amount: '0.00', currency: 'USD' });
  });

  test('a payment that waits counts against the worksheet until it is rejected', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '0');
    const waiting = (await t.call('adjuster', 'POST', pay(claimId), { amount: '4000.00', payee: 'insured' })).json();
    assert.equal(waiting.status, 'awaiting_approval');
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '1000.00', payee: 'insured' })).json().code, 'payment_exceeds_worksheet');
    const rejected = await t.call('admin', 'POST', `${pay(claimId)}/${waiting.id}/reject`, { reason: 'amount not agreed yet' });
    assert.equal(rejected.json().status, 'rejected');
    assert.equal((await t.call('adjuster', 'POST', pay(claimId), { amount: '1000.00', payee: 'insured' })).json().status, 'awaiting_approval');
  });

  test('JPF-SETTLE-9: paying the worksheet’s total settles the claim and closes its open settlement_due diary entry', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    await addDiaryEntries(
      t.bezel.deps.db,
      [{ claimId, kind: 'settlement_due', party: 'insurer', dueOn: '2027-02-14', clause: 'JPF-SETTLE-9' }],
      '2027-01-15T15:00:00Z',
    );
    const part = await t.call('adjuster', 'POST', pay(claimId), { amount: '1000.00', payee: 'insured' });
    assert.equal(part.json().claimStatus, 'covered');
    assert.equal((await listDiaryEntries(t.bezel.deps.db, claimId)).find((entry) => entry.kind === 'settlement_due')?.status, 'open');
    // 1000.00 + 3750.00 = 4750.00, the worksheet's total.
    const rest = await t.call('adjuster', 'POST', pay(claimId), { amount: '3750.00', payee: 'insured' });
    assert.equal(rest.json().claimStatus, 'settled');
    assert.equal((await listDiaryEntries(t.bezel.deps.db, claimId)).find((entry) => entry.kind === 'settlement_due')?.status, 'done');
  });

  test('JPF-SETTLE-7: a partial payment leaves the item’s coverage amount unchanged on the schedule', async () => {
    const { claimId, policyId } = await t.coveredClaim({ totalLoss: true });
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const partial = await t.call('adjuster', 'POST', pay(claimId), { amount: '2000.00', payee: 'insured' });
    assert.equal(partial.statusCode, 201);
    assert.deepEqual(partial.json().coverEnded, []);
    const asOf = (await t.call('adjuster', 'GET', `/api/v1/policies/${policyId}/as-of?date=2027-01-11`)).json();
    assert.deepEqual(
      asOf.schedule.map((item: { itemNo: number; coverageAmount: string }) => [item.itemNo, item.coverageAmount]),
      [[1, '5000.00']],
    );
  });

  test('JPF-SETTLE-7: paying a total loss ends the item’s cover after the loss date and refunds its unearned premium (known answer 47.16)', async () => {
    const { claimId, policyId } = await t.coveredClaim({ totalLoss: true });
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const paid = await t.call('adjuster', 'POST', pay(claimId), { lineNos: [1], payee: 'insured' });
    assert.equal(paid.statusCode, 201, JSON.stringify(paid.json()));
    const [ended] = paid.json().coverEnded;
    assert.equal(ended.itemNo, 1);
    // Period 2026-12-01..2027-11-30 = 365 days. Lost 2027-01-10: covered 2026-12-01..2027-01-10 = 31 + 10 = 41 days;
    // unearned 2027-01-11..2027-11-30 = 365 − 41 = 324 days. Refund = 53.13 × 324 / 365 = 17214.12 / 365 = 47.1619… → 47.16.
    const refunds = (await t.call('billing', 'GET', '/api/v1/refunds')).json().items.filter((refund: { policyId: string }) => refund.policyId === policyId);
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0].id, ended.refundId);
    assert.deepEqual(refunds[0].amount, { amount: '47.16', currency: 'USD' });
    const onLossDay = (await t.call('adjuster', 'GET', `/api/v1/policies/${policyId}/as-of?date=2027-01-10`)).json();
    assert.deepEqual(
      onLossDay.schedule.map((item: { itemNo: number }) => item.itemNo),
      [1],
    );
    const dayAfter = (await t.call('adjuster', 'GET', `/api/v1/policies/${policyId}/as-of?date=2027-01-11`)).json();
    assert.deepEqual(dayAfter.schedule, []);
    const transaction = dayAfter.transactions.find((candidate: { kind: string }) => candidate.kind === 'total_loss');
    assert.equal(transaction.id, ended.policyTransactionId);
    assert.equal(transaction.effectiveDate, '2027-01-11');
    // 53.13 − 47.16 = 5.97 earned for the 41 days.
    assert.deepEqual(transaction.premiumChange, { amount: '-47.16', currency: 'USD' });
    assert.deepEqual(dayAfter.termPremium, { amount: '5.97', currency: 'USD' });
    assert.equal(paid.json().claimStatus, 'settled');
  });

  test('JPF-SETTLE-8: with a loss payee named the insured is not paid; the loss payee is, by name', async () => {
    const { claimId } = await t.coveredClaim({ policyId: lossPayeePolicyId });
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const toInsured = await t.call('adjuster', 'POST', pay(claimId), { lineNos: [1], payee: 'insured' });
    assert.equal(toInsured.statusCode, 422);
    assert.equal(toInsured.json().code, 'loss_payee_named');
    assert.match(toInsured.json().detail, /First Bank of Jewelry/);
    const toPayee = await t.call('adjuster', 'POST', pay(claimId), { lineNos: [1], payee: 'loss_payee' });
    assert.equal(toPayee.statusCode, 201, JSON.stringify(toPayee.json()));
    assert.deepEqual(toPayee.json().payee, { kind: 'loss_payee', name: 'First Bank of Jewelry', jewelerUserId: null });
    // Without a loss payee on the policy, "the loss payee" cannot be paid.
    const plain = await t.coveredClaim();
    assert.equal((await t.call('adjuster', 'POST', pay(plain.claimId), { lineNos: [1], payee: 'loss_payee' })).json().code, 'no_loss_payee');
  });

  test('Idempotency-Key: a retried payment answers the first response and pays once', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const body = { amount: '1000.00', payee: 'insured', reference: 'CHK-77' };
    const headers = { 'idempotency-key': 'pay-claim-77' };
    const first = await t.callAs(t.emailOf('adjuster'), 'POST', pay(claimId), body, headers);
    const again = await t.callAs(t.emailOf('adjuster'), 'POST', pay(claimId), body, headers);
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().id, first.json().id);
    assert.equal((await paymentRows(claimId)).length, 1);
    const other = await t.callAs(t.emailOf('adjuster'), 'POST', pay(claimId), { ...body, amount: '2000.00' }, headers);
    assert.equal(other.json().code, 'idempotency_key_reused');
  });

  test('the policyholder sees the payments made, without staff fields; another customer does not find the claim (404)', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '1000.00');
    await t.call('adjuster', 'POST', pay(claimId), { amount: '500.00', payee: 'insured' });
    await t.call('adjuster', 'POST', pay(claimId), { amount: '3000.00', payee: 'insured' });
    const own = await t.call('customer', 'GET', pay(claimId));
    assert.equal(own.statusCode, 200);
    assert.deepEqual(
      own
        .json()
        .items.map((payment: { amount: { amount: string }; status: string; requestedBy: string | null }) => [
          payment.amount.amount,
          payment.status,
          payment.requestedBy,
        ]),
      [['500.00', 'issued', null]],
    );
    assert.equal(own.json().openReserve, null);
    assert.equal((await t.call('customer3', 'GET', pay(claimId))).statusCode, 404);
    assert.equal((await t.call('customer3', 'POST', pay(claimId), { amount: '1.00', payee: 'insured' })).statusCode, 403);
  });

  test('a settlement block refuses the payment with its own code, nothing written', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    const block = async (_db: unknown, id: string) =>
      id === claimId ? { code: 'recovery_rights_impaired', messageKey: 'claims_payments.error.no_worksheet' as const, clause: 'JPF-SUBRO-1' } : null;
    SETTLEMENT_BLOCKS.push(block);
    try {
      const refused = await t.call('adjuster', 'POST', pay(claimId), { amount: '100.00', payee: 'insured' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().code, 'recovery_rights_impaired');
      assert.deepEqual(await paymentRows(claimId), []);
    } finally {
      SETTLEMENT_BLOCKS.splice(SETTLEMENT_BLOCKS.indexOf(block), 1);
    }
  });

  test('payment authority is set by admins only, for people who pay claims', async () => {
    const adjusterId = await t.userIdOf(t.emailOf('adjuster'));
    assert.equal(
      (await t.call('adjuster', 'POST', '/api/v1/payment-authorities', { userId: adjusterId, limit: '1000000.00', currency: 'USD' })).statusCode,
      403,
    );
    const customerId = await t.userIdOf(t.emailOf('customer'));
    assert.equal(
      (await t.call('admin', 'POST', '/api/v1/payment-authorities', { userId: customerId, limit: '10.00', currency: 'USD' })).json().code,
      'user_cannot_pay_claims',
    );
    await t.setAuthority(t.emailOf('adjuster'), '2500.00');
    const list = (await t.call('admin', 'GET', '/api/v1/payment-authorities?currency=USD')).json().items;
    assert.deepEqual(list.find((row: { userId: string }) => row.userId === adjusterId).limit, { amount: '2500.00', currency: 'USD' });
  });
});
