import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findRefund, markRefundPaid as markPaid, type Refund } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';
import { actorLabel } from './common.ts';

/**
 * JPF-CANCEL-3: the refund is tracked until paid. Billing staff record the day it was paid out and
 * the bank's reference; a refund is paid once (a second time is 409 and changes nothing).
 */
export async function markRefundPaid(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { paidOn: string; paymentReference?: string | undefined },
  origin: RequestOrigin,
): Promise<Refund> {
  requirePermission(actor, 'billing:manage');
  return inTransaction(deps.db, async (trx) => {
    const refund = await findRefund(trx, id, { holderUserId: null }, { forUpdate: true });
    if (!refund) throw problems.notFound();
    if (refund.status !== 'payable') throw billingErrors.refundAlreadyPaid();
    const paidReference = input.paymentReference ?? null;
    await markPaid(trx, id, { paidOn: input.paidOn, paidReference, paidBy: actorLabel(actor) });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'refund.paid',
        subject: { type: 'refund', id },
        details: { policyNumber: refund.policyNumber, amount: { amount: refund.amount, currency: refund.currency }, paidOn: input.paidOn, paidReference },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...refund, status: 'paid', paidOn: input.paidOn, paidReference };
  });
}
