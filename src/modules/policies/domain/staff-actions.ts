import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';

/**
 * The rules of the staff actions on a policy, pure: void (JPF-COND-5) and reinstatement of a cancelled
 * policy (issue #3, "Reinstatement … reversing the refund or charging the difference"). The use cases
 * (void-policy.ts, preview-reinstatement.ts, reinstate-policy.ts) read the records and write the outcome.
 */

/** JPF-COND-5: "concealed or misrepresented any material fact … or fraud or false swearing". */
export const VOID_CATEGORIES = ['misrepresentation', 'concealment', 'fraud'] as const;
export type VoidCategory = (typeof VOID_CATEGORIES)[number];

export function isVoidCategory(value: string): value is VoidCategory {
  return (VOID_CATEGORIES as readonly string[]).includes(value);
}

export type VoidMoney = {
  /** The premium change of the void transaction: the whole premium charged so far, taken back. */
  premiumChange: Money;
  /** Premium paid and not refunded yet: refunded in full (decision 0007). */
  refund: Money;
};

/**
 * JPF-COND-5: a void policy is treated as never in force, so no premium is earned: the void's premium
 * change is − the premium charged so far, and everything paid (and not refunded already) is refunded.
 * Open invoices are cancelled, so nothing more is owed. Never a negative refund.
 */
export function voidMoney(input: { chargedPremium: Money; refundable: Money }): VoidMoney {
  const zero = Money.zero(input.chargedPremium.currency);
  return { premiumChange: zero.minus(input.chargedPremium), refund: input.refundable.max(zero) };
}

export type CancellationRefundState = { id: string; amount: Money; status: 'payable' | 'paid' | 'cancelled' } | null;

export type ReinstatementMoney = {
  /** − the cancellation's premium change: the premium the cancellation gave back is charged again. */
  premiumChange: Money;
  /**
   * What happens to the cancellation's refund: still payable → it is cancelled; already paid → an invoice
   * for the refunded amount ("charging the difference"); no refund (nothing was paid) → nothing.
   */
  action: 'cancel_refund' | 'invoice' | 'none';
  /** The refund cancelled or the amount invoiced; zero for 'none'. */
  amount: Money;
  refundId: string | null;
};

export function reinstatementMoney(input: { cancellationPremiumChange: Money; refund: CancellationRefundState }): ReinstatementMoney {
  const zero = Money.zero(input.cancellationPremiumChange.currency);
  const premiumChange = zero.minus(input.cancellationPremiumChange);
  const { refund } = input;
  if (!refund || refund.status === 'cancelled' || refund.amount.isZero()) return { premiumChange, action: 'none', amount: zero, refundId: refund?.id ?? null };
  return { premiumChange, action: refund.status === 'payable' ? 'cancel_refund' : 'invoice', amount: refund.amount, refundId: refund.id };
}

export type ReinstatementRefusal = 'policy_not_cancelled' | 'policy_not_reinstatable' | 'reinstatement_after_period';

/**
 * Only a cancelled policy is reinstated: an in-force one has nothing to reinstate, an expired or void one
 * cannot come back (void: JPF-COND-5, never in force). After the period's last day (in the insured's time
 * zone) there is no cover left to reinstate: renewal or a new policy is the way.
 */
export function reinstatementRefusal(status: string, today: Temporal.PlainDate, lastDay: Temporal.PlainDate): ReinstatementRefusal | null {
  if (status === 'in_force') return 'policy_not_cancelled';
  if (status !== 'cancelled') return 'policy_not_reinstatable';
  if (Temporal.PlainDate.compare(today, lastDay) > 0) return 'reinstatement_after_period';
  return null;
}
