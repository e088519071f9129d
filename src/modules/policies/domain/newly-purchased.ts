import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { inclusiveDays, isInForce, type PolicyPeriod } from './policy-period.ts';
import { unearnedPremium } from './pro-rata.ts';

/**
 * Newly purchased jewelry (JPF-ADD-1, JPF-ADD-2). Decision 0005.
 *
 * "Within 30 days from the date of purchase" counts days after the purchase: the purchase day is day 0, so a
 * report received on purchase + 30 days is in time and one on purchase + 31 is late. (Contrast "during the
 * first 30 days" of JPF-CANCEL-1, where the first day of the period is day 1.) The report is complete on the
 * day the last of the three required documents arrives: written request, sales receipt, appraisal.
 */

export const NEW_PURCHASE_REPORT_DAYS = 30;

export type NewPurchaseDocuments = {
  readonly writtenRequest?: Temporal.PlainDate;
  readonly salesReceipt?: Temporal.PlainDate;
  readonly appraisal?: Temporal.PlainDate;
};

export type NewPurchaseInput = {
  readonly period: PolicyPeriod;
  readonly purchaseDate: Temporal.PlainDate;
  /** The date each required document was received, if it has been. */
  readonly received: NewPurchaseDocuments;
  /** The item's premium for a whole term, from the rating tables. */
  readonly itemTermPremium: Money;
};

export type NewPurchaseRefusal =
  | { readonly ok: false; readonly reason: 'purchased_before_period' | 'purchased_after_period' | 'purchase_after_report' | 'reported_after_30_days' }
  | { readonly ok: false; readonly reason: 'incomplete_report'; readonly missing: readonly (keyof NewPurchaseDocuments)[] };

export type NewPurchaseAccepted = {
  readonly ok: true;
  /** JPF-ADD-1: cover from the date of purchase, not from the report. */
  readonly coverFrom: Temporal.PlainDate;
  readonly reportedDate: Temporal.PlainDate;
  readonly daysAfterPurchase: number;
  /** Days charged: purchase date to the period's last day, both included. */
  readonly premiumDays: number;
  readonly premium: Money;
};

/** The last day on which a complete report is in time: purchase + 30 days. */
export function newPurchaseReportDeadline(purchaseDate: Temporal.PlainDate): Temporal.PlainDate {
  return purchaseDate.add({ days: NEW_PURCHASE_REPORT_DAYS });
}

const REQUIRED: readonly (keyof NewPurchaseDocuments)[] = ['writtenRequest', 'salesReceipt', 'appraisal'];

/**
 * JPF-ADD-1: jewelry bought during the period and reported in time is added from its purchase date, and its
 * premium is charged pro rata by day from the purchase date to the end of the period (half-up; the same
 * amount as the last piece of `splitPremiumByDay` cut at the purchase date). A report completed after the
 * period ends is still in time if within 30 days; this term charges up to its own last day, and the renewal
 * carries the item on.
 */
export function acceptNewPurchase(input: NewPurchaseInput): NewPurchaseAccepted | NewPurchaseRefusal {
  const { period, purchaseDate, received, itemTermPremium } = input;
  if (itemTermPremium.isNegative()) throw new RangeError(`An item premium cannot be negative: ${itemTermPremium}`);
  // "jewelry that you purchase during the policy period"
  if (Temporal.PlainDate.compare(purchaseDate, period.firstDay) < 0) return { ok: false, reason: 'purchased_before_period' };
  if (Temporal.PlainDate.compare(purchaseDate, period.lastDay) > 0) return { ok: false, reason: 'purchased_after_period' };
  const missing = REQUIRED.filter((document) => received[document] === undefined);
  if (missing.length > 0) return { ok: false, reason: 'incomplete_report', missing };
  const reportedDate = REQUIRED.map((document) => received[document]!).reduce((latest, date) => (Temporal.PlainDate.compare(date, latest) > 0 ? date : latest));
  if (Temporal.PlainDate.compare(purchaseDate, reportedDate) > 0) return { ok: false, reason: 'purchase_after_report' };
  const daysAfterPurchase = purchaseDate.until(reportedDate, { largestUnit: 'days' }).days;
  // JPF-ADD-1: "Coverage will cease ... if not reported to us within this 30-day period."
  if (daysAfterPurchase > NEW_PURCHASE_REPORT_DAYS) return { ok: false, reason: 'reported_after_30_days' };
  return {
    ok: true,
    coverFrom: purchaseDate,
    reportedDate,
    daysAfterPurchase,
    premiumDays: inclusiveDays(purchaseDate, period.lastDay),
    premium: unearnedPremium(itemTermPremium, period, purchaseDate),
  };
}

export type UnreportedCover =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'purchased_outside_period' | 'loss_before_purchase' | 'loss_outside_period' | 'not_reported_within_30_days' };

/**
 * JPF-ADD-1: before it is reported, a new purchase is covered from its purchase date for 30 days (subject to
 * the JPF-ADD-2 cap); after that, unreported, it is not. Checks one term; a loss after the anniversary falls
 * under the renewal term.
 */
export function unreportedPurchaseCover(period: PolicyPeriod, purchaseDate: Temporal.PlainDate, lossDate: Temporal.PlainDate): UnreportedCover {
  if (!isInForce(period, purchaseDate)) return { ok: false, reason: 'purchased_outside_period' };
  if (Temporal.PlainDate.compare(lossDate, purchaseDate) < 0) return { ok: false, reason: 'loss_before_purchase' };
  if (!isInForce(period, lossDate)) return { ok: false, reason: 'loss_outside_period' };
  if (Temporal.PlainDate.compare(lossDate, newPurchaseReportDeadline(purchaseDate)) > 0) return { ok: false, reason: 'not_reported_within_30_days' };
  return { ok: true };
}

export type NewPurchaseCapCandidates = {
  readonly quarterOfScheduledLimit: Money;
  readonly absoluteLimit: Money;
  readonly repairOrReplaceCost: Money;
};

/**
 * JPF-ADD-2, the three candidates, for the settlement worksheet: 25% of the total limit of insurance for the
 * scheduled items (half-up to cents), $10,000 (a product setting for other currencies), and the cost to repair,
 * replace or rebuild. `repairOrReplaceCost` is the total for all newly purchased items in the loss: the cap is
 * "for all such items" together, not per item.
 */
export function newlyPurchasedCapCandidates(
  totalScheduledLimit: Money,
  repairOrReplaceCost: Money,
  absoluteLimit: Money = Money.of('10000.00', 'USD'),
): NewPurchaseCapCandidates {
  for (const [what, amount] of [
    ['Total scheduled limit', totalScheduledLimit],
    ['Repair or replace cost', repairOrReplaceCost],
    ['Absolute limit', absoluteLimit],
  ] as const)
    if (amount.isNegative()) throw new RangeError(`${what} cannot be negative: ${amount}`);
  return { quarterOfScheduledLimit: totalScheduledLimit.times('0.25').roundToCents(), absoluteLimit, repairOrReplaceCost };
}

/** JPF-ADD-2: the most paid for all newly purchased items in a loss = the smallest of the three candidates. */
export function newlyPurchasedCap(totalScheduledLimit: Money, repairOrReplaceCost: Money, absoluteLimit?: Money): Money {
  const candidates = newlyPurchasedCapCandidates(totalScheduledLimit, repairOrReplaceCost, absoluteLimit);
  return candidates.quarterOfScheduledLimit.min(candidates.absoluteLimit).min(candidates.repairOrReplaceCost);
}
