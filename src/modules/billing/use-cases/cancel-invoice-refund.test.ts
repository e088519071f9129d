import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { cancelInvoice, cancelRefund, createRefund, issueInvoice, markRefundPaid, recordPayment, refundableOnPolicy } from '../index.ts';

/** cancel-invoice.ts and cancel-refund.ts on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
let bezel: TestBezel;
let holderUserId = '';
const actor = systemActor('test');

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  holderUserId = (await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('customer')).executeTakeFirstOrThrow()).id;
});
after(async () => bezel.close());

async function invoiceFor(policyId: string, amount = '100.00') {
  return issueInvoice(
    bezel.deps,
    actor,
    { holderUserId, policyId, policyNumber: 'JW-2026-000001', kind: 'premium', amount, currency: 'USD', issuedOn: '2026-11-21', dueOn: '2026-12-01' },
    SYSTEM_ORIGIN,
  );
}
const pay = (reference: string, amount: string) =>
  recordPayment(bezel.deps, actor, { reference, amount, currency: 'USD', receivedOn: '2026-11-21' }, SYSTEM_ORIGIN);
const audits = (action: string, id: string) =>
  bezel.deps.db.selectFrom('audit_event').select('details').where('action', '=', action).where('subject_id', '=', id).execute();
const rejects = async (promise: Promise<unknown>, status: number, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.status === status && error.code === code);

describe('cancelInvoice', () => {
  test('an open unpaid invoice becomes cancelled, with its reason and an audit event; a second time is 409', async () => {
    const invoice = await invoiceFor(newId());
    const cancelled = await cancelInvoice(bezel.deps, actor, invoice.id, 'policy_void:fraud', SYSTEM_ORIGIN);
    assert.equal(cancelled.status, 'cancelled');
    const row = await bezel.deps.db
      .selectFrom('invoice')
      .select(['status', 'cancellation_reason', 'cancelled_at'])
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'cancelled', cancellation_reason: 'policy_void:fraud', cancelled_at: '2026-11-21T12:00:00Z' });
    assert.equal((await audits('invoice.cancelled', invoice.id)).length, 1);
    await rejects(cancelInvoice(bezel.deps, actor, invoice.id, 'again', SYSTEM_ORIGIN), 409, 'invoice_not_open');
  });

  test('partly paid → 409 invoice_partially_paid, paid → 409, empty reason → 422, unknown → 404; nothing written', async () => {
    const partly = await invoiceFor(newId());
    await pay(partly.structuredReference, '40.00');
    await rejects(cancelInvoice(bezel.deps, actor, partly.id, 'void', SYSTEM_ORIGIN), 409, 'invoice_partially_paid');
    const paid = await invoiceFor(newId());
    await pay(paid.structuredReference, '100.00');
    await rejects(cancelInvoice(bezel.deps, actor, paid.id, 'void', SYSTEM_ORIGIN), 409, 'invoice_not_open');
    const open = await invoiceFor(newId());
    await rejects(cancelInvoice(bezel.deps, actor, open.id, '   ', SYSTEM_ORIGIN), 422, 'cancellation_reason_required');
    await rejects(cancelInvoice(bezel.deps, actor, newId(), 'void', SYSTEM_ORIGIN), 404, 'not_found');
    const statuses = await bezel.deps.db.selectFrom('invoice').select(['id', 'status']).where('id', 'in', [partly.id, paid.id, open.id]).execute();
    assert.deepEqual(
      new Map(statuses.map((row) => [row.id, row.status])),
      new Map([
        [partly.id, 'open'],
        [paid.id, 'paid'],
        [open.id, 'open'],
      ]),
    );
    assert.equal((await audits('invoice.cancelled', open.id)).length, 0);
  });

  test('it joins the caller’s transaction: a rollback there undoes the cancellation', async () => {
    const invoice = await invoiceFor(newId());
    await assert.rejects(
      bezel.deps.db.transaction().execute(async (trx) => {
        await cancelInvoice({ ...bezel.deps, db: trx }, actor, invoice.id, 'renewal not taken up', SYSTEM_ORIGIN);
        throw new Error('the caller fails after');
      }),
      /the caller fails after/,
    );
    assert.equal((await bezel.deps.db.selectFrom('invoice').select('status').where('id', '=', invoice.id).executeTakeFirstOrThrow()).status, 'open');
  });
});

describe('cancelRefund', () => {
  test('JPF-CANCEL-3: a payable refund is cancelled and no longer counts against what may be refunded; paid or cancelled → 409', async () => {
    const policyId = newId();
    const invoice = await invoiceFor(policyId);
    await pay(invoice.structuredReference, '100.00');
    const refund = await createRefund(
      bezel.deps,
      actor,
      { policyId, policyNumber: 'JW-2026-000001', amount: '60.00', currency: 'USD', reason: 'cancellation_by_insured' },
      SYSTEM_ORIGIN,
    );
    // Paid 100.00 − refunded 60.00 = 40.00 left to refund.
    assert.equal((await refundableOnPolicy(bezel.deps, policyId, 'USD')).toFixed(), '40.00');
    const cancelled = await cancelRefund(bezel.deps, actor, refund.id, 'policy_reinstated', SYSTEM_ORIGIN);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await audits('refund.cancelled', refund.id)).length, 1);
    // The cancelled 60.00 is free again: 100.00 refundable.
    assert.equal((await refundableOnPolicy(bezel.deps, policyId, 'USD')).toFixed(), '100.00');
    await rejects(cancelRefund(bezel.deps, actor, refund.id, 'again', SYSTEM_ORIGIN), 409, 'refund_already_cancelled');
    await rejects(markRefundPaid(bezel.deps, actor, refund.id, { paidOn: '2026-11-21' }, SYSTEM_ORIGIN), 409, 'refund_already_paid');

    const second = await createRefund(
      bezel.deps,
      actor,
      { policyId, policyNumber: 'JW-2026-000001', amount: '100.00', currency: 'USD', reason: 'cancellation_by_insured' },
      SYSTEM_ORIGIN,
    );
    await markRefundPaid(bezel.deps, actor, second.id, { paidOn: '2026-11-21' }, SYSTEM_ORIGIN);
    await rejects(cancelRefund(bezel.deps, actor, second.id, 'too late', SYSTEM_ORIGIN), 409, 'refund_already_paid');
    await rejects(cancelRefund(bezel.deps, actor, newId(), 'x', SYSTEM_ORIGIN), 404, 'not_found');
    await rejects(cancelRefund(bezel.deps, actor, second.id, '', SYSTEM_ORIGIN), 422, 'cancellation_reason_required');
    assert.equal((await refundableOnPolicy(bezel.deps, policyId, 'USD')).toFixed(), '0.00');
  });
});
