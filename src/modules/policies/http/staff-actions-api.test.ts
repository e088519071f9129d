import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { Money } from '../../../platform/money.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { demoEmail } from '../../accounts/index.ts';
import { getAccountBalance, listInvoices, markRefundPaid, recordPayment } from '../../billing/index.ts';
import { type Json, usePolicyApiTest } from './policy-api-test-support.ts';

/** Issue #3 staff actions through the API: void (JPF-COND-5), reinstatement (JPF-CANCEL-3), assignment (JPF-COND-1). */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
const db = () => policyTest.bezel.deps.db;

const policyRow = (id: string) => db().selectFrom('policy').select(['status', 'holder_user_id']).where('id', '=', id).executeTakeFirstOrThrow();
const transactions = (id: string) =>
  db()
    .selectFrom('policy_transaction')
    .select(['id', 'kind', 'effective_date', 'premium_change', 'reversed_by', 'details'])
    .where('policy_id', '=', id)
    .orderBy('sequence_no')
    .execute();
const refunds = (id: string) =>
  db().selectFrom('refund').select(['id', 'amount', 'status', 'reason']).where('policy_id', '=', id).orderBy('created_at').execute();
const invoices = (id: string) =>
  db().selectFrom('invoice').select(['id', 'amount', 'status', 'kind']).where('policy_id', '=', id).orderBy('created_at').execute();
