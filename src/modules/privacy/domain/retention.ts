import { Temporal } from 'temporal-polyfill';
import type { RetentionPeriod, RetentionRule } from './retention-rules.ts';

/**
 * When a row's retention ends (PRV-RET-1). Pure: the start comes from the row (its anchor column), the
 * time zone from the insurer's configuration, the clock from the caller. A rule without a period never
 * ends by time (null).
 */

/** The first day the value is no longer kept: the start date plus the period, on the calendar. */
export function retentionEndsOn(rule: RetentionRule, startedOn: Temporal.PlainDate): Temporal.PlainDate | null {
  if (!rule.period) return null;
  // Temporal constrains: 2020-02-29 + 7 years = 2027-02-28 (the month has no 29th), never 2027-03-01.
  return startedOn.add(rule.period, { overflow: 'constrain' });
}

/** For an instant (created_at, expires_at…): the period is added in the named time zone, so days are calendar days. */
export function retentionEndsAt(rule: RetentionRule, startedAt: Temporal.Instant, timeZone: string): Temporal.Instant | null {
  if (!rule.period) return null;
  return startedAt.toZonedDateTimeISO(timeZone).add(rule.period, { overflow: 'constrain' }).toInstant();
}

/** True when the retention has ended at `now`: the end is at or before now. */
export function isRetentionOver(rule: RetentionRule, start: Temporal.Instant | Temporal.PlainDate, now: Temporal.Instant, timeZone: string): boolean {
  if (start instanceof Temporal.PlainDate) {
    const end = retentionEndsOn(rule, start);
    return end !== null && Temporal.PlainDate.compare(end, now.toZonedDateTimeISO(timeZone).toPlainDate()) <= 0;
  }
  const end = retentionEndsAt(rule, start, timeZone);
  return end !== null && Temporal.Instant.compare(end, now) <= 0;
}

/**
 * A bound for the database query: every start whose retention is over lies before this instant. The
 * calendar can make a period a few days shorter than "now minus the period" (29 February, DST), so the
 * bound is widened by SLACK_DAYS and each candidate is then decided exactly by isRetentionOver.
 */
const SLACK_DAYS = 4;

export function candidateCutoff(period: RetentionPeriod, now: Temporal.Instant, timeZone: string): Temporal.Instant {
  return now.toZonedDateTimeISO(timeZone).subtract(period, { overflow: 'constrain' }).add({ days: SLACK_DAYS }).toInstant();
}
