import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findOrderOfJewelerForUpdate, type JewelerOrder, markOrderAccepted } from '../jeweler-order-repository.ts';
import { jewelerOrderErrors } from '../payment-errors.ts';

/** JPF-SETTLE-2: the jeweler accepts a repair or replacement order sent to them; anyone else's order is not found. */
export async function acceptJewelerOrder(deps: Deps, actor: Actor, orderId: string, origin: RequestOrigin): Promise<JewelerOrder> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const order = await findOrderOfJewelerForUpdate(trx, actor.userId, orderId);
    if (!order) throw problems.notFound();
    if (order.status !== 'sent') throw jewelerOrderErrors.notOpen(order.status);
    const now = nowText(deps.clock);
    await markOrderAccepted(trx, order.id, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.jeweler_order_accepted',
        subject: { type: 'claim', id: order.claimId },
        details: { orderId: order.id, orderNo: order.orderNo },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...order, status: 'accepted', acceptedAt: now };
  });
}
