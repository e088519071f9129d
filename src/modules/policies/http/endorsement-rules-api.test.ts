import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { listInvoices, listRefunds } from '../../billing/index.ts';
import { usePolicyApiTest } from './policy-api-test-support.ts';

/** Endorsements (JPF-COND-9): named insureds, bad input, conflicts, cancellation after a change (a second file: each test logs in again). */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
afterEach(() => policyTest.moveClockTo('2026-11-21T12:00:00Z'));

const appraisal = { appraisalDate: '2027-02-20', appraisedBy: 'Tiffany & Co., Fifth Avenue' };
const watch = { op: 'add', description: 'Steel diver watch', category: 'watch', coverageAmount: '2000.00', keptInSafe: false, ...appraisal };
const ringTo = (coverageAmount: string) => ({ op: 'change', itemNo: 1, coverageAmount, ...appraisal });

const transactionCount = async (policyId: string) =>
  (await policyTest.bezel.deps.db.selectFrom('policy_transaction').select('id').where('policy_id', '=', policyId).execute()).length;

// 2027-03-01 12:00 in New York: day 91 of the period 2026-12-01..2027-11-30 (365 days); 275 days are left.
const MARCH_FIRST = '2027-03-01T17:00:00Z';

describe('endorsements (JPF-COND-9): insureds, bad input, conflicts', () => {
  test('JPF-COND-9: removing a named insured needs their signature too and takes them off from the effective date', async () => {
    const policy = await boundPolicy(['Carla Customer', 'Peter Partner']);
    policyTest.moveClockTo(MARCH_FIRST);
    const removal = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, {
      changes: [{ op: 'remove_named_insured', name: 'Peter Partner' }],
    });
    assert.equal(removal.statusCode, 201, JSON.stringify(removal.json()));
    const [missing] = removal.json().missingSignatures as string[];
    const signed = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/endorsements/${removal.json().id}/signatures`, { namedInsured: missing });
    assert.equal(signed.json().status, 'executed');
    assert.deepEqual(signed.json().terms.premiumChange, { amount: '0.00', currency: 'USD' });
    const asOf = (date: string) => call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=${date}`);
    assert.deepEqual((await asOf('2027-02-28')).json().namedInsureds, ['Carla Customer', 'Peter Partner']);
    assert.deepEqual((await asOf('2027-03-01')).json().namedInsureds, ['Carla Customer']);
  });

  test('bad input: clear errors and nothing written', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    const url = `/api/v1/policies/${policy.id}/endorsements`;
    const cases: [unknown, number, string][] = [
      [{ changes: [] }, 400, 'validation_failed'],
      [{ changes: [{ ...watch, coverageAmount: '-5' }] }, 400, 'validation_failed'],
      [{ changes: [{ ...watch, coverageAmount: '0' }] }, 400, 'validation_failed'],
      [{ changes: [{ ...watch, coverageAmount: '99999999999' }] }, 400, 'validation_failed'],
      [{ changes: [{ ...watch, appraisedBy: undefined }] }, 400, 'validation_failed'],
      [{ changes: [{ ...watch, category: 'spaceship' }] }, 422, 'not_ratable'],
      [{ changes: [{ ...watch, description: 'Diamond engagement ring, 1 ct, platinum', category: 'ring' }] }, 422, 'duplicate_item'],
      [{ changes: [watch, { ...watch, description: 'Another watch' }, ringTo('6000.00'), ringTo('7000.00')] }, 422, 'duplicate_item_change'],
      [{ changes: [{ ...watch, appraisalDate: '2027-03-02' }] }, 422, 'appraisal_in_future'],
      [{ changes: [{ op: 'remove', itemNo: 7 }] }, 422, 'item_not_on_schedule'],
      [{ changes: [{ op: 'remove_named_insured', name: 'Carla Customer' }] }, 422, 'last_named_insured'],
      [{ changes: [watch], postmarkDate: '2027-02-01' }, 403, 'postmark_only_by_staff'],
      [{ changes: [{ ...watch, coverageAmount: '150000.00' }] }, 422, 'needs_underwriting'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await call('customer', 'POST', url, body);
      assert.equal(reply.statusCode, status, `${JSON.stringify(body)} → ${JSON.stringify(reply.json())}`);
      assert.equal(reply.json().code, code, JSON.stringify(reply.json()));
    }
    const future = await call('underwriter', 'POST', url, { changes: [watch], postmarkDate: '2027-03-05' });
    assert.equal(future.json().code, 'postmark_in_future');
    // Issued 2026-11-21 (the test clock at bind): a letter postmarked the day before is not a request to change it.
    const beforeIssue = await call('underwriter', 'POST', url, { changes: [watch], postmarkDate: '2026-11-20' });
    assert.equal(beforeIssue.json().code, 'postmark_before_issue');
    assert.equal(await transactionCount(policy.id), 1);
    const asOf = await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=not-a-date`);
    assert.equal(asOf.statusCode, 400);
    const stranger = await call('customer3', 'POST', url, { changes: [watch] });
    assert.equal(stranger.statusCode, 404);
  });

  test('a back-dated change that contradicts a later one is refused with 409 and nothing written', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    const url = `/api/v1/policies/${policy.id}/endorsements`;
    assert.equal((await call('customer', 'POST', url, { changes: [watch] })).statusCode, 201);
    // The watch was added on 2027-03-01; a letter postmarked 2027-02-15 asks to change it: not on the schedule then.
    const reply = await call('underwriter', 'POST', url, {
      changes: [{ op: 'change', itemNo: 2, coverageAmount: '2500.00', ...appraisal }],
      postmarkDate: '2027-02-15',
    });
    assert.equal(reply.statusCode, 422, JSON.stringify(reply.json()));
    assert.equal(reply.json().code, 'item_not_on_schedule');
    // A letter postmarked 2027-02-15 removing the ring, when a change of the ring is effective 2027-03-01: contradicts it.
    assert.equal((await call('customer', 'POST', url, { changes: [ringTo('6000.00')] })).statusCode, 201);
    const count = await transactionCount(policy.id);
    const removal = await call('underwriter', 'POST', url, { changes: [{ op: 'remove', itemNo: 1 }], postmarkDate: '2027-02-15' });
    assert.equal(removal.statusCode, 409, JSON.stringify(removal.json()));
    assert.equal(removal.json().code, 'conflicts_with_later_transaction');
    assert.equal(await transactionCount(policy.id), count);
  });

  test('changes to a cancelled policy are refused', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-03-01' });
    assert.equal(cancelled.json().status, 'executed');
    const reply = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] });
    assert.equal(reply.statusCode, 409);
    assert.equal(reply.json().code, 'policy_cancelled');
  });

  test('JPF-CANCEL-1: a cancellation after an endorsement refunds the unearned premium of every item version', async () => {
    const policy = await boundPolicy();
    policyTest.moveClockTo(MARCH_FIRST);
    assert.equal((await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] })).statusCode, 201);
    policyTest.moveClockTo('2027-06-01T17:00:00Z');
    // Cancelled from 2027-06-01: 183 days unused. Ring 53.13 × 183/365 = 26.637… → 26.64; watch 17.39 × 183/365 = 8.718… → 8.72.
    // Unearned 26.64 + 8.72 = 35.36 (before, only the ring's 26.64 would have come back).
    const preview = await call('customer', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview?effectiveDate=2027-06-01`);
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    assert.deepEqual(preview.json().unearnedPremium, { amount: '35.36', currency: 'USD' });
  });

  test('JPF-CANCEL-3: cancelling an unpaid policy cancels its open invoice and bills only the earned premium; reinstating bills the rest again', async () => {
    const policy = await boundPolicy(['Carla Customer'], { paid: false });
    policyTest.moveClockTo(MARCH_FIRST);
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-03-01' });
    assert.equal(cancelled.json().status, 'executed', JSON.stringify(cancelled.json()));
    // Earned 2026-12-01..2027-02-28: 53.13 − 53.13 × 275/365 (40.0295… → 40.03) = 13.10; nothing was paid, nothing is refunded.
    const invoices = async () =>
      (await listInvoices(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id }))
        .map((invoice) => `${invoice.kind} ${invoice.amount} ${invoice.status}`)
        .sort();
    assert.deepEqual(await invoices(), ['endorsement 13.10 open', 'premium 53.13 cancelled']);
    assert.deepEqual(await listRefunds(policyTest.bezel.deps, systemActor('test'), { policyId: policy.id }), []);

    const reinstated = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/reinstatement`, { reason: 'cancelled in error' });
    assert.equal(reinstated.statusCode, 201, JSON.stringify(reinstated.json()));
    // The unearned 40.03 is owed again: 13.10 + 40.03 = 53.13, the term premium.
    assert.deepEqual(await invoices(), ['endorsement 13.10 open', 'endorsement 40.03 open', 'premium 53.13 cancelled']);
  });
});
