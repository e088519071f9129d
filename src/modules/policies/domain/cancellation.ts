import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { dayOfPeriod, inclusiveDays, type PolicyPeriod } from './policy-period.ts';
import { unearnedPremium } from './pro-rata.ts';

/**
 * Cancellation refunds (JPF-CANCEL-1, JPF-CANCEL-2, JPF-CANCEL-3). Decision 0005.
 *
 * The effective date is the first day without cover: cover ends at 00:01 on it, as it does on an
 * anniversary, so the days covered are firstDay..effectiveDate − 1 and the unused days effectiveDate..lastDay.
 * A cancellation effective on the first day is flat (nothing covered). The refund is computed against the
 * premium paid so far: refund = paid − earned, never below zero; what the insured still owes for the days
 * covered is `balanceDue` (billing's business; JPF-CANCEL-3 says the refund is not a condition of cancelling).
 */

export type RefundRule = 'full_refund_window' | 'pro_rata';

export type CancellationRefund = {
  readonly ok: true;
  readonly rule: RefundRule;
  readonly effectiveDate: Temporal.PlainDate;
  /** Day number of the effective date, day 1 being the period's first day. */
  readonly dayOfPeriod: number;
  readonly daysCovered: number;
  readonly daysUnused: number;
  readonly earnedPremium: Money;
  readonly unearnedPremium: Money;
  readonly refund: Money;
  readonly balanceDue: Money;
};

export type OutsidePeriod = { readonly ok: false; readonly reason: 'effective_date_before_period' | 'effective_date_after_period' };

export type InsuredCancellationInput = {
  readonly period: PolicyPeriod;
  readonly termPremium: Money;
  readonly premiumPaid: Money;
  readonly effectiveDate: Temporal.PlainDate;
  /**
   * The unearned premium on the effective date when the term's premium is not one amount over the whole period
   * (items added, changed or removed during it): the policy timeline's charged premium minus what it earned
   * before the date (decision 0009). Without it, the term premium's own pro-rata share.
   */
  readonly unearnedOnEffectiveDate?: Money;
  /** JPF-CANCEL-1 says 30; a jurisdiction may require more (JPF-COND-2). */
  readonly fullRefundDays?: number;
};

function assertNotNegative(amount: Money, what: string): void {
  if (amount.isNegative()) throw new RangeError(`${what} cannot be negative: ${amount}`);
}

function outsidePeriod(period: PolicyPeriod, effectiveDate: Temporal.PlainDate): OutsidePeriod | undefined {
  if (Temporal.PlainDate.compare(effectiveDate, period.firstDay) < 0) return { ok: false, reason: 'effective_date_before_period' };
  // Effective on the anniversary or later: the term has already ended, there is nothing left to cancel.
  if (Temporal.PlainDate.compare(effectiveDate, period.lastDay) > 0) return { ok: false, reason: 'effective_date_after_period' };
  return undefined;
}

function refundFor(input: Omit<InsuredCancellationInput, 'fullRefundDays'>, rule: RefundRule): CancellationRefund {
  const { period, termPremium, premiumPaid, effectiveDate } = input;
  assertNotNegative(termPremium, 'Term premium');
  assertNotNegative(premiumPaid, 'Premium paid');
  // JPF-CANCEL-1: inside the window nothing is earned; otherwise the unused days' share, half-up (pro-rata.ts).
  const unearned = rule === 'full_refund_window' ? termPremium : (input.unearnedOnEffectiveDate ?? unearnedPremium(termPremium, period, effectiveDate));
  const earned = termPremium.minus(unearned);
  const zero = Money.zero(termPremium.currency);
  return {
    ok: true,
    rule,
    effectiveDate,
    dayOfPeriod: dayOfPeriod(period, effectiveDate),
    daysCovered: inclusiveDays(period.firstDay, effectiveDate.subtract({ days: 1 })),
    daysUnused: inclusiveDays(effectiveDate, period.lastDay),
    earnedPremium: earned,
    unearnedPremium: unearned,
    refund: premiumPaid.minus(earned).max(zero),
    balanceDue: earned.minus(premiumPaid).max(zero),
  };
}

/**
 * JPF-CANCEL-1: the insured may cancel at any time. Effective on day 1..30 of the period (day 1 = first day):
 * the premium paid is refunded in full. From day 31: the unearned premium, pro rata by day, half-up.
 */
export function insuredCancellationRefund(input: InsuredCancellationInput): CancellationRefund | OutsidePeriod {
  const fullRefundDays = input.fullRefundDays ?? 30;
  if (!Number.isInteger(fullRefundDays) || fullRefundDays < 0) throw new RangeError(`Full-refund days must be a whole number ≥ 0, not ${fullRefundDays}`);
  const outside = outsidePeriod(input.period, input.effectiveDate);
  if (outside) return outside;
  const day = dayOfPeriod(input.period, input.effectiveDate);
  return refundFor(input, day <= fullRefundDays ? 'full_refund_window' : 'pro_rata');
}

/**
 * JPF-CANCEL-2: the insurer must give at least `noticeDays` days' written notice (10 unless a statute says
 * otherwise, JPF-COND-2). Counted the usual way for periods after an act: the notice day is excluded, the last
 * day included, so notice on 25 January allows cancellation effective 4 February (at 00:01). The notice date
 * is the date of delivery or mailing (proof of mailing suffices); a jurisdiction that adds days for the post
 * raises `noticeDays`.
 */
export function earliestInsurerCancellationDate(noticeDate: Temporal.PlainDate, noticeDays = 10): Temporal.PlainDate {
  if (!Number.isInteger(noticeDays) || noticeDays < 0) throw new RangeError(`Notice days must be a whole number ≥ 0, not ${noticeDays}`);
  return noticeDate.add({ days: noticeDays });
}

export type InsurerCancellationInput = Omit<InsuredCancellationInput, 'fullRefundDays'> & {
  readonly noticeDate: Temporal.PlainDate;
  readonly noticeDays?: number;
};

export type NoticeTooShort = { readonly ok: false; readonly reason: 'notice_too_short'; readonly earliestEffectiveDate: Temporal.PlainDate };

/** JPF-CANCEL-2: insurer cancellation, pro rata by day from the effective date; no 30-day full refund. */
export function insurerCancellationRefund(input: InsurerCancellationInput): CancellationRefund | OutsidePeriod | NoticeTooShort {
  const outside = outsidePeriod(input.period, input.effectiveDate);
  if (outside) return outside;
  const earliest = earliestInsurerCancellationDate(input.noticeDate, input.noticeDays);
  if (Temporal.PlainDate.compare(input.effectiveDate, earliest) < 0) return { ok: false, reason: 'notice_too_short', earliestEffectiveDate: earliest };
  return refundFor(input, 'pro_rata');
}
