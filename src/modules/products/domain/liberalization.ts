import { Temporal } from 'temporal-polyfill';

/**
 * JPF-COND-3 (Liberalization): "If a revision of a form or endorsement that would broaden coverage
 * without an additional premium is adopted during the policy period, or within six months before
 * the policy is effective, the broadened coverage will apply."
 *
 * How the days are counted (written down, as issue #3 asks for every date rule):
 *  - the policy period runs from its first day to its last day, both included;
 *  - "within six months before" is calendar months back from the first day, with the day clamped to
 *    the month's end (first day 2026-08-31 → 2026-02-28), and that day itself is within: a revision
 *    adopted on it applies, one adopted the day before does not;
 *  - a revision adopted after the last day was not adopted during the period and does not apply;
 *  - a revision that does not broaden coverage never applies by liberalization (a restricting one
 *    reaches a policy only at renewal, under the product version then in force).
 */
export type ProductRevision = { broadening: boolean; adoptedOn: Temporal.PlainDate };
export type PolicyPeriod = { firstDay: Temporal.PlainDate; lastDay: Temporal.PlainDate };

export const LIBERALIZATION_LOOKBACK = { months: 6 } as const;

export function appliesByLiberalization(revision: ProductRevision, period: PolicyPeriod): boolean {
  if (!revision.broadening) return false;
  const earliest = period.firstDay.subtract(LIBERALIZATION_LOOKBACK);
  return Temporal.PlainDate.compare(revision.adoptedOn, earliest) >= 0 && Temporal.PlainDate.compare(revision.adoptedOn, period.lastDay) <= 0;
}
