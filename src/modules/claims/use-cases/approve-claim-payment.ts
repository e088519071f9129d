import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { authorityCovers, exposureWith, payeeOf, refusalOfApproval } from '../domain/payment-rules.ts';
import { paymentErrors } from '../payment-errors.ts';
import { findClaimPayment, findPaymentAuthority, markPaymentIssued } from '../payment-repository.ts';
import { assertNoSettlementBlock, assertOpenForSettlement, completeIssuedPayment, lockedClaim, paymentContext, todayOf } from './claim-payment-support.ts';
import { type PaymentOutcome, payeeFactsOf } from './request-claim-payment.ts';

/**
 * Another person approves a payment that waits (issue #4: "payments never exceed reserves without authority;
 * payment authority limits per adjuster"). The approver is never the person who asked for it, and their own limit
 * must cover what will have been paid on the claim with it. Everything the request checked is checked again now —
 * the worksheet or the reserve may have changed meanwhile — and the payment is then issued like one within
 * authority (reserve, JPF-SETTLE-7 total loss, JPF-SETTLE-9 settled).
 */
export async function approveClaimPayment(deps: Deps, actor: Actor, claimId: string, paymentId: string, origin: RequestOrigin): Promise<PaymentOutcome> {
  requirePermission(actor, 'claims:pay');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    const payment = await findClaimPayment(trx, claim.id, paymentId);
    if (!payment) throw problems.notFound();
    if (payment.status !== 'awaiting_approval') throw paymentErrors.notAwaitingApproval(payment.status);
    if (payment.requestedBy === actor.userId) throw paymentErrors.ownPayment();
    assertOpenForSettlement(claim);
    const context = await paymentContext(trx, deps, claim);
    await assertNoSettlementBlock(trx, claim.id);
    const { facts } = await payeeFactsOf(trx, context, payment.payeeKind, payment.payeeUserId);
    const payee = payeeOf(payment.payeeKind, facts);
    if (!payee.ok) throw paymentErrors.payee(payee.code, context.lossPayeeName);
    const refusal = refusalOfApproval(context.ledger, payment.amount);
    if (refusal) throw paymentErrors.refused(refusal);
    const exposure = exposureWith(context.ledger, payment.amount);
    const limit = await findPaymentAuthority(trx, actor.userId, claim.currency);
    if (!authorityCovers(limit, exposure)) throw paymentErrors.beyondAuthority(exposure);

    const now = nowText(deps.clock);
    const issuedOn = todayOf(deps, claim);
    await markPaymentIssued(trx, payment.id, { decidedBy: actor.userId, decidedAt: now, issuedOn });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.payment_approved',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          paymentId: payment.id,
          paymentNo: payment.paymentNo,
          amount: payment.amount.toJSON(),
          requestedBy: payment.requestedBy,
          authority: limit?.toJSON() ?? null,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const issued = { ...payment, status: 'issued' as const, decidedBy: actor.userId, decidedAt: now, issuedOn };
    // The ledger still counts it as waiting: issuing reads what was paid before it.
    return completeIssuedPayment(trx, deps, actor, { ...context, payments: context.payments.filter((p) => p.id !== payment.id) }, issued, origin);
  });
}
