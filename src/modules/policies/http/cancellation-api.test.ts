import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoEmail } from '../../accounts/index.ts';
import { type Json, usePolicyApiTest } from './policy-api-test-support.ts';

/** Issue #3, "Cancellation": JPF-CANCEL-1/2/3 through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;

const policyRow = (id: string) => policyTest.bezel.deps.db.selectFrom('policy').select('status').where('id', '=', id).executeTakeFirstOrThrow();
const transactions = (id: string) =>
  policyTest.bezel.deps.db.selectFrom('policy_transaction').selectAll().where('policy_id', '=', id).orderBy('recorded_at').orderBy('kind', 'desc').execute();
const refunds = (id: string) => policyTest.bezel.deps.db.selectFrom('refund').select(['amount', 'status', 'reason']).where('policy_id', '=', id).execute();

describe('cancellation', () => {
  test('JPF-CANCEL-1: effective on day 30 the whole premium paid comes back; preview equals execution', async () => {
    const policy = await boundPolicy();
    // Period from 2026-12-01: 2026-12-30 is day 30, inside the full-refund window.
    const preview = await call('customer', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview?effectiveDate=2026-12-30`);
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    assert.equal(preview.json().rule, 'full_refund_window');
    assert.equal(preview.json().dayOfPeriod, 30);
    assert.deepEqual(preview.json().refund, { amount: '53.13', currency: 'USD' });

    const done = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    assert.equal(done.json().status, 'executed');
    assert.deepEqual(
      done.json().signatures.map((s: Json) => [s.namedInsured, s.method]),
      [['Carla Customer', 'portal']],
    );
    const { transactionId, refundId, ...executed } = done.json().cancellation;
    assert.deepEqual(executed, preview.json(), 'preview equals execution');
    assert.equal((await policyRow(policy.id)).status, 'cancelled');
    const tx = await transactions(policy.id);
    assert.deepEqual(
      tx.map((t) => [t.kind, t.effective_date, t.premium_change]),
      [
        ['issue', '2026-12-01', '53.13'],
        ['cancellation', '2026-12-30', '-53.13'],
      ],
    );
    // JPF-CANCEL-3: the refund is a billing transaction of its own, payable until paid.
    assert.deepEqual(await refunds(policy.id), [{ amount: '53.13', status: 'payable', reason: 'cancellation_by_insured' }]);
    assert.ok(refundId);

    // A second cancellation, or one through the insurer, is 409 and writes nothing.
    const again = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-01-30' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'policy_cancelled');
    const insurer = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/insurer-cancellation`, {
      effectiveDate: '2027-02-01',
      reason: 'non-payment',
    });
    assert.equal(insurer.statusCode, 409);
    assert.equal(insurer.json().code, 'policy_cancelled');
    assert.equal((await transactions(policy.id)).length, 2);
    assert.equal((await refunds(policy.id)).length, 1);
  });

  test('JPF-CANCEL-1: effective on day 31 the unearned premium pro rata by day', async () => {
    const policy = await boundPolicy();
    const preview = await call('customer', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview?effectiveDate=2026-12-31&by=insured`);
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    // Day 31: unused days 2026-12-31..2027-11-30 = 365 − 30 = 335; 53.13 × 335 / 365 = 48.7631… → 48.76; earned 4.37.
    assert.equal(preview.json().rule, 'pro_rata');
    assert.equal(preview.json().daysUnused, 335);
    assert.deepEqual(preview.json().refund, { amount: '48.76', currency: 'USD' });
    assert.deepEqual(preview.json().earnedPremium, { amount: '4.37', currency: 'USD' });
    const done = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-31' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    const { transactionId: _t, refundId: _r, ...executed } = done.json().cancellation;
    assert.deepEqual(executed, preview.json(), 'preview equals execution');
    assert.deepEqual(await refunds(policy.id), [{ amount: '48.76', status: 'payable', reason: 'cancellation_by_insured' }]);
    assert.equal((await transactions(policy.id)).at(-1)?.premium_change, '-48.76');
  });

  test('JPF-CANCEL-1: bad input, dates outside the period and other customers change nothing', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/cancellation-requests`;
    for (const body of [{}, { effectiveDate: '31-12-2026' }, { effectiveDate: '2026-12-31', extra: true }]) {
      assert.equal((await call('customer', 'POST', url, body)).statusCode, 400, JSON.stringify(body));
    }
    const before = await call('customer', 'POST', url, { effectiveDate: '2026-11-30' });
    assert.equal(before.statusCode, 422);
    assert.equal(before.json().code, 'effective_date_before_period');
    const afterPeriod = await call('customer', 'POST', url, { effectiveDate: '2027-12-01' });
    assert.equal(afterPeriod.statusCode, 422);
    assert.equal(afterPeriod.json().code, 'effective_date_after_period');
    // Another customer reaches neither the policy nor its preview: 404.
    assert.equal((await call('customer3', 'POST', url, { effectiveDate: '2026-12-31' })).statusCode, 404);
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview`)).statusCode, 404);
    // Customers cannot cancel as the insurer.
    assert.equal(
      (await call('customer', 'POST', `/api/v1/policies/${policy.id}/insurer-cancellation`, { effectiveDate: '2027-01-01', reason: 'mine' })).statusCode,
      403,
    );
    assert.equal((await policyRow(policy.id)).status, 'in_force');
    assert.equal((await transactions(policy.id)).length, 1);
    assert.equal((await policyTest.bezel.deps.db.selectFrom('cancellation_request').select('id').where('policy_id', '=', policy.id).execute()).length, 0);
  });

  test('JPF-CANCEL-1: with two named insureds the cancellation executes only with the second (paper) signature', async () => {
    const policy = await boundPolicy(['Carla Customer', 'Cees Customer'], { paid: false });
    const requested = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-01-15' });
    assert.equal(requested.statusCode, 201, JSON.stringify(requested.json()));
    assert.equal(requested.json().status, 'pending');
    assert.deepEqual(requested.json().missingSignatures, ['Cees Customer']);
    assert.equal(requested.json().cancellation, null);
    assert.equal((await policyRow(policy.id)).status, 'in_force');
    const requestId = requested.json().id as string;
    const sign = `/api/v1/policies/${policy.id}/cancellation-requests/${requestId}/signatures`;

    const second = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-01-20' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'cancellation_already_requested');
    assert.equal((await call('customer', 'POST', sign, { namedInsured: 'Cees Customer' })).statusCode, 403, 'paper signatures are recorded by staff');
    const stranger = await call('underwriter', 'POST', sign, { namedInsured: 'Somebody Else' });
    assert.equal(stranger.statusCode, 422);
    assert.equal(stranger.json().code, 'not_a_named_insured');
    assert.equal((await call('underwriter', 'POST', sign, { namedInsured: 'Carla Customer' })).json().code, 'already_signed');

    const signed = await call('underwriter', 'POST', sign, { namedInsured: 'Cees Customer' });
    assert.equal(signed.statusCode, 200, JSON.stringify(signed.json()));
    assert.equal(signed.json().status, 'executed');
    assert.deepEqual(signed.json().missingSignatures, []);
    assert.deepEqual(
      signed
        .json()
        .signatures.map((s: Json) => [s.namedInsured, s.method])
        .sort(),
      [
        ['Carla Customer', 'portal'],
        ['Cees Customer', 'paper'],
      ],
    );
    // Unpaid: day 46, unused 2027-01-15..2027-11-30 = 320 days; 53.13 × 320 / 365 = 46.5797… → 46.58; earned 6.55 is due, nothing to refund.
    const cancellation = signed.json().cancellation;
    assert.deepEqual(cancellation.refund, { amount: '0.00', currency: 'USD' });
    assert.deepEqual(cancellation.balanceDue, { amount: '6.55', currency: 'USD' });
    assert.equal(cancellation.refundId, null);
    assert.equal((await policyRow(policy.id)).status, 'cancelled');
    const tx = (await transactions(policy.id)).at(-1);
    assert.ok(tx);
    assert.equal(tx.premium_change, '-46.58');
    assert.deepEqual((tx.details as Json).balanceDue, { amount: '6.55', currency: 'USD' });
    assert.deepEqual(await refunds(policy.id), []);
    assert.equal((await call('underwriter', 'POST', sign, { namedInsured: 'Cees Customer' })).json().code, 'cancellation_request_not_pending');
  });

  test('JPF-CANCEL-2, JPF-COND-2, JPF-CANCEL-3: insurer notice of 15 days in NY, notice mailed and recorded, pro-rata refund', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/insurer-cancellation`;
    // Notice today 2026-11-21 (New York); NY requires 15 days: earliest 2026-11-21 + 15 = 2026-12-06.
    const early = await call('underwriter', 'POST', url, { effectiveDate: '2026-12-05', reason: 'Material misrepresentation' });
    assert.equal(early.statusCode, 422, JSON.stringify(early.json()));
    assert.equal(early.json().code, 'notice_too_short');
    assert.match(early.json().detail, /2026-12-06/);
    assert.equal((await transactions(policy.id)).length, 1, 'nothing written');
    assert.equal((await policyTest.bezel.deps.db.selectFrom('job').select('id').where('kind', '=', 'mail.send').execute()).length, 0);

    const preview = await call('underwriter', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview?by=insurer`);
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    assert.equal(preview.json().effectiveDate, '2026-12-06', 'the default is the earliest date the notice allows');
    assert.deepEqual(preview.json().notice, { date: '2026-11-21', days: 15, source: 'state_rule', earliestEffectiveDate: '2026-12-06' });
    // Unused 2026-12-06..2027-11-30 = 365 − 5 = 360 days; 53.13 × 360 / 365 = 52.4021… → 52.40; always pro rata.
    assert.deepEqual(preview.json().refund, { amount: '52.40', currency: 'USD' });
    assert.equal(preview.json().rule, 'pro_rata');
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}/cancellation-preview?by=insurer`)).statusCode, 403);

    const done = await call('underwriter', 'POST', url, { effectiveDate: '2026-12-06', reason: 'Material misrepresentation' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    const { transactionId, refundId, ...executed } = done.json();
    assert.deepEqual(executed, preview.json(), 'preview equals execution');
    assert.deepEqual(await refunds(policy.id), [{ amount: '52.40', status: 'payable', reason: 'cancellation_by_insurer' }]);
    assert.ok(refundId);
    const tx = (await transactions(policy.id)).at(-1);
    assert.ok(tx);
    assert.equal(tx.id, transactionId);
    assert.equal(tx.premium_change, '-52.40');
    const notice = (tx.details as Json).notice;
    assert.equal(notice.mailedAt, '2026-11-21T12:00:00Z');
    assert.equal(notice.address, '1 Main Street, New York, NY 10001, US');
    assert.equal(notice.name, 'Carla Customer');

    // The notice leaves through the outbox, addressed as on the declarations page (JPF-CORR-1).
    await policyTest.bezel.runJobs();
    const mails = (await policyTest.bezel.mails()).filter((mail) => mail.subject === 'Notice of cancellation of your jewelry policy');
    assert.equal(mails.length, 1);
    const mail = mails[0];
    assert.equal(mail?.to, demoEmail('customer'));
    for (const text of ['Carla Customer', '1 Main Street, New York, NY 10001, US', policy.policyNumber, '2026-12-06', '52.40 USD'])
      assert.ok(mail?.text.includes(text), text);
    assert.equal((await policyRow(policy.id)).status, 'cancelled');
  });
});
