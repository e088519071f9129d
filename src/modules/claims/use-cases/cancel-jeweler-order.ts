import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findOrderOfClaim, type JewelerOrder, listOrdersOfClaim, markOrderCancelled, setClaimJeweler } from '../jeweler-order-repository.ts';
import { jewelerOrderErrors } from '../payment-errors.ts';
import { lockedClaim } from './claim-payment-support.ts';

/**
 * The adjuster cancels an open repair or replacement order, with a reason. When the jeweler has no other open
 * order on the claim and did not report it, they no longer reach the claim (data minimisation, PRV-DISC-3).
 */
export async function cancelJewelerOrder(
  deps: Deps,
  actor: Actor,
  claimId: string,
  orderId: string,
  input: { reason: string },
  origin: RequestOrigin,
): Promise<JewelerOrder> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    const order = await findOrderOfClaim(trx, claim.id, orderId);
    if (!order) throw problems.notFound();
    if (order.status !== 'sent' && order.status !== 'accepted') throw jewelerOrderErrors.notOpen(order.status);
    const now = nowText(deps.clock);
    const reason = input.reason.trim();
    await markOrderCancelled(trx, order.id, { at: now, reason });
    const stillOpen = (await listOrdersOfClaim(trx, claim.id)).some(
      (other) => other.id !== order.id && other.jewelerUserId === order.jewelerUserId && other.status !== 'cancelled',
    );
    if (claim.jewelerUserId === order.jewelerUserId && !stillOpen && claim.reportedByUserId !== order.jewelerUserId)
      await setClaimJeweler(trx, claim.id, null, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.jeweler_order_cancelled',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, orderId: order.id, orderNo: order.orderNo, reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...order, status: 'cancelled', cancelledAt: now, cancelReason: reason };
  });
}
