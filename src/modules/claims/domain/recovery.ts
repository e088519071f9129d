import { Temporal } from 'temporal-polyfill';
import type { RecoveryKind, RecoveryOutcome, RecoveryParty } from '../../../platform/db/schema-claims-recovery.ts';
import { Money } from '../../../platform/money.ts';

/**
 * "Claims Against Others", 2. Recoveries (JPF-SUBRO-2), as pure rules:
 *
 *   "In the event of a recovery, any covered property replaced or paid for will become our property. You must
 *    notify us or we must notify you promptly if either receives a recovery for a loss we have settled."
 */

/**
 * What a recovery does:
 *  - an item found that the insurer already paid for (or replaced) becomes the insurer's: title passes;
 *  - an item found before it was paid for is no longer lost: the claim for that item is withdrawn instead
 *    (nothing becomes the insurer's, nothing is paid for it);
 *  - money recovered from others is booked against what the insurer paid.
 */
export function recoveryOutcome(kind: RecoveryKind, itemPaidFor: boolean): RecoveryOutcome {
  if (kind === 'money') return 'money_booked';
  return itemPaidFor ? 'title_passed' : 'item_withdrawn';
}

/** JPF-SUBRO-2: each side notifies the other — the insured's report goes to the insurer and the other way round. */
export function partyToNotify(reportedBy: RecoveryParty): RecoveryParty {
  return reportedBy === 'insured' ? 'insurer' : 'insured';
}

/**
 * The claim's net paid: payments minus money recovered. The policy form does not say who gets a recovery above
 * what was paid (for instance the deductible), so the net is shown as it is — below zero when the recoveries
 * exceed the payments — for the adjuster to settle with the insured; it is not capped here.
 */
export function netPaid(paid: Money, moneyRecovered: readonly Money[]): Money {
  return paid.minus(Money.sum(moneyRecovered, paid.currency));
}

/**
 * Every item of the claim was found before it was paid for: nothing is left to settle and the claim closes.
 * Lines are the claim's item lines; `withdrawn` are the lines found unpaid (this recovery included).
 */
export function everyItemWithdrawn(claimLines: readonly number[], withdrawn: readonly number[]): boolean {
  const found = new Set(withdrawn);
  return claimLines.length > 0 && claimLines.every((line) => found.has(line));
}

export type RecoveryDateProblem = 'date_in_future' | 'before_loss';

/** A recovery happens after the loss (on its day at the earliest) and not after today (the policy's time zone). */
export function recoveryDateProblem(recoveredOn: string, lossDate: string, today: string): RecoveryDateProblem | null {
  const on = Temporal.PlainDate.from(recoveredOn);
  if (Temporal.PlainDate.compare(on, Temporal.PlainDate.from(today)) > 0) return 'date_in_future';
  if (Temporal.PlainDate.compare(on, Temporal.PlainDate.from(lossDate)) < 0) return 'before_loss';
  return null;
}
