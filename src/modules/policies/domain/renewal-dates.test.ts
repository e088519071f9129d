import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { anniversaryOf, inclusiveDays, isInForce, policyPeriod } from './policy-period.ts';
import { isRenewalOfferDue, lapseDate, renewalDates, renewalOfferDate } from './renewal-dates.ts';
import { d, period } from './test-arbitraries.ts';

describe('JPF-COND-7: renewal dates', () => {
  const cases: { inception: string; offerDaysBefore: number; anniversary: string; offer: string; renewalLast: string; why: string }[] = [
    {
      inception: '2026-01-01',
      offerDaysBefore: 45,
      anniversary: '2027-01-01',
      offer: '2026-11-17',
      renewalLast: '2027-12-31',
      why: '1 Jan − 31 = 1 Dec, − 14 = 17 Nov',
    },
    {
      inception: '2023-03-15',
      offerDaysBefore: 30,
      anniversary: '2024-03-15',
      offer: '2024-02-14',
      renewalLast: '2025-03-14',
      why: '15 Mar − 15 = 29 Feb 2024 (leap), − 15 = 14 Feb',
    },
    {
      inception: '2024-02-29',
      offerDaysBefore: 30,
      anniversary: '2025-02-28',
      offer: '2025-01-29',
      renewalLast: '2026-02-27',
      why: '29 Feb inception renews on 28 Feb; 28 Feb − 28 = 31 Jan, − 2 = 29 Jan',
    },
    {
      inception: '2026-06-30',
      offerDaysBefore: 0,
      anniversary: '2027-06-30',
      offer: '2027-06-30',
      renewalLast: '2028-06-29',
      why: 'offer on the anniversary itself',
    },
  ];
  for (const c of cases)
    test(`JPF-COND-7: a term from ${c.inception} renews on ${c.anniversary}, offered ${c.offerDaysBefore} days before on ${c.offer} (${c.why})`, () => {
      const current = policyPeriod(d(c.inception));
      const dates = renewalDates(current, { offerDaysBefore: c.offerDaysBefore });
      assert.equal(dates.anniversary.toString(), c.anniversary);
      assert.equal(dates.offerDate.toString(), c.offer);
      assert.equal(dates.ratingDate.toString(), c.anniversary); // rates in effect at the anniversary
      assert.equal(dates.premiumDueDate.toString(), c.anniversary);
      assert.equal(dates.renewalPeriod.firstDay.toString(), c.anniversary);
      assert.equal(dates.renewalPeriod.lastDay.toString(), c.renewalLast);
      // unpaid: the policy ends with the current period; the lapse takes effect on the anniversary
      assert.equal(dates.lapseDate.toString(), c.anniversary);
      assert.ok(dates.lastCoveredDayIfUnpaid.equals(current.lastDay));
    });

  test('JPF-COND-7: a lapse takes effect on the anniversary: the last covered day is the period’s last day', () => {
    const current = policyPeriod(d('2026-01-01'));
    assert.equal(lapseDate(current).toString(), '2027-01-01');
    assert.equal(isInForce(current, d('2026-12-31')), true);
    assert.equal(isInForce(current, lapseDate(current)), false);
  });

  test('JPF-COND-7: an offer lead longer than a short term is clamped to the term’s first day', () => {
    // 1-month term 1 Feb..28 Feb 2026, anniversary 1 Mar; 1 Mar − 60 days = 31 Dec 2025, before the term → 1 Feb
    assert.equal(renewalOfferDate(policyPeriod(d('2026-02-01'), 1), 60).toString(), '2026-02-01');
    assert.throws(() => renewalOfferDate(policyPeriod(d('2026-02-01')), -1), RangeError);
  });

  test('JPF-COND-7: the offer is due from the offer date until the anniversary', () => {
    const current = policyPeriod(d('2026-01-01')); // offer 45 days before 2027-01-01 = 2026-11-17
    assert.deepEqual(
      ['2026-11-16', '2026-11-17', '2026-12-31', '2027-01-01'].map((today) => isRenewalOfferDue(current, d(today), 45)),
      [false, true, true, false],
    );
  });

  test('JPF-COND-7: a 6-month term renews for 6 months', () => {
    // 2026-01-01 + 6 months = 2026-07-01; renewal 2026-07-01..2026-12-31 = 31+31+30+31+30+31 = 184 days
    const dates = renewalDates(policyPeriod(d('2026-01-01'), 6), { offerDaysBefore: 30, termMonths: 6 });
    assert.deepEqual(
      [dates.renewalPeriod.firstDay.toString(), dates.renewalPeriod.lastDay.toString(), dates.renewalPeriod.days],
      ['2026-07-01', '2026-12-31', 184],
    );
  });

  test('property JPF-COND-7: the renewal starts the day after the current term ends; the offer lies within the current term', () => {
    fc.assert(
      fc.property(period(fc.constant(12)), fc.integer({ min: 0, max: 400 }), (current, offerDaysBefore) => {
        const dates = renewalDates(current, { offerDaysBefore });
        assert.equal(current.lastDay.until(dates.renewalPeriod.firstDay).days, 1);
        assert.ok(dates.anniversary.equals(anniversaryOf(current)) && dates.lapseDate.equals(dates.anniversary));
        assert.ok(isInForce(current, dates.offerDate) || dates.offerDate.equals(dates.anniversary));
        const lead = dates.offerDate.until(dates.anniversary).days;
        assert.equal(lead, Math.min(offerDaysBefore, current.days));
        assert.equal(inclusiveDays(current.firstDay, dates.renewalPeriod.lastDay), current.days + dates.renewalPeriod.days);
      }),
    );
  });
});
