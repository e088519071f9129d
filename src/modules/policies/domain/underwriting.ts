import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';

/**
 * Underwriting of an application (issue #3, "Quote, apply, underwrite, bind"). The rules are the
 * product's data (product definition `underwritingRules`); the demo product refers to an underwriter
 * when an item exceeds $100,000, the total exceeds $250,000, or an appraisal is missing or older
 * than 3 years as of the quote date. Anything else is approved automatically, and marked so.
 *
 * "Exceeds" is strictly more: an item of exactly $100,000.00 is approved. "Older than 3 years": an
 * appraisal dated exactly 3 years before the quote date is still accepted; one day earlier is not.
 */
export type UnderwritingRules = {
  referItemAbove: Money;
  referTotalAbove: Money;
  appraisalRequired: boolean;
  appraisalMaxAgeYears: number;
};

export type UnderwritingItem = { coverageAmount: Money; appraisalDate: Temporal.PlainDate | null };

export type ReferralReason =
  | { code: 'item_above_limit'; item: number; amount: string; limit: string }
  | { code: 'total_above_limit'; amount: string; limit: string }
  | { code: 'appraisal_missing'; item: number }
  | { code: 'appraisal_too_old'; item: number; appraisalDate: string; oldestAccepted: string };

export type UnderwritingOutcome = { decision: 'approve'; automatic: true } | { decision: 'refer'; reasons: ReferralReason[] };

/** The rules as the product definition stores them (decimal strings). */
export function underwritingRulesOf(
  stored: { referItemAbove: string; referTotalAbove: string; appraisalRequired: boolean; appraisalMaxAgeYears: number },
  currency: Money['currency'],
): UnderwritingRules {
  return {
    referItemAbove: Money.of(stored.referItemAbove, currency),
    referTotalAbove: Money.of(stored.referTotalAbove, currency),
    appraisalRequired: stored.appraisalRequired,
    appraisalMaxAgeYears: stored.appraisalMaxAgeYears,
  };
}

/** Items are numbered from 1, as on the schedule. */
export function underwrite(items: readonly UnderwritingItem[], rules: UnderwritingRules, quoteDate: Temporal.PlainDate): UnderwritingOutcome {
  const reasons: ReferralReason[] = [];
  // 29 Feb − 3 years constrains to 28 Feb: the oldest accepted day is then the later of the two candidates.
  const oldestAccepted = quoteDate.subtract({ years: rules.appraisalMaxAgeYears }, { overflow: 'constrain' });
  items.forEach((item, index) => {
    const line = index + 1;
    if (item.coverageAmount.compare(rules.referItemAbove) > 0)
      reasons.push({ code: 'item_above_limit', item: line, amount: item.coverageAmount.toFixed(), limit: rules.referItemAbove.toFixed() });
    if (item.appraisalDate === null) {
      if (rules.appraisalRequired) reasons.push({ code: 'appraisal_missing', item: line });
    } else if (Temporal.PlainDate.compare(item.appraisalDate, oldestAccepted) < 0)
      reasons.push({ code: 'appraisal_too_old', item: line, appraisalDate: item.appraisalDate.toString(), oldestAccepted: oldestAccepted.toString() });
  });
  const currency = rules.referTotalAbove.currency;
  const total = Money.sum(
    items.map((item) => item.coverageAmount),
    currency,
  );
  if (total.compare(rules.referTotalAbove) > 0) reasons.push({ code: 'total_above_limit', amount: total.toFixed(), limit: rules.referTotalAbove.toFixed() });
  return reasons.length === 0 ? { decision: 'approve', automatic: true } : { decision: 'refer', reasons };
}
