import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { listInvoices, listRefunds } from '../../billing/index.ts';
import { type Json, usePolicyApiTest } from './policy-api-test-support.ts';

/** Endorsements (JPF-COND-9) and the policy as of a date through the API, on PGlite or PostgreSQL. */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
afterEach(() => policyTest.moveClockTo('2026-11-21T12:00:00Z'));

const appraisal = { appraisalDate: '2027-02-20', appraisedBy: 'Tiffany & Co., Fifth Avenue' };
const watch = { op: 'add', description: 'Steel diver watch', category: 'watch', coverageAmount: '2000.00', keptInSafe: false, ...appraisal };
const ringTo = (coverageAmount: string) => ({ op: 'change', itemNo: 1, coverageAmount, ...appraisal });

const transactionCount = async (policyId: string) =>
  (await policyTest.bezel.deps.db.selectFrom('policy_transaction').select('id').where('policy_id', '=', policyId).execute()).length;
const invoices = async (policyId: string) =>
  (await listInvoices(policyTest.bezel.deps, systemActor('test'), { policyId })).map((invoice) => `${invoice.kind} ${invoice.amount} ${invoice.status}`).sort();

// 2027-03-01 12:00 in New York: day 91 of the period 2026-12-01..2027-11-30 (365 days); 275 days are left.
const MARCH_FIRST = '2027-03-01T17:00:00Z';

