import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../platform/db/schema.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { Money } from '../../platform/money.ts';
import type { Recovery } from './recovery-repository.ts';

/** How recoveries and appraisal amounts read to people, in their language (mails, the claim pages). */

/** "$1,200.00" / "US$ 1.200,00". */
export function formatAmount(locale: Locale, money: Money): string {
  const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { style: 'currency', currency: money.currency });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(money.toFixed() as unknown as number);
}

/** "10 April 2027" / "10 april 2027". */
export function formatDay(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/** One line about a recovery: "Ring found (line 1)", "Money recovered: $1,200.00 from Swift Couriers". */
export function recoveryText(locale: Locale, recovery: Pick<Recovery, 'kind' | 'lineNo' | 'description' | 'amount' | 'recoveredFrom'>): string {
  if (recovery.kind === 'item_found')
    return translate(locale, 'claims_recovery.text.item_found', { description: recovery.description, lineNo: recovery.lineNo ?? 0 });
  const amount = recovery.amount ? formatAmount(locale, recovery.amount) : '';
  return recovery.recoveredFrom
    ? translate(locale, 'claims_recovery.text.money_from', { amount, from: recovery.recoveredFrom, description: recovery.description })
    : translate(locale, 'claims_recovery.text.money', { amount, description: recovery.description });
}
