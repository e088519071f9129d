import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../platform/db/schema.ts';
import { translate } from '../../platform/i18n/index.ts';
import { daysUntil, isDiaryKind } from './domain/claim-deadlines.ts';

/**
 * How a deadline reads to people, in their language (issue #4: "in plain words", EN/NL): shared by the reminder
 * mails, the portal's "what we need from you" and the back office's diary.
 */

/** "10 April 2027" / "10 april 2027". */
export function formatDiaryDate(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/** The calendar date of an instant in the claim's time zone ("when was it asked", "when was it answered"). */
export function dateIn(timeZone: string, instant: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** What the deadline is about: the kind in words, with the adjuster's note (which records, where) when there is one. */
export function dutyText(locale: Locale, kind: string, note: string | null): string {
  const what = isDiaryKind(kind) ? translate(locale, `claims_diary.kind.${kind}`) : kind;
  return note ? translate(locale, 'claims_diary.kind_with_note', { what, note }) : what;
}

/** The clause behind the deadline in plain words. */
export function clauseText(locale: Locale, kind: string): string {
  return isDiaryKind(kind) ? translate(locale, `claims_diary.clause.${kind}`) : '';
}

/** When it is due, relative to today: "by 10 April 2027 (in 5 days)", "today", "was due 1 March 2027 (overdue)". */
export function dueText(locale: Locale, dueOn: string, today: Temporal.PlainDate): string {
  const date = formatDiaryDate(locale, dueOn);
  const days = daysUntil(dueOn, today);
  if (days < 0) return translate(locale, 'claims_diary.due.overdue', { date, days: -days });
  if (days === 0) return translate(locale, 'claims_diary.due.today', { date });
  if (days === 1) return translate(locale, 'claims_diary.due.tomorrow', { date });
  return translate(locale, 'claims_diary.due.in_days', { date, days });
}
