import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findOrderOfJewelerForUpdate, type JewelerOrder, markOrderCompleted } from '../jeweler-order-repository.ts';
import { jewelerOrderErrors } from '../payment-errors.ts';

/**
 * JPF-SETTLE-2: the jeweler reports the repair or replacement done, with their invoice amount; the adjuster can then
 * pay the jeweler (payee 'jeweler') up to what the worksheet allows.
 */
export async function completeJewelerOrder(
  deps: Deps,
  actor: Actor,
  orderId: string,
  input: { invoiceAmount?: string | null | undefined; note?: string | null | undefined },
  origin: RequestOrigin,
): Promise<JewelerOrder> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const order = await findOrderOfJewelerForUpdate(trx, actor.userId, orderId);
    if (!order) throw problems.notFound();
    if (order.status !== 'sent' && order.status !== 'accepted') throw jewelerOrderErrors.notOpen(order.status);
    const invoiceAmount = input.invoiceAmount ? Money.of(input.invoiceAmount, order.currency) : null;
    const note = input.note?.trim() || null;
    const now = nowText(deps.clock);
    await markOrderCompleted(trx, order.id, { at: now, invoiceAmount, note });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.jeweler_order_completed',
        subject: { type: 'claim', id: order.claimId },
        details: { orderId: order.id, orderNo: order.orderNo, invoiceAmount: invoiceAmount?.toJSON() ?? null },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...order, status: 'completed', completedAt: now, invoiceAmount, completionNote: note };
  });
}
