import { Money } from '../../../platform/money.ts';

/**
 * What billing does with a premium change of a policy transaction (issue #3, "Basic billing": invoices for every
 * premium change, refunds as payables; JPF-CANCEL-3). Pure, so the money rules are tested on their own:
 *  - more premium → one invoice for the increase;
 *  - less premium → first the unpaid open invoices are cancelled, newest first (one larger than the credit
 *    left is cancelled and issued again for the rest), then what was paid beyond the new term premium is
 *    refunded: refund = min(credit left, paid − earlier refunds − charged after), never below zero.
 * So a refund never exceeds what was paid, and nothing unpaid is refunded.
 */
export type OpenInvoice = { readonly id: string; readonly amount: Money; readonly createdAt: string };

export type PremiumBillingPlan = {
  readonly invoice: Money | null;
  readonly cancel: readonly string[];
  /** The invoice cancelled last, issued again for what is still owed on it. */
  readonly reissue: { readonly of: string; readonly amount: Money } | null;
  readonly refund: Money | null;
};

export function planPremiumBilling(input: {
  change: Money;
  chargedAfter: Money;
  /** Open invoices of the policy with nothing paid on them. */
  unpaidOpenInvoices: readonly OpenInvoice[];
  /** Payments allocated to the policy's invoices. */
  paid: Money;
  /** Refunds already made or payable (not cancelled). */
  refunded: Money;
}): PremiumBillingPlan {
  const zero = Money.zero(input.change.currency);
  if (input.change.isPositive()) return { invoice: input.change, cancel: [], reissue: null, refund: null };
  if (!input.change.isNegative()) return { invoice: null, cancel: [], reissue: null, refund: null };
  let credit = zero.minus(input.change);
  const cancel: string[] = [];
  let reissue: PremiumBillingPlan['reissue'] = null;
  const newestFirst = [...input.unpaidOpenInvoices].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
  for (const invoice of newestFirst) {
    if (!credit.isPositive()) break;
    cancel.push(invoice.id);
    if (invoice.amount.compare(credit) > 0) {
      reissue = { of: invoice.id, amount: invoice.amount.minus(credit) };
      credit = zero;
    } else credit = credit.minus(invoice.amount);
  }
  const refundable = input.paid.minus(input.refunded).minus(input.chargedAfter).max(zero).min(credit);
  return { invoice: null, cancel, reissue, refund: refundable.isPositive() ? refundable : null };
}
