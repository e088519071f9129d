import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { paymentErrors } from '../payment-errors.ts';
import { findClaimPayment, markPaymentRejected } from '../payment-repository.ts';
import { lockedClaim } from './claim-payment-support.ts';
import type { PaymentOutcome } from './request-claim-payment.ts';

/**
 * A payment that waits for approval is turned down (by an approver) or withdrawn (by the person who asked for it),
 * with a reason; it then no longer counts against the worksheet or the reserve.
 */
export async function rejectClaimPayment(
  deps: Deps,
  actor: Actor,
  claimId: string,
  paymentId: string,
  input: { reason: string },
  origin: RequestOrigin,
): Promise<PaymentOutcome> {
  requirePermission(actor, 'claims:pay');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    const payment = await findClaimPayment(trx, claim.id, paymentId);
    if (!payment) throw problems.notFound();
    if (payment.status !== 'awaiting_approval') throw paymentErrors.notAwaitingApproval(payment.status);
    const now = nowText(deps.clock);
    await markPaymentRejected(trx, payment.id, { decidedBy: actor.userId, decidedAt: now, reason: input.reason });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.payment_rejected',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, paymentId: payment.id, paymentNo: payment.paymentNo, amount: payment.amount.toJSON(), reason: input.reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return {
      payment: { ...payment, status: 'rejected', decidedBy: actor.userId, decidedAt: now, rejectionReason: input.reason },
      claimStatus: claim.status,
    };
  });
}
