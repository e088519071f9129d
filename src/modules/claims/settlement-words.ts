import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../platform/db/schema.ts';
import type { Money } from '../../platform/money.ts';

/** Money and dates of the proof of loss and the worksheet, in the reader's language. */

/** "$1,200.00" / "US$ 1.200,00"; amounts as Money or as stored { amount, currency }. */
export function moneyText(locale: Locale, money: Money | { amount: string; currency: string }): string {
  const json = 'toJSON' in money ? money.toJSON() : money;
  const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { style: 'currency', currency: json.currency });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(json.amount as unknown as number);
}

/** "10 April 2027" / "10 april 2027". */
export function dayText(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/** An instant as the day it was in the claim's time zone. */
export function instantDayText(locale: Locale, instant: string, timeZone: string): string {
  return dayText(locale, Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString());
}
