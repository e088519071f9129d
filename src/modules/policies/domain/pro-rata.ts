import { Temporal } from 'temporal-polyfill';
import type { Money } from '../../../platform/money.ts';
import { anniversaryOf, daysInPeriod, inclusiveDays, isInForce, type PolicyPeriod } from './policy-period.ts';

/**
 * Pro rata by day (DESIGN §4: each policy transaction carries its own premium change, pro rata by day;
 * JPF-CANCEL-1, JPF-CANCEL-2, JPF-ADD-1, JPF-SETTLE-7). Decision 0005.
 *
 * `termPremium` is the premium for the whole period (the annual premium of a 12-month term).
 * The exact share is premium × days / period days; it is rounded half-up to cents once, at the end.
 * Decimal division keeps 40 significant digits. The exact share is a fraction over the period's days, so it is
 * either exactly on a half cent or at least (smallest unit of the premium) / (period days) away from one, far
 * above the 40th digit: rounding the quotient to cents gives the same cent as rounding the exact fraction.
 */

function assertDayInPeriodOrAnniversary(period: PolicyPeriod, date: Temporal.PlainDate, what: string): void {
  if (!isInForce(period, date) && !date.equals(anniversaryOf(period)))
    throw new RangeError(`${what} ${date} is outside the period ${period.firstDay}..${period.lastDay}`);
}

function assertWholeCents(premium: Money): void {
  if (!premium.roundToCents().equals(premium)) throw new RangeError(`A premium to split must be whole cents, not ${premium.amount.toString()}`);
}

/** Premium × days(from..to, both included) / period days, half-up to cents. */
export function proRataPremium(termPremium: Money, period: PolicyPeriod, from: Temporal.PlainDate, to: Temporal.PlainDate): Money {
  if (!isInForce(period, from) || !isInForce(period, to) || Temporal.PlainDate.compare(from, to) > 0)
    throw new RangeError(`${from}..${to} is not a run of days inside ${period.firstDay}..${period.lastDay}`);
  return termPremium.times(inclusiveDays(from, to)).dividedBy(daysInPeriod(period)).roundToCents();
}

/**
 * The unearned premium on `date`: the share for the days from `date` to the last day, both included, half-up.
 * `date` may be the anniversary (nothing left: zero). This is the refund when cover ends at 00:01 on `date`
 * (JPF-CANCEL-1, JPF-CANCEL-2) and the charge when cover starts on `date` (JPF-ADD-1).
 */
export function unearnedPremium(termPremium: Money, period: PolicyPeriod, date: Temporal.PlainDate): Money {
  assertDayInPeriodOrAnniversary(period, date, 'Date');
  return termPremium.times(inclusiveDays(date, period.lastDay)).dividedBy(daysInPeriod(period)).roundToCents();
}

export type PremiumPiece = {
  readonly from: Temporal.PlainDate;
  readonly to: Temporal.PlainDate;
  readonly days: number;
  readonly premium: Money;
};

/**
 * Splits a term's premium into day-counted pieces that add up to it exactly (decision 0005).
 *
 * Each cut date is the first day of a new piece. Rule: round the running total, counted back from the end of
 * the period. A piece from `a` up to the day before `b` gets unearned(a) − unearned(b), where unearned(d) is
 * the half-up share of the days d..lastDay. So:
 * - the pieces telescope to unearned(firstDay) − unearned(anniversary) = premium − 0, exactly;
 * - no piece is negative (half-up rounding never decreases as the days grow) and each is within one cent of
 *   its exact share;
 * - a piece depends only on its own two dates: adding a cut elsewhere never moves a cent in an older piece;
 * - every piece that runs to the end of the period equals `unearnedPremium`, i.e. the refund of JPF-CANCEL-1/2
 *   and the charge of JPF-ADD-1 are pieces of this split.
 * A piece in the middle may differ by one cent from `proRataPremium` of the same days, which rounds alone.
 *
 * Cut dates may come in any order; duplicates and a cut on the first day change nothing. A cut outside the
 * period is a programming error (RangeError).
 */
export function splitPremiumByDay(premium: Money, period: PolicyPeriod, cutDates: readonly Temporal.PlainDate[]): PremiumPiece[] {
  assertWholeCents(premium);
  for (const cut of cutDates) if (!isInForce(period, cut)) throw new RangeError(`Cut date ${cut} is outside ${period.firstDay}..${period.lastDay}`);
  const starts = [...cutDates, period.firstDay]
    .sort(Temporal.PlainDate.compare)
    .filter((date, index, sorted) => index === 0 || !date.equals(sorted[index - 1]!));
  const anniversary = anniversaryOf(period);
  return starts.map((from, index) => {
    const next = starts[index + 1] ?? anniversary;
    return {
      from,
      to: next.subtract({ days: 1 }),
      days: inclusiveDays(from, next.subtract({ days: 1 })),
      premium: unearnedPremium(premium, period, from).minus(unearnedPremium(premium, period, next)),
    };
  });
}
