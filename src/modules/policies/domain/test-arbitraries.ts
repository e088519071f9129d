import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { type PolicyPeriod, policyPeriod } from './policy-period.ts';

/** fast-check generators shared by the policy domain tests (test code only). */

const EPOCH = Temporal.PlainDate.from('1970-01-01');

export const date = (from = '1970-01-01', to = '2100-12-31'): fc.Arbitrary<Temporal.PlainDate> => {
  const first = EPOCH.until(from).days;
  const last = EPOCH.until(to).days;
  return fc.integer({ min: first, max: last }).map((days) => EPOCH.add({ days }));
};

/** Whole cents as Money, built from text so no float is involved. */
export const centsToMoney = (cents: number): Money => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return Money.of(`${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, 'USD');
};

/** Premiums from $0.00 to $10,000,000.00, with the small amounts (where rounding bites) well represented. */
export const premium = (): fc.Arbitrary<Money> => fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000_000_000 })).map(centsToMoney);

export const period = (termMonths: fc.Arbitrary<number> = fc.constantFrom(12, 12, 12, 1, 3, 6, 24)): fc.Arbitrary<PolicyPeriod> =>
  fc.tuple(date('1972-01-01', '2096-12-31'), termMonths).map(([inception, months]) => policyPeriod(inception, months));

/** A day of the period (offset 0 = first day). */
export const dayIn = (p: PolicyPeriod): fc.Arbitrary<Temporal.PlainDate> => fc.integer({ min: 0, max: p.days - 1 }).map((days) => p.firstDay.add({ days }));

export const periodWithDay = (): fc.Arbitrary<[PolicyPeriod, Temporal.PlainDate]> =>
  period().chain((p) => dayIn(p).map((d) => [p, d] as [PolicyPeriod, Temporal.PlainDate]));

export const d = (text: string): Temporal.PlainDate => Temporal.PlainDate.from(text);
export const usd = (text: string): Money => Money.of(text, 'USD');
