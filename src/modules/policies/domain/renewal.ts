import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import type { RatingRequest, RatingWorksheet } from '../../products/index.ts';
import type { PolicyPeriod } from './policy-period.ts';
import type { ItemChange, TimelineItem } from './policy-timeline.ts';
import { renewalDates } from './renewal-dates.ts';

/**
 * Renewal (JPF-COND-7), the pure rules the renewal job applies to each policy. Decision 0005 for the dates:
 * the renewal term starts on the anniversary and is rated, and its premium falls due, on that day; an unpaid
 * renewal lapses there (the current term's last covered day stays its last day).
 */

/** The offer lead when the product has no renewal setting of its own (docs/operations/renewal.md). */
export const DEFAULT_OFFER_DAYS_BEFORE = 45;

/** An item of the schedule at the end of the period (scheduled_item with removed_on null). */
export type RenewableItem = Omit<TimelineItem, 'annualPremium'> & { readonly itemNo: number };

export type RenewalCandidate = {
  readonly period: PolicyPeriod;
  readonly state: string;
  readonly deductible: Money;
  readonly items: readonly RenewableItem[];
};

/**
 * The renewal term of a period: 12 months from the anniversary (every term is bound for 12 months; a 29 February
 * first day renews on 28 February from then on, decision 0005).
 */
export function renewalTerm(period: PolicyPeriod, termMonths = 12): PolicyPeriod {
  return renewalDates(period, { offerDaysBefore: 0, termMonths }).renewalPeriod;
}

/** JPF-COND-7: the renewal is rated with the rates in effect on the anniversary, for the items renewed. */
export function renewalRatingRequest(candidate: RenewalCandidate): RatingRequest {
  const anniversary = candidate.period.lastDay.add({ days: 1 });
  return {
    ratingDate: anniversary.toString(),
    state: candidate.state,
    deductible: candidate.deductible,
    items: candidate.items.map((item) => ({ category: item.category, coverageAmount: item.coverageAmount, keptInSafe: item.keptInSafe })),
  };
}

/**
 * The items of the renewal term, as the 'add' changes of its first ('renewal') transaction: the same item
 * numbers and details, each with its premium as re-rated on the anniversary (worksheet line n = item n of
 * the request).
 */
export function renewedItemChanges(items: readonly RenewableItem[], worksheet: RatingWorksheet): ItemChange[] {
  if (worksheet.items.length !== items.length) throw new RangeError(`The worksheet rates ${worksheet.items.length} items, not ${items.length}`);
  return items.map((item, index) => {
    const { itemNo, ...rest } = item;
    const rated = worksheet.items[index] as RatingWorksheet['items'][number];
    return { op: 'add', itemNo, item: { ...rest, annualPremium: rated.premium } };
  });
}

/**
 * The renewal invoice is due at the anniversary (JPF-COND-7). An offer made late — the job did not run
 * before the anniversary — is due on the day it is made, so the insured still has a day to pay it.
 */
export function renewalDueOn(anniversary: Temporal.PlainDate, today: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(anniversary, today) >= 0 ? anniversary : today;
}

export type Settlement = 'renew' | 'lapse' | 'withdraw' | 'wait';

/**
 * What becomes of an offer once its anniversary has come (`today` ≥ anniversary, in the insured's zone):
 *  - the policy was cancelled or voided meanwhile → the offer is withdrawn (cancelled/void policies are not renewed);
 *  - the renewal invoice is paid → the renewal term takes effect from the anniversary;
 *  - not paid and its due date has passed → JPF-COND-7: the policy ends at the end of its period (lapse);
 *  - not paid but still due today → wait: a payment on the due date is in time.
 */
export function settlementOf(offer: { policyStatus: string; invoiceStatus: string | null; dueOn: Temporal.PlainDate; today: Temporal.PlainDate }): Settlement {
  if (offer.policyStatus !== 'in_force') return 'withdraw';
  if (offer.invoiceStatus === 'paid') return 'renew';
  return Temporal.PlainDate.compare(offer.today, offer.dueOn) > 0 ? 'lapse' : 'wait';
}

/** Sum of the renewed items' premiums; the worksheet total may be higher (policy minimum premium). */
export function itemsTotal(changes: readonly ItemChange[], currency: Money['currency']): Money {
  return Money.sum(
    changes.flatMap((change) => (change.op === 'add' ? [change.item.annualPremium] : [])),
    currency,
  );
}
