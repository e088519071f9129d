import { Temporal } from 'temporal-polyfill';

/**
 * The policy period and the days it covers (decision 0005).
 *
 * A term starts at 00:01 local time on its first day and runs to 00:01 local time on its anniversary
 * (first day + term months), so the last covered day is the anniversary − 1 day and the anniversary is the
 * first day of the renewal term: consecutive terms tile without a gap or an overlap. "Local" is the named
 * time zone of the named insured's address on the declarations page (JPF-DEF-3).
 *
 * A 29 February inception has its anniversary on 28 February (Temporal's `constrain`): the term is one day
 * shorter rather than running into March. Every rule that counts days uses whole calendar days, so a term
 * that contains 29 February has 366 days.
 */
export type PolicyPeriod = {
  readonly firstDay: Temporal.PlainDate;
  readonly lastDay: Temporal.PlainDate;
  /** Calendar days from firstDay to lastDay, both included. */
  readonly days: number;
};

/** The wall-clock time at which cover starts on the first day and ends on the anniversary. */
export const COVER_CHANGE_TIME = Temporal.PlainTime.from('00:01');

export function policyPeriod(inceptionDate: Temporal.PlainDate, termMonths = 12): PolicyPeriod {
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 120)
    throw new RangeError(`A term is a whole number of months from 1 to 120, not ${termMonths}`);
  const anniversary = inceptionDate.add({ months: termMonths }, { overflow: 'constrain' });
  const lastDay = anniversary.subtract({ days: 1 });
  return { firstDay: inceptionDate, lastDay, days: inclusiveDays(inceptionDate, lastDay) };
}

/** The anniversary: the day after the last covered day, the first day of the renewal term. */
export function anniversaryOf(period: PolicyPeriod): Temporal.PlainDate {
  return period.lastDay.add({ days: 1 });
}

/** Calendar days from `from` to `to`, both included: 2024-01-01..2024-12-31 is 366. Zero when `to` is before `from`. */
export function inclusiveDays(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return Math.max(0, from.until(to, { largestUnit: 'days' }).days + 1);
}

/** Calendar days in the period, recounted from its dates (a leap year gives 366). */
export function daysInPeriod(period: PolicyPeriod): number {
  return inclusiveDays(period.firstDay, period.lastDay);
}

/** Whether `date` is one of the period's covered days (firstDay ≤ date ≤ lastDay). */
export function isInForce(period: PolicyPeriod, date: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(period.firstDay, date) <= 0 && Temporal.PlainDate.compare(date, period.lastDay) <= 0;
}

/**
 * Day number within the period, day 1 being the first day: the counting used by "during the first 30 days"
 * (JPF-CANCEL-1). Dates before the period give 0 or less.
 */
export function dayOfPeriod(period: PolicyPeriod, date: Temporal.PlainDate): number {
  return period.firstDay.until(date, { largestUnit: 'days' }).days + 1;
}

/**
 * Refuses fixed offsets ("+01:00"): an offset does not follow daylight saving, so it would put a loss on the
 * wrong day for half the year. Unknown names throw RangeError from Temporal itself.
 */
function namedTimeZone(timeZone: string): string {
  if (/^[+-]/.test(timeZone.trim())) throw new RangeError(`Use a named IANA time zone, not the offset ${timeZone}`);
  return timeZone;
}

/** "What day is it for this insured": the calendar date of an instant in the insured's named time zone. */
export function localDateOf(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(namedTimeZone(timeZone)).toPlainDate();
}

/**
 * The instant cover changes on `date`: 00:01 local time. Where 00:01 does not exist (a daylight-saving jump at
 * midnight, e.g. America/Santiago in September) it is the first minute after the jump (`compatible`).
 */
export function coverChangeInstant(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return date.toZonedDateTime({ timeZone: namedTimeZone(timeZone), plainTime: COVER_CHANGE_TIME }).toInstant();
}

/**
 * In force at an exact instant: from 00:01 on the first day (included) to 00:01 on the anniversary (excluded).
 * The first minute of the anniversary (00:00–00:01) still belongs to the expiring term. Use this when the
 * time of a loss is known; `isInForce` when only its date is.
 */
export function isInForceAt(period: PolicyPeriod, instant: Temporal.Instant, timeZone: string): boolean {
  const starts = coverChangeInstant(period.firstDay, timeZone);
  const ends = coverChangeInstant(anniversaryOf(period), timeZone);
  return Temporal.Instant.compare(starts, instant) <= 0 && Temporal.Instant.compare(instant, ends) < 0;
}
