import { Money } from '../../../platform/money.ts';

/**
 * How much of a bank transfer goes to the invoice its structured reference names (issue #3, "Basic
 * billing"). The outcome is a value, never an exception (DESIGN §6):
 *  - exact: the payment settles what is still open on the invoice;
 *  - partial: the invoice stays open for the rest;
 *  - overpayment: the invoice is settled and the rest stays on the account as unallocated credit
 *    (to be refunded or used later, never lost);
 *  - not_payable: the invoice is cancelled, or in another currency: nothing is allocated.
 * An invoice already paid in full takes nothing more: the whole payment is credit (overpayment
 * with a zero allocation).
 */
export type InvoiceToPay = { amount: Money; allocated: Money; status: 'open' | 'paid' | 'cancelled' };

export type Allocation =
  | { outcome: 'exact' | 'partial' | 'overpayment'; allocated: Money; unallocated: Money; invoicePaid: boolean }
  | { outcome: 'not_payable'; reason: 'invoice_cancelled' | 'currency_mismatch' };

export function allocatePayment(payment: Money, invoice: InvoiceToPay): Allocation {
  if (invoice.status === 'cancelled') return { outcome: 'not_payable', reason: 'invoice_cancelled' };
  if (payment.currency !== invoice.amount.currency) return { outcome: 'not_payable', reason: 'currency_mismatch' };
  if (!payment.amount.isPositive() || payment.isZero()) throw new Error(`A payment is more than zero, not ${payment}`);
  const open = invoice.amount.minus(invoice.allocated).max(Money.zero(payment.currency));
  const allocated = payment.min(open);
  const unallocated = payment.minus(allocated);
  const invoicePaid = allocated.equals(open);
  const outcome = unallocated.isZero() ? (invoicePaid ? 'exact' : 'partial') : 'overpayment';
  return { outcome, allocated, unallocated, invoicePaid };
}
