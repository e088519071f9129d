import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { PaymentSource } from '../../../platform/db/schema.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import { findInvoiceByReferenceForUpdate, insertPayment, markInvoicePaid } from '../billing-repository.ts';
import { type Allocation, allocatePayment } from '../domain/allocate-payment.ts';
import { checkReference } from '../domain/structured-reference.ts';
import { actorLabel } from './common.ts';

/**
 * Shared by record-payment and import-bank-statement (not a use case of its own: it runs inside
 * theirs). Matches a received transfer to its invoice by structured reference and, when it
 * matches, writes the payment and its allocation; otherwise writes nothing and says why.
 */
export type PostingResult =
  | { posted: true; paymentId: string; invoiceId: string; policyNumber: string; allocation: Extract<Allocation, { allocated: Money }> }
  | { posted: false; reason: 'reference_invalid' | 'payment_unmatched' | 'invoice_cancelled' | 'currency_mismatch' };

export async function postPayment(
  trx: Trx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  payment: { amount: Money; receivedOn: string; reference: string; source: PaymentSource; bankTransactionId: string | null },
): Promise<PostingResult> {
  const checked = checkReference(payment.reference);
  if (!checked.valid) return { posted: false, reason: 'reference_invalid' };
  const invoice = await findInvoiceByReferenceForUpdate(trx, checked.reference);
  if (!invoice) return { posted: false, reason: 'payment_unmatched' };
  const allocation = allocatePayment(payment.amount, {
    amount: Money.of(invoice.amount, invoice.currency),
    allocated: Money.of(invoice.paid, invoice.currency),
    status: invoice.status,
  });
  if (allocation.outcome === 'not_payable') return { posted: false, reason: allocation.reason };
  const paymentId = newId();
  await insertPayment(
    trx,
    {
      id: paymentId,
      accountId: invoice.accountId,
      amount: payment.amount.toFixed(),
      currency: payment.amount.currency,
      receivedOn: payment.receivedOn,
      reference: payment.reference,
      source: payment.source,
      bankTransactionId: payment.bankTransactionId,
      recordedBy: actorLabel(actor),
      createdAt: nowText(deps.clock),
    },
    allocation.allocated.isZero() ? null : { invoiceId: invoice.id, amount: allocation.allocated.toFixed() },
  );
  if (allocation.invoicePaid) await markInvoicePaid(trx, invoice.id);
  return { posted: true, paymentId, invoiceId: invoice.id, policyNumber: invoice.policyNumber, allocation };
}
