import { type Currency, Money } from '../../../platform/money.ts';

/**
 * A balance from the billing transactions themselves, summed exactly with Money (never floats):
 *  - outstanding = invoices (not cancelled) − what payments allocated to them;
 *  - credit = payments − their allocations (over-payments not yet used or refunded), wherever the invoice is now;
 *  - refundsPayable = refunds not yet paid out (JPF-CANCEL-3).
 * Amounts arrive as the database's decimal strings.
 */
export type BalanceInput = {
  currency: Currency;
  invoices: readonly { amount: string; status: 'open' | 'paid' | 'cancelled' }[];
  allocations: readonly string[];
  payments?: readonly string[];
  /** What the payments settled, wherever the invoice is now (an invoice can move with an assigned policy); `allocations` when absent. */
  paymentAllocations?: readonly string[];
  refundsPayable?: readonly string[];
};

export type Balance = { invoiced: Money; paid: Money; outstanding: Money; credit: Money; refundsPayable: Money };

export function computeBalance(input: BalanceInput): Balance {
  const sum = (amounts: readonly string[]) =>
    Money.sum(
      amounts.map((amount) => Money.of(amount, input.currency)),
      input.currency,
    );
  const invoiced = sum(input.invoices.filter((invoice) => invoice.status !== 'cancelled').map((invoice) => invoice.amount));
  const paid = sum(input.allocations);
  const payments = sum(input.payments ?? []);
  return {
    invoiced,
    paid,
    outstanding: invoiced.minus(paid),
    credit: input.payments === undefined ? Money.zero(input.currency) : payments.minus(input.paymentAllocations ? sum(input.paymentAllocations) : paid),
    refundsPayable: sum(input.refundsPayable ?? []),
  };
}
