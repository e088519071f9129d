import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { usePaymentTest } from './payment-test-support.ts';

const t = usePaymentTest();
const JULIA = 'jeweler@demo.bezel.test';
const OTTO = 'otto.other-jeweler@example.com';
const ROGUE = 'rita.unregistered-jeweler@example.com';
const orders = (claimId: string) => `/api/v1/claims/${claimId}/jeweler-orders`;
const order = (jewelerUserId: string, extra: Record<string, unknown> = {}) => ({
  jewelerUserId,
  kind: 'replace',
  lineNo: 1,
  instructions: 'Replace with a platinum ring, 1 ct diamond, like kind and quality.',
  ...extra,
});

describe('repair and replacement orders to jewelers (JPF-SETTLE-2)', () => {
  let julia = '';
  let otto = '';
  before(async () => {
    julia = await t.userIdOf(JULIA);
    otto = await t.createPerson(OTTO, 'Otto Other Jeweler', ['jeweler']);
    await t.createPerson(ROGUE, 'Rita Unregistered', ['jeweler']);
    await t.registerJeweler(JULIA, 'Julia Jeweler');
    await t.registerJeweler(OTTO, 'Otto Other Jeweler');
    await t.preparePolicies(6);
  });

  test('JPF-SETTLE-2: the order goes to an approved jeweler with only what they need, and the disclosure is logged', async () => {
    const { claimId } = await t.coveredClaim();
    const sent = await t.call('adjuster', 'POST', orders(claimId), order(julia, { customerPhone: '+1 212 555 0100' }));
    assert.equal(sent.statusCode, 201, JSON.stringify(sent.json()));
    assert.equal(sent.json().status, 'sent');
    assert.equal(sent.json().itemDescription, 'Diamond engagement ring, 1 ct, platinum');
    assert.deepEqual(sent.json().customer, { name: 'Carla Customer', address: '1 Main Street, New York, NY 10001, US', phone: '+1 212 555 0100' });

    // PRV-DISC-3: one disclosure to Julia on the repair_order basis, with exactly the categories the order carries.
    const disclosures = (await t.call('customer', 'GET', '/api/v1/me/disclosures')).json().items;
    const logged = disclosures.find((disclosure: { id: string }) => disclosure.id === sent.json().disclosureId);
    assert.ok(logged, JSON.stringify(disclosures));
    assert.equal(logged.basis, 'repair_order');
    assert.deepEqual([...logged.categories].sort(), [
      'user.contact.address',
      'user.contact.phone_number',
      'user.insurance.claim',
      'user.insurance.insured_property',
      'user.name',
    ]);

    // The jeweler's own list shows exactly the fields the order needs: nothing of the loss, the policy or the reserve.
    const mine = (await t.callAs(JULIA, 'GET', '/api/v1/jeweler/orders')).json().items;
    const seen = mine.find((candidate: { id: string }) => candidate.id === sent.json().id);
    assert.deepEqual(Object.keys(seen).sort(), [
      'acceptedAt',
      'cancelledAt',
      'claimNumber',
      'collectDeductible',
      'completedAt',
      'completionNote',
      'customer',
      'deductible',
      'id',
      'instructions',
      'invoiceAmount',
      'itemDescription',
      'kind',
      'orderNo',
      'sentAt',
      'status',
    ]);
    assert.doesNotMatch(JSON.stringify(seen), /Lost while walking|Fifth Avenue|policyNumber|5000/);
    // The claim's jeweler is now Julia: she reaches the claim's orders.
    assert.equal((await t.callAs(JULIA, 'GET', orders(claimId))).json().items.length, 1);
  });

  test('JPF-SETTLE-2: a second jeweler cannot see the order, accept it or reach the claim', async () => {
    const { claimId } = await t.coveredClaim();
    const sent = (await t.call('adjuster', 'POST', orders(claimId), order(julia))).json();
    const theirs = (await t.callAs(OTTO, 'GET', '/api/v1/jeweler/orders')).json().items;
    assert.equal(
      theirs.some((candidate: { id: string }) => candidate.id === sent.id),
      false,
    );
    assert.equal((await t.callAs(OTTO, 'POST', `/api/v1/jeweler/orders/${sent.id}/accept`)).statusCode, 404);
    assert.equal((await t.callAs(OTTO, 'GET', orders(claimId))).statusCode, 404);
    assert.equal((await t.callAs(OTTO, 'GET', `/api/v1/claims/${claimId}/payments`)).statusCode, 404);
    assert.equal((await t.call('customer3', 'GET', orders(claimId))).statusCode, 404);
  });

  test('JPF-SETTLE-2: only an approved jeweler in the recipient register receives an order; nothing is written otherwise', async () => {
    const { claimId } = await t.coveredClaim();
    const customer = await t.userIdOf(t.emailOf('customer'));
    const notJeweler = await t.call('adjuster', 'POST', orders(claimId), order(customer));
    assert.equal(notJeweler.statusCode, 422);
    assert.equal(notJeweler.json().code, 'jeweler_not_approved');
    const unregistered = await t.call('adjuster', 'POST', orders(claimId), order(await t.userIdOf(ROGUE)));
    assert.equal(unregistered.statusCode, 422);
    assert.equal(unregistered.json().code, 'jeweler_not_registered_recipient');
    assert.deepEqual((await t.call('adjuster', 'GET', orders(claimId))).json().items, []);
    assert.equal((await t.call('adjuster', 'POST', orders(claimId), order(julia, { lineNo: 7 }))).json().code, 'claim_line_unknown');
    assert.equal((await t.call('customer', 'POST', orders(claimId), order(julia))).statusCode, 403);
  });

  test('JPF-SETTLE-2: the jeweler accepts and completes with an invoice; the jeweler is paid the worksheet amount and collects the deductible', async () => {
    const { claimId } = await t.coveredClaim();
    await t.setAuthority(t.emailOf('adjuster'), '10000.00');
    // Before any order the jeweler cannot be paid.
    const early = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/payments`, { lineNos: [1], payee: 'jeweler', jewelerUserId: julia });
    assert.equal(early.json().code, 'jeweler_not_on_claim');
    const sent = (await t.call('adjuster', 'POST', orders(claimId), order(julia, { collectDeductible: true }))).json();
    assert.equal(sent.collectDeductible, true);
    assert.deepEqual(sent.deductible, { amount: '250.00', currency: 'USD' });
    assert.equal((await t.call('adjuster', 'POST', orders(claimId), order(julia))).json().code, 'order_already_open');
    const accepted = await t.callAs(JULIA, 'POST', `/api/v1/jeweler/orders/${sent.id}/accept`);
    assert.equal(accepted.json().status, 'accepted');
    // The ring costs 5000.00; the jeweler collects the 250.00 deductible from Carla and invoices the insurer the rest.
    const completed = await t.callAs(JULIA, 'POST', `/api/v1/jeweler/orders/${sent.id}/complete`, { invoiceAmount: '4750.00', note: 'Delivered' });
    assert.equal(completed.json().status, 'completed');
    assert.deepEqual(completed.json().invoiceAmount, { amount: '4750.00', currency: 'USD' });
    assert.equal((await t.callAs(JULIA, 'POST', `/api/v1/jeweler/orders/${sent.id}/accept`)).json().code, 'order_not_open');
    // The worksheet's 4750.00 is already net of the deductible: that is what the jeweler is paid.
    const paid = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/payments`, { lineNos: [1], payee: 'jeweler', jewelerUserId: julia });
    assert.equal(paid.statusCode, 201, JSON.stringify(paid.json()));
    assert.deepEqual(paid.json().payee, { kind: 'jeweler', name: 'Julia Jeweler', jewelerUserId: julia });
    assert.deepEqual(paid.json().amount, { amount: '4750.00', currency: 'USD' });
    // The jeweler sees the payment made to them on the claim.
    const theirs = (await t.callAs(JULIA, 'GET', `/api/v1/claims/${claimId}/payments`)).json().items;
    assert.equal(theirs.length, 1);
  });

  test('an adjuster cancels an open order with a reason; the jeweler then no longer reaches the claim', async () => {
    const { claimId } = await t.coveredClaim();
    const sent = (await t.call('adjuster', 'POST', orders(claimId), order(otto, { kind: 'repair', instructions: 'Re-tip the prongs.' }))).json();
    assert.equal((await t.callAs(OTTO, 'GET', orders(claimId))).statusCode, 200);
    const cancelled = await t.call('adjuster', 'POST', `${orders(claimId)}/${sent.id}/cancel`, { reason: 'the insured chose cash' });
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal((await t.callAs(OTTO, 'GET', orders(claimId))).statusCode, 404);
    assert.equal((await t.callAs(OTTO, 'POST', `/api/v1/jeweler/orders/${sent.id}/accept`)).json().code, 'order_not_open');
  });
});
