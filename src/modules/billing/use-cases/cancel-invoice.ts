import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findInvoiceForUpdate, type Invoice, markInvoiceCancelled } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';

/**
 * Cancels an open invoice that nothing was paid on (a void, JPF-COND-5; a renewal not taken up). Money is
 * never edited: the invoice keeps its amount and becomes 'cancelled', which takes it out of what is owed
 * (domain/balance.ts) and makes a later payment to its reference refused (invoice_cancelled).
 *  - a paid invoice, or one already cancelled → 409 invoice_not_open;
 *  - an open invoice with part of it paid → 409 invoice_partially_paid (the payment would be left hanging:
 *    the caller refunds or settles first);
 *  - an empty reason → 422; unknown id → 404. With any of them nothing is written.
 * Like issueInvoice and createRefund it is called by other modules that have already decided the actor may
 * make the change, and joins the caller's transaction when `deps.db` is one. Audited as 'invoice.cancelled'.
 */
export async function cancelInvoice(deps: Deps, actor: Actor, invoiceId: string, reason: string, origin: RequestOrigin): Promise<Invoice> {
  const why = reason.trim();
  if (why === '') throw billingErrors.cancellationReasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const invoice = await findInvoiceForUpdate(trx, invoiceId);
    if (!invoice) throw problems.notFound();
    if (invoice.status !== 'open') throw billingErrors.invoiceNotOpen(invoice.status);
    const paid = Money.of(invoice.paid, invoice.currency);
    if (!paid.isZero()) throw billingErrors.invoicePartiallyPaid(paid.toFixed());
    const at = nowText(deps.clock);
    await markInvoiceCancelled(trx, invoice.id, { at, reason: why });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'invoice.cancelled',
        subject: { type: 'invoice', id: invoice.id },
        details: {
          policyId: invoice.policyId,
          policyNumber: invoice.policyNumber,
          amount: { amount: invoice.amount, currency: invoice.currency },
          structuredReference: invoice.structuredReference,
          reason: why,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...invoice, status: 'cancelled' };
  });
}
