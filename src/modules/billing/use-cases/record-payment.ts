import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Currency } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findInvoice, type Invoice } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';
import { positiveCents } from './common.ts';
import { postPayment } from './post-payment.ts';

export type RecordedPayment = {
  paymentId: string;
  outcome: 'exact' | 'partial' | 'overpayment';
  allocated: string;
  unallocated: string;
  invoice: Invoice;
};

/**
 * Billing staff record a bank transfer by hand (issue #3: "payment by bank transfer with a
 * structured reference, recorded by staff"). The reference picks the invoice; a reference with a
 * typo, or one no invoice has, is refused with a clear error and nothing is written ("payments
 * that do not match any invoice: each gets a clear error and changes nothing"). An over-payment
 * settles the invoice and leaves the rest as credit on the account.
 */
export async function recordPayment(
  deps: Deps,
  actor: Actor,
  input: { reference: string; amount: string; currency: Currency; receivedOn: string },
  origin: RequestOrigin,
): Promise<RecordedPayment> {
  requirePermission(actor, 'billing:manage');
  const amount = positiveCents(input.amount, input.currency, 'body.amount');
  return inTransaction(deps.db, async (trx) => {
    const result = await postPayment(trx, deps, actor, {
      amount,
      receivedOn: input.receivedOn,
      reference: input.reference,
      source: 'manual',
      bankTransactionId: null,
    });
    if (!result.posted) {
      switch (result.reason) {
        case 'reference_invalid':
          throw billingErrors.referenceInvalid(input.reference);
        case 'payment_unmatched':
          throw billingErrors.paymentUnmatched(input.reference);
        case 'invoice_cancelled':
        case 'currency_mismatch':
          throw billingErrors.invoiceNotPayable(result.reason);
      }
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'payment.recorded',
        subject: { type: 'payment', id: result.paymentId },
        details: {
          invoiceId: result.invoiceId,
          policyNumber: result.policyNumber,
          amount: amount.toJSON(),
          outcome: result.allocation.outcome,
          allocated: result.allocation.allocated.toJSON(),
          source: 'manual',
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const invoice = await findInvoice(trx, result.invoiceId, { holderUserId: null });
    if (!invoice) throw new Error(`invoice ${result.invoiceId} vanished inside its own transaction`);
    return {
      paymentId: result.paymentId,
      outcome: result.allocation.outcome,
      allocated: result.allocation.allocated.toFixed(),
      unallocated: result.allocation.unallocated.toFixed(),
      invoice,
    };
  });
}
