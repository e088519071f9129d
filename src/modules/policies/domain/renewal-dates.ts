import { Temporal } from 'temporal-polyfill';
import { anniversaryOf, type PolicyPeriod, policyPeriod } from './policy-period.ts';

/**
 * Renewal dates (JPF-COND-7). Decision 0005.
 *
 * The renewal term starts on the anniversary (the day after the current term's last day) and is rated with
 * the rates and forms in effect on that date. The offer goes out `offerDaysBefore` days before the
 * anniversary (a product setting). If the renewal premium is not paid when due, the offer is not accepted and
 * the policy terminates at the end of the current period: cover ends at 00:01 on the anniversary.
 */

export type RenewalDates = {
  readonly anniversary: Temporal.PlainDate;
  /** The day the renewal offer is made: anniversary − offerDaysBefore, never before the current term starts. */
  readonly offerDate: Temporal.PlainDate;
  /** JPF-COND-7: "rates in effect at each anniversary date" — the date the renewal is rated on. */
  readonly ratingDate: Temporal.PlainDate;
  /** The renewal premium is due when the renewal term starts. */
  readonly premiumDueDate: Temporal.PlainDate;
  readonly renewalPeriod: PolicyPeriod;
  /** If unpaid: the lapse's effective date (the first day without cover) and the last covered day. */
  readonly lapseDate: Temporal.PlainDate;
  readonly lastCoveredDayIfUnpaid: Temporal.PlainDate;
};

/** The renewal offer date: anniversary − offerDaysBefore, clamped to the current term's first day. */
export function renewalOfferDate(period: PolicyPeriod, offerDaysBefore: number): Temporal.PlainDate {
  if (!Number.isInteger(offerDaysBefore) || offerDaysBefore < 0) throw new RangeError(`Offer days must be a whole number ≥ 0, not ${offerDaysBefore}`);
  const offerDate = anniversaryOf(period).subtract({ days: offerDaysBefore });
  // A short term with a long offer lead would otherwise offer the renewal before the term it renews exists.
  return Temporal.PlainDate.compare(offerDate, period.firstDay) < 0 ? period.firstDay : offerDate;
}

/**
 * JPF-COND-7: a lapse for an unpaid renewal takes effect at the end of the current period, i.e. at 00:01 on
 * the anniversary; like a cancellation's effective date, this is the first day without cover.
 */
export function lapseDate(period: PolicyPeriod): Temporal.PlainDate {
  return anniversaryOf(period);
}

/**
 * All the dates of one renewal. The renewal term has the same length in months and starts on the anniversary,
 * so a policy that started on 29 February renews on 28 February from then on.
 */
export function renewalDates(period: PolicyPeriod, options: { offerDaysBefore: number; termMonths?: number }): RenewalDates {
  const anniversary = anniversaryOf(period);
  return {
    anniversary,
    offerDate: renewalOfferDate(period, options.offerDaysBefore),
    ratingDate: anniversary,
    premiumDueDate: anniversary,
    renewalPeriod: policyPeriod(anniversary, options.termMonths ?? 12),
    lapseDate: lapseDate(period),
    lastCoveredDayIfUnpaid: period.lastDay,
  };
}

/** Whether the renewal offer should have gone out by `today`: on or after the offer date, before the anniversary. */
export function isRenewalOfferDue(period: PolicyPeriod, today: Temporal.PlainDate, offerDaysBefore: number): boolean {
  return Temporal.PlainDate.compare(renewalOfferDate(period, offerDaysBefore), today) <= 0 && Temporal.PlainDate.compare(today, anniversaryOf(period)) < 0;
}