const audits = (action: string) => db().selectFrom('audit_event').select(['subject_id']).where('action', '=', action).execute();
const userId = async (email: string) => (await db().selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const kinds = async (id: string) => (await transactions(id)).map((t) => t.kind);

describe('void (JPF-COND-5)', () => {
  test('JPF-COND-5: a paid policy is void from its first day, the premium paid is refunded, and it accepts no further changes', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/void`;
    const done = await call('underwriter', 'POST', url, { category: 'fraud', reason: 'The appraisal was forged' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    // Premium 53.13 charged and paid: never in force, so − 53.13 and a refund of all 53.13.
    assert.equal(done.json().status, 'void');
    assert.equal(done.json().effectiveDate, '2026-12-01');
    assert.deepEqual(done.json().premiumChange, { amount: '-53.13', currency: 'USD' });
    assert.deepEqual(done.json().refund, { amount: '53.13', currency: 'USD' });
    assert.deepEqual(done.json().cancelledInvoiceIds, [], 'the paid invoice stays paid');
    assert.equal((await policyRow(policy.id)).status, 'void');
    const tx = await transactions(policy.id);
    assert.deepEqual(
      tx.map((t) => [t.kind, t.effective_date, t.premium_change]),
      [
        ['issue', '2026-12-01', '53.13'],
        ['void', '2026-12-01', '-53.13'],
      ],
    );
    assert.deepEqual(tx[1]?.details, {
      category: 'fraud',
      reason: 'The appraisal was forged',
      cancelledInvoiceIds: [],
      refund: { amount: '53.13', currency: 'USD' },
      refundId: done.json().refundId,
    });
    assert.deepEqual(
      (await refunds(policy.id)).map((r) => [r.amount, r.status, r.reason]),
      [['53.13', 'payable', 'policy_void:fraud']],
    );
    assert.deepEqual(await audits('policy.voided'), [{ subject_id: policy.id }]);

    // Void twice, and every change to a void policy: 409, nothing written.
    const again = await call('underwriter', 'POST', url, { category: 'fraud', reason: 'again' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'policy_void');
    const assignment = await call('customer', 'POST', `/api/v1/policies/${policy.id}/assignment-requests`, { assigneeEmail: 'customer3@example.com' });
    assert.equal(assignment.statusCode, 409);
    assert.equal(assignment.json().code, 'policy_void');
    const reinstate = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/reinstatement`, { reason: 'try' });
    assert.equal(reinstate.statusCode, 409);
    assert.equal(reinstate.json().code, 'policy_not_reinstatable');
    const cancel = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-31' });
    assert.equal(cancel.statusCode, 409);
    const insurer = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/insurer-cancellation`, { effectiveDate: '2027-01-31', reason: 'x-x-x' });
    assert.equal(insurer.statusCode, 409);
    assert.equal((await transactions(policy.id)).length, 2);
    assert.equal((await refunds(policy.id)).length, 1);
  });

  test('JPF-COND-5: an unpaid policy is void with its open invoice cancelled and nothing refunded', async () => {
    const policy = await boundPolicy(['Carla Customer'], { paid: false });
    const done = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/void`, { category: 'misrepresentation', reason: 'Ring was bought used' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    assert.deepEqual(done.json().refund, { amount: '0.00', currency: 'USD' });
    assert.equal(done.json().refundId, null);
    assert.deepEqual(
      (await invoices(policy.id)).map((i) => [i.amount, i.status]),
      [['53.13', 'cancelled']],
    );
    assert.deepEqual(done.json().cancelledInvoiceIds, [(await invoices(policy.id))[0]?.id]);
    assert.deepEqual(await refunds(policy.id), []);
    assert.equal((await audits('invoice.cancelled')).length >= 1, true);
  });

  test('JPF-COND-5: bad input, unknown policies and customers change nothing', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/void`;
    for (const body of [{ category: 'fraud' }, { category: 'fraud', reason: '   ' }, { category: 'bad_luck', reason: 'x' }, { reason: 'x' }])
      assert.equal((await call('underwriter', 'POST', url, body)).statusCode, 400, JSON.stringify(body));
    assert.equal(
      (await call('underwriter', 'POST', '/api/v1/policies/00000000-0000-4000-8000-000000000000/void', { category: 'fraud', reason: 'x' })).statusCode,
      404,
    );
    assert.equal((await call('customer', 'POST', url, { category: 'fraud', reason: 'x' })).statusCode, 403);
    assert.equal((await call('customer3', 'POST', url, { category: 'fraud', reason: 'x' })).statusCode, 403);
    assert.equal((await policyRow(policy.id)).status, 'in_force');
    assert.deepEqual(await kinds(policy.id), ['issue']);
    assert.deepEqual(await refunds(policy.id), []);
  });
});

describe('reinstatement', () => {
  test('JPF-CANCEL-3: reinstating reverses the cancellation and cancels its unpaid refund; preview equals execution; cancel again afterwards', async () => {
    const policy = await boundPolicy();
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(cancelled.statusCode, 201, JSON.stringify(cancelled.json()));
    const cancellation = cancelled.json().cancellation;

    const preview = await call('underwriter', 'GET', `/api/v1/policies/${policy.id}/reinstatement-preview`);
    assert.equal(preview.statusCode, 200, JSON.stringify(preview.json()));
    // The cancellation gave back 53.13 (day 30, full refund): the reinstatement charges + 53.13 and cancels the refund.
    assert.deepEqual(preview.json(), {
      policyId: policy.id,
      policyNumber: policy.policyNumber,
      cancellationId: cancellation.transactionId,
      cancellationEffectiveDate: '2026-12-30',
      premiumChange: { amount: '53.13', currency: 'USD' },
      action: 'cancel_refund',
      amount: { amount: '53.13', currency: 'USD' },
      refundId: cancellation.refundId,
    });
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}/reinstatement-preview`)).statusCode, 403);

    const done = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/reinstatement`, { reason: 'Cancelled by mistake' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    const { transactionId, invoiceId, reason, status, ...terms } = done.json();
    assert.deepEqual(terms, preview.json(), 'preview equals execution');
    assert.equal(invoiceId, null);
    assert.equal(status, 'in_force');
    assert.equal((await policyRow(policy.id)).status, 'in_force');
    const tx = await transactions(policy.id);
    assert.deepEqual(
      tx.map((t) => [t.kind, t.effective_date, t.premium_change, t.reversed_by]),
      [
        ['issue', '2026-12-01', '53.13', null],
        ['cancellation', '2026-12-30', '-53.13', transactionId],
        ['reinstatement', '2026-12-30', '53.13', null],
      ],
    );
    assert.deepEqual(
      (await refunds(policy.id)).map((r) => r.status),
      ['cancelled'],
    );
    assert.deepEqual(await audits('policy.reinstated'), [{ subject_id: policy.id }]);

    // Reinstating an in-force policy: 409, nothing written.
    const twice = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/reinstatement`, { reason: 'again' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'policy_not_cancelled');

    // cancel → reinstate → cancel again: the unique index counts only cancellations not reversed, and the
    // cancelled refund no longer counts against what may be refunded.
    const again = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(again.statusCode, 201, JSON.stringify(again.json()));
    assert.deepEqual(
      (await refunds(policy.id)).map((r) => [r.amount, r.status]),
      [
        ['53.13', 'cancelled'],
        ['53.13', 'payable'],
      ],
    );
  });

  test('JPF-CANCEL-3: a refund already paid out is charged again by an invoice ("charging the difference")', async () => {
    const policy = await boundPolicy();
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(cancelled.statusCode, 201);
    await markRefundPaid(policyTest.bezel.deps, systemActor('test'), cancelled.json().cancellation.refundId, { paidOn: '2026-11-21' }, SYSTEM_ORIGIN);
    const done = await call('underwriter', 'POST', `/api/v1/policies/${policy.id}/reinstatement`, { reason: 'Holder changed their mind' });
    assert.equal(done.statusCode, 201, JSON.stringify(done.json()));
    assert.equal(done.json().action, 'invoice');
    assert.deepEqual(done.json().amount, { amount: '53.13', currency: 'USD' });
    const all = await invoices(policy.id);
    assert.deepEqual(
      all.map((i) => [i.amount, i.status, i.kind]),
      [
        ['53.13', 'paid', 'premium'],
        ['53.13', 'open', 'endorsement'],
      ],
    );
    assert.equal(done.json().invoiceId, all[1]?.id);
    assert.deepEqual(
      (await refunds(policy.id)).map((r) => r.status),
      ['paid'],
    );
  });

  test('JPF-CANCEL-3: reinstatement refuses in-force policies, customers, missing reasons, unknown policies and a period that ended; nothing is written', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/reinstatement`;
    const inForce = await call('underwriter', 'POST', url, { reason: 'nothing to reinstate' });
    assert.equal(inForce.statusCode, 409);
    assert.equal(inForce.json().code, 'policy_not_cancelled');
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-06-01' });
    assert.equal(cancelled.statusCode, 201);
    assert.equal((await call('underwriter', 'POST', url, {})).statusCode, 400);
    assert.equal((await call('underwriter', 'POST', url, { reason: '  ' })).statusCode, 400);
    assert.equal((await call('customer', 'POST', url, { reason: 'please' })).statusCode, 403);
    assert.equal((await call('customer3', 'POST', url, { reason: 'please' })).statusCode, 403);
    assert.equal((await call('underwriter', 'POST', '/api/v1/policies/00000000-0000-4000-8000-000000000000/reinstatement', { reason: 'x' })).statusCode, 404);
    // The period's last day is 2027-11-30 (New York); on 2027-12-01 there is nothing left to reinstate.
    policyTest.moveClockTo('2027-12-01T12:00:00Z');
    try {
      const late = await call('underwriter', 'POST', url, { reason: 'too late' });
      assert.equal(late.statusCode, 422, JSON.stringify(late.json()));
      assert.equal(late.json().code, 'reinstatement_after_period');
    } finally {
      policyTest.moveClockTo('2026-11-21T12:00:00Z');
    }
    assert.equal((await policyRow(policy.id)).status, 'cancelled');
    assert.deepEqual(await kinds(policy.id), ['issue', 'cancellation']);
    assert.deepEqual(
      (await refunds(policy.id)).map((r) => r.status),
      ['payable'],
    );
  });
});

describe('assignment (JPF-COND-1)', () => {
  test('JPF-COND-1: the holder asks, nothing changes until the written consent is recorded; then the holder changes and both are mailed', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/assignment-requests`;
    const customerId = await userId(demoEmail('customer'));
    const customer3Id = await userId('customer3@example.com');

    // Bad input first: nothing is written.
    assert.equal((await call('customer', 'POST', url, { assigneeEmail: 'not an email' })).statusCode, 400);
    const unknown = await call('customer', 'POST', url, { assigneeEmail: 'nobody@example.com' });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'assignee_not_found');
    const self = await call('customer', 'POST', url, { assigneeEmail: demoEmail('customer') });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().code, 'assignee_is_holder');
    assert.equal((await call('customer3', 'POST', url, { assigneeEmail: 'customer3@example.com' })).statusCode, 404, 'another customer’s policy is not found');

    const asked = await call('customer', 'POST', url, { assigneeEmail: 'CUSTOMER3@example.com', note: 'My daughter takes over the ring' });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    assert.equal(asked.json().status, 'pending');
    assert.equal(asked.json().to.userId, customer3Id);
    const duplicate = await call('customer', 'POST', url, { assigneeEmail: 'customer3@example.com' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().code, 'assignment_already_requested');
    // Without the insurer's approval nothing changes.
    assert.equal((await policyRow(policy.id)).holder_user_id, customerId);
    assert.deepEqual(await kinds(policy.id), ['issue']);
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 404);

    const queue = await call('underwriter', 'GET', '/api/v1/assignment-requests');
    assert.ok(queue.json().items.some((item: { id: string }) => item.id === asked.json().id));
    assert.equal((await call('customer', 'GET', '/api/v1/assignment-requests')).statusCode, 403);

    const decision = `${url}/${asked.json().id}/decision`;
    assert.equal((await call('customer', 'POST', decision, { decision: 'approve', consentDate: '2026-11-20', consentReference: 'LTR-7' })).statusCode, 403);
    assert.equal((await call('underwriter', 'POST', decision, { decision: 'approve', consentDate: '2026-11-20' })).statusCode, 400, 'no reference');
    assert.equal((await call('underwriter', 'POST', decision, { decision: 'refuse' })).statusCode, 400, 'no reason');
    const future = await call('underwriter', 'POST', decision, { decision: 'approve', consentDate: '2026-11-22', consentReference: 'LTR-7' });
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().code, 'consent_date_in_future');
    assert.equal((await policyRow(policy.id)).holder_user_id, customerId);

    const approved = await call('underwriter', 'POST', decision, { decision: 'approve', consentDate: '2026-11-20', consentReference: 'LTR-7' });
    assert.equal(approved.statusCode, 200, JSON.stringify(approved.json()));
    assert.equal(approved.json().status, 'approved');
    assert.deepEqual(approved.json().consent, { date: '2026-11-20', reference: 'LTR-7' });
    assert.equal((await policyRow(policy.id)).holder_user_id, customer3Id);
    const tx = (await transactions(policy.id)).at(-1);
    assert.equal(tx?.kind, 'assignment');
    assert.equal(tx?.premium_change, '0.00');
    assert.equal(tx?.effective_date, '2026-12-01', 'not before the first day');
    assert.equal(approved.json().transactionId, tx?.id);
    assert.deepEqual(await audits('policy.assigned'), [{ subject_id: policy.id }]);

    // The new holder reaches the policy; the old one no longer does.
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 200);
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 404);
    const again = await call('underwriter', 'POST', decision, { decision: 'refuse', reason: 'changed our mind' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'assignment_already_decided');

    await policyTest.bezel.runJobs();
    const mails = (await policyTest.bezel.mails()).filter((mail) => mail.subject === 'Assignment of your jewelry policy approved');
    assert.deepEqual(mails.map((mail) => mail.to).sort(), [demoEmail('customer'), 'customer3@example.com'].sort());
    for (const mail of mails) for (const text of [policy.policyNumber, 'LTR-7', '2026-12-01']) assert.ok(mail.text.includes(text), text);
  });

  test('JPF-COND-1: on approval the open invoice moves to the new holder, who sees and pays what is owed; the old holder no longer sees it', async () => {
    const policy = await boundPolicy(['Carla Customer'], { paid: false });
    const deps = policyTest.bezel.deps;
    const [invoice] = await listInvoices(deps, systemActor('test'), { policyId: policy.id });
    assert.ok(invoice);
    // The old holder pays 20.00 of the 53.13 before the assignment: 33.13 is still owed.
    await recordPayment(
      deps,
      systemActor('test'),
      { reference: invoice.structuredReference, amount: '20.00', currency: 'USD', receivedOn: '2026-11-21' },
      SYSTEM_ORIGIN,
    );
    const oldAccount = invoice.accountId;
    // The old holder's account also holds their other policies: compare it before and after.
    const oldBefore = await getAccountBalance(policyTest.bezel.deps, systemActor('test'), oldAccount);
    const url = `/api/v1/policies/${policy.id}/assignment-requests`;
    const asked = await call('customer', 'POST', url, { assigneeEmail: 'customer3@example.com' });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    const approved = await call('underwriter', 'POST', `${url}/${asked.json().id}/decision`, {
      decision: 'approve',
      consentDate: '2026-11-20',
      consentReference: 'LTR-9',
    });
    assert.equal(approved.statusCode, 200, JSON.stringify(approved.json()));

    // The new holder sees the invoice (same reference), with the 20.00 paid and 33.13 outstanding, and the policy's balance.
    const seen = await call('customer3', 'GET', `/api/v1/invoices?policyId=${policy.id}`);
    assert.deepEqual(
      seen.json().items.map((item: Json) => [item.structuredReference, item.status, item.paid.amount, item.outstanding.amount]),
      [[invoice.structuredReference, 'open', '20.00', '33.13']],
    );
    const newBalance = await call('customer3', 'GET', `/api/v1/billing/policies/${policy.id}/balance`);
    assert.deepEqual(newBalance.json().outstanding, { amount: '33.13', currency: 'USD' });
    // The old holder no longer sees it.
    assert.deepEqual((await call('customer', 'GET', `/api/v1/invoices?policyId=${policy.id}`)).json().items, []);
    assert.equal((await call('customer', 'GET', `/api/v1/invoices/${invoice.id}`)).statusCode, 404);
    assert.equal((await call('customer', 'GET', `/api/v1/billing/policies/${policy.id}/balance`)).statusCode, 404);
    assert.deepEqual(
      (await db().selectFrom('audit_event').select(['subject_id']).where('action', '=', 'invoice.transferred').execute()).map((row) => row.subject_id),
      [invoice.id],
    );

    // The new holder pays the rest to the same reference: the invoice is paid, the payment is in the new holder's account.
    await recordPayment(
      deps,
      systemActor('test'),
      { reference: invoice.structuredReference, amount: '33.13', currency: 'USD', receivedOn: '2026-11-22' },
      SYSTEM_ORIGIN,
    );
    const paid = await call('customer3', 'GET', `/api/v1/invoices/${invoice.id}`);
    assert.deepEqual([paid.json().status, paid.json().outstanding.amount], ['paid', '0.00']);
    // The old holder's 20.00 settled the invoice; it is not left as credit on their account.
    // 33.13 less outstanding there (the invoice left), and no 20.00 of credit (the payment settled part of the invoice).
    const oldAfter = await getAccountBalance(deps, systemActor('test'), oldAccount);
    assert.deepEqual(
      [oldAfter.outstanding.toFixed(), oldAfter.credit.toFixed()],
      [oldBefore.outstanding.minus(Money.of('33.13', 'USD')).toFixed(), oldBefore.credit.toFixed()],
    );
  });

  test('JPF-COND-1: a refusal is recorded with its reason, the policy stays with its holder, and the holder is mailed', async () => {
    const policy = await boundPolicy();
    const url = `/api/v1/policies/${policy.id}/assignment-requests`;
    const asked = await call('customer', 'POST', url, { assigneeEmail: 'customer3@example.com' });
    assert.equal(asked.statusCode, 201);
    const refused = await call('underwriter', 'POST', `${url}/${asked.json().id}/decision`, { decision: 'refuse', reason: 'The new holder lives abroad' });
    assert.equal(refused.statusCode, 200, JSON.stringify(refused.json()));
    assert.equal(refused.json().status, 'refused');
    assert.equal(refused.json().refusalReason, 'The new holder lives abroad');
    assert.equal((await policyRow(policy.id)).holder_user_id, await userId(demoEmail('customer')));
    assert.deepEqual(await kinds(policy.id), ['issue']);
    const list = await call('customer', 'GET', url);
    assert.deepEqual(
      list.json().items.map((item: { status: string }) => item.status),
      ['refused'],
    );
    await policyTest.bezel.runJobs();
    const mails = (await policyTest.bezel.mails()).filter((mail) => mail.subject === 'Assignment of your jewelry policy not approved');
    assert.ok(mails.some((mail) => mail.to === demoEmail('customer') && mail.text.includes('The new holder lives abroad')));
  });
});