describe('endorsements (JPF-COND-9)', () => {
  test('JPF-COND-9: adding a watch with a jeweler’s appraisal is effective on the submission date, charged for the days left; preview = execution', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    // Watch: 2000/100 × 0.90 watch × 1.05 NY × 0.92 $250 = 17.388 → 17.39 a year.
    // From 2027-03-01: 275 of 365 days → 17.39 × 275 / 365 = 13.1020… → 13.10.
    const preview = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsement-preview`, { changes: [watch] });
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    assert.deepEqual(preview.json().premiumChange, { amount: '13.10', currency: 'USD' });
    assert.equal(await transactionCount(policy.id), 1, 'a preview writes nothing');

    const executed = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] });
    assert.equal(executed.statusCode, 201, JSON.stringify(executed.json()));
    const body = executed.json();
    assert.equal(body.status, 'executed');
    assert.equal(body.receivedVia, 'portal');
    assert.equal(body.effectiveDate, '2027-03-01');
    assert.deepEqual(body.terms.premiumChange, preview.json().premiumChange);
    assert.equal(body.terms.changes[0].item.annualPremium, '17.39');
    assert.equal(body.terms.changes[0].item.appraisedBy, 'Tiffany & Co., Fifth Avenue');
    assert.ok(body.invoiceId);
    assert.deepEqual(await invoices(policy.id), ['endorsement 13.10 open', 'premium 53.13 paid']);

    const before = await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=2027-02-28`);
    const after = await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=2027-03-01`);
    assert.deepEqual(
      before.json().schedule.map((item: Json) => item.itemNo),
      [1],
    );
    assert.deepEqual(
      after.json().schedule.map((item: Json) => [item.itemNo, item.category]),
      [
        [1, 'ring'],
        [2, 'watch'],
      ],
    );
    // 53.13 + 13.10 = 66.23
    assert.deepEqual(after.json().termPremium, { amount: '66.23', currency: 'USD' });
  });

  test('JPF-COND-9: raising a coverage amount charges the new premium from the effective date (known answer)', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    // Ring at 6000: 60 × 1.10 × 1.05 × 0.92 = 63.756 → 63.76 a year.
    // Old version 2026-12-01..2027-02-28: 53.13 − 53.13×275/365 (40.0295… → 40.03) = 13.10.
    // New version from 2027-03-01: 63.76 × 275/365 = 48.0383… → 48.04. Term 13.10 + 48.04 = 61.14; change 61.14 − 53.13 = 8.01.
    const executed = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [ringTo('6000.00')] });
    assert.equal(executed.statusCode, 201, JSON.stringify(executed.json()));
    assert.deepEqual(executed.json().terms.premiumChange, { amount: '8.01', currency: 'USD' });
    assert.deepEqual(executed.json().terms.termPremiumAfter, { amount: '61.14', currency: 'USD' });
  });

  test('JPF-COND-9: lowering a coverage amount on a paid policy refunds the difference as a payable (JPF-CANCEL-3)', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    // Ring at 2500: 25 × 1.10 × 1.05 × 0.92 = 26.565 → 26.57 a year; from 2027-03-01: 26.57 × 275/365 = 20.0184… → 20.02.
    // Term 13.10 + 20.02 = 33.12; change 33.12 − 53.13 = −20.01; paid 53.13, so 20.01 is refunded.
    const executed = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [ringTo('2500.00')] });
    assert.equal(executed.statusCode, 201, JSON.stringify(executed.json()));
    assert.deepEqual(executed.json().terms.premiumChange, { amount: '-20.01', currency: 'USD' });
    const refunds = await listRefunds(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id });
    assert.deepEqual(
      refunds.map((refund) => [refund.amount, refund.status, refund.reason]),
      [['20.01', 'payable', 'endorsement']],
    );
  });

  test('JPF-COND-9: lowering the premium of an unpaid policy cancels the open invoice and bills the new amount instead of refunding', async () => {
    const policy = await boundPolicy(['Carla Customer'], { paid: false });
    policyTest.moveClockTo(MARCH_FIRST);
    const executed = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [ringTo('2500.00')] });
    assert.equal(executed.statusCode, 201, JSON.stringify(executed.json()));
    // 53.13 − 20.01 = 33.12 is still owed; nothing was paid, so nothing is refunded.
    assert.deepEqual(await invoices(policy.id), ['endorsement 33.12 open', 'premium 53.13 cancelled']);
    assert.deepEqual(await listRefunds(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id }), []);
  });

  test('JPF-COND-9: out-of-sequence endorsements (a mailed request postmarked before a later change) give the same result as in order', async () => {
    const inOrder = await boundPolicy();
    const outOfOrder = await boundPolicy();
    policyTest.moveClockTo('2027-03-10T17:00:00Z');
    const mailedWatch = { changes: [watch], postmarkDate: '2027-02-01' };
    const mailedRing = { changes: [ringTo('6000.00')], postmarkDate: '2027-03-01' };
    const send = (policyId: string, body: unknown) => call('underwriter', 'POST', `/api/v1/policies/${policyId}/endorsements`, body);

    const a1 = await send(inOrder.id, mailedWatch);
    const a2 = await send(inOrder.id, mailedRing);
    const b1 = await send(outOfOrder.id, mailedRing);
    const b2 = await send(outOfOrder.id, mailedWatch);
    for (const reply of [a1, a2, b1, b2]) assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
    assert.equal(b2.json().receivedVia, 'mail');
    assert.equal(b2.json().effectiveDate, '2027-02-01');

    const total = (replies: Json[]) => replies.reduce((sum, reply) => sum + Math.round(Number(reply.json().terms.premiumChange.amount) * 100), 0);
    assert.equal(total([a1, a2]), total([b1, b2]), 'the premium changes add up to the same total');
    for (const date of ['2027-01-31', '2027-02-01', '2027-02-28', '2027-03-01', '2027-11-30']) {
      const a = (await call('underwriter', 'GET', `/api/v1/policies/${inOrder.id}/as-of?date=${date}`)).json();
      const b = (await call('underwriter', 'GET', `/api/v1/policies/${outOfOrder.id}/as-of?date=${date}`)).json();
      assert.deepEqual(b.schedule, a.schedule, date);
      assert.deepEqual(b.termPremium, a.termPremium, date);
    }
    const feb = (await call('underwriter', 'GET', `/api/v1/policies/${outOfOrder.id}/as-of?date=2027-02-15`)).json();
    assert.deepEqual(
      feb.schedule.map((item: Json) => [item.itemNo, item.coverageAmount]),
      [
        [1, '5000.00'],
        [2, '2000.00'],
      ],
    );
  });

  test('JPF-COND-9: removing an item needs every named insured’s signature; the last (paper) signature executes it', async () => {
    const policy = await boundPolicy(['Carla Customer', 'Peter Partner']);
    policyTest.moveClockTo(MARCH_FIRST);
    assert.equal((await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] })).statusCode, 201);
    const removal = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [{ op: 'remove', itemNo: 2 }] });
    assert.equal(removal.statusCode, 201, JSON.stringify(removal.json()));
    assert.equal(removal.json().status, 'pending');
    assert.equal(removal.json().signatures.length, 1);
    assert.equal(removal.json().signatures[0].method, 'portal');
    assert.equal(removal.json().missingSignatures.length, 1);
    const count = await transactionCount(policy.id);

    const requestUrl = `/api/v1/policies/${policy.id}/endorsements/${removal.json().id}/signatures`;
    const [missing] = removal.json().missingSignatures as string[];
    const wrong = await call('underwriter', 'POST', requestUrl, { namedInsured: 'Nobody Known' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(await transactionCount(policy.id), count);

    const signed = await call('underwriter', 'POST', requestUrl, { namedInsured: missing });
    assert.equal(signed.statusCode, 200, JSON.stringify(signed.json()));
    assert.equal(signed.json().status, 'executed');
    // Removed the same day it was added: the watch is charged nothing, 13.10 comes back.
    assert.deepEqual(signed.json().terms.premiumChange, { amount: '-13.10', currency: 'USD' });
    const schedule = (await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=2027-03-01`)).json().schedule;
    assert.deepEqual(
      schedule.map((item: Json) => item.itemNo),
      [1],
    );
    const again = await call('underwriter', 'POST', requestUrl, { namedInsured: missing });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'endorsement_request_not_pending');
  });

  test('JPF-COND-9: the appraisal can be uploaded; it is checked by content and linked to the item; another customer’s file is refused', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const claimedPdf = await policyTest.upload('customer', 'appraisal', png, 'application/pdf');
    assert.equal(claimedPdf.statusCode, 422, 'a PNG sent as a PDF is not what it claims');
    assert.equal(claimedPdf.json().code, 'file_type_mismatch');

    const strangers = await policyTest.upload('customer3', 'appraisal', pdf, 'application/pdf');
    assert.equal(strangers.statusCode, 201, JSON.stringify(strangers.json()));
    const count = await transactionCount(policy.id);
    const refused = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, {
      changes: [{ ...watch, appraisalFileId: strangers.json().id }],
    });
    assert.equal(refused.statusCode, 422, JSON.stringify(refused.json()));
    assert.equal(await transactionCount(policy.id), count, 'nothing written');

    const own = await policyTest.upload('customer', 'appraisal', pdf, 'application/pdf');
    const added = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [{ ...watch, appraisalFileId: own.json().id }] });
    assert.equal(added.statusCode, 201, JSON.stringify(added.json()));
    const linked = await policyTest.bezel.deps.db
      .selectFrom('stored_file')
      .select(['linked_type', 'linked_id', 'linked_item_index'])
      .where('id', '=', own.json().id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(linked, { linked_type: 'policy', linked_id: policy.id, linked_item_index: 2 });
  });
});
