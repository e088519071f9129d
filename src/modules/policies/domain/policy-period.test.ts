import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  anniversaryOf,
  coverChangeInstant,
  dayOfPeriod,
  daysInPeriod,
  inclusiveDays,
  isInForce,
  isInForceAt,
  localDateOf,
  policyPeriod,
} from './policy-period.ts';
import { d, date, period, periodWithDay } from './test-arbitraries.ts';

const instant = (text: string) => Temporal.Instant.from(text);

describe('policy period (decision 0005)', () => {
  const cases: { inception: string; months: number; lastDay: string; days: number; why: string }[] = [
    { inception: '2026-01-01', months: 12, lastDay: '2026-12-31', days: 365, why: 'anniversary 2027-01-01 − 1 day; common year' },
    { inception: '2024-01-01', months: 12, lastDay: '2024-12-31', days: 366, why: 'leap year: 31+29+31+30+31+30+31+31+30+31+30+31 = 366' },
    { inception: '2023-03-01', months: 12, lastDay: '2024-02-29', days: 366, why: 'the term contains 29 Feb 2024' },
    { inception: '2024-02-29', months: 12, lastDay: '2025-02-27', days: 365, why: '29 Feb + 12 months constrains to 28 Feb 2025; 29 Feb..27 Feb = 365' },
    { inception: '2026-01-31', months: 1, lastDay: '2026-02-27', days: 28, why: '31 Jan + 1 month constrains to 28 Feb; 1 (Jan 31) + 27 = 28' },
    { inception: '2026-07-15', months: 6, lastDay: '2027-01-14', days: 184, why: '17 (Jul 15..31) + 31 + 30 + 31 + 30 + 31 + 14 = 184' },
  ];
  for (const c of cases)
    test(`JPF-COND-7: ${c.inception} + ${c.months} month(s) runs to ${c.lastDay}, ${c.days} days (${c.why})`, () => {
      const p = policyPeriod(d(c.inception), c.months);
      assert.equal(p.firstDay.toString(), c.inception);
      assert.equal(p.lastDay.toString(), c.lastDay);
      assert.equal(p.days, c.days);
      assert.equal(daysInPeriod(p), c.days);
    });

  test('JPF-COND-7: a term is a whole number of months', () => {
    assert.throws(() => policyPeriod(d('2026-01-01'), 0), RangeError);
    assert.throws(() => policyPeriod(d('2026-01-01'), 1.5), RangeError);
  });

  test('JPF-COND-7: in force from the first day to the last day, not on the anniversary', () => {
    const p = policyPeriod(d('2026-01-01'));
    // 2025-12-31 is the day before; 2027-01-01 is the anniversary, the renewal term's first day
    assert.deepEqual(
      ['2025-12-31', '2026-01-01', '2026-06-15', '2026-12-31', '2027-01-01'].map((day) => isInForce(p, d(day))),
      [false, true, true, true, false],
    );
    assert.equal(dayOfPeriod(p, d('2026-01-30')), 30); // day 1 = 1 Jan, so 30 Jan is day 30
    assert.equal(inclusiveDays(d('2026-01-01'), d('2026-01-01')), 1);
    assert.equal(inclusiveDays(d('2026-01-02'), d('2026-01-01')), 0);
  });

  test('property JPF-COND-7: the anniversary is inception + term months; days count every calendar day once', () => {
    fc.assert(
      fc.property(date(), fc.integer({ min: 1, max: 36 }), (inception, months) => {
        const p = policyPeriod(inception, months);
        assert.ok(anniversaryOf(p).equals(inception.add({ months })));
        assert.equal(p.days, inception.until(anniversaryOf(p)).days);
        assert.equal(p.days, daysInPeriod(p));
        if (months === 12) {
          const hasLeapDay = [p.firstDay.year, p.lastDay.year].some((y) => {
            const leapDay = Temporal.PlainDate.from({ year: y, month: 2, day: 29 }, { overflow: 'constrain' });
            return leapDay.day === 29 && isInForce(p, leapDay);
          });
          assert.equal(p.days, hasLeapDay ? 366 : 365);
        }
      }),
    );
  });

  test('property JPF-COND-7: consecutive terms tile the calendar without a gap or an overlap', () => {
    fc.assert(
      fc.property(period(), fc.integer({ min: 1, max: 8 }), (first, renewals) => {
        let current = first;
        let total = first.days;
        for (let i = 0; i < renewals; i++) {
          const next = policyPeriod(anniversaryOf(current));
          assert.equal(current.lastDay.until(next.firstDay).days, 1);
          assert.ok(!isInForce(current, next.firstDay) && !isInForce(next, current.lastDay));
          total += next.days;
          current = next;
        }
        assert.equal(total, inclusiveDays(first.firstDay, current.lastDay));
      }),
    );
  });

  test('property JPF-COND-7: isInForce is exactly 1 ≤ day of period ≤ days', () => {
    fc.assert(
      fc.property(period(), fc.integer({ min: -40, max: 800 }), (p, offset) => {
        const day = p.firstDay.add({ days: offset });
        const n = dayOfPeriod(p, day);
        assert.equal(isInForce(p, day), n >= 1 && n <= p.days);
      }),
    );
  });
});

describe('local dates and the 00:01 cover change (decision 0005)', () => {
  const cases: { at: string; zone: string; date: string; why: string }[] = [
    { at: '2026-01-01T04:30:00Z', zone: 'America/New_York', date: '2025-12-31', why: 'UTC−5: 23:30 on 31 Dec' },
    { at: '2026-01-01T04:30:00Z', zone: 'Europe/Amsterdam', date: '2026-01-01', why: 'UTC+1: 05:30 on 1 Jan' },
    { at: '2026-01-01T04:30:00Z', zone: 'Pacific/Kiritimati', date: '2026-01-01', why: 'UTC+14: 18:30 on 1 Jan' },
    { at: '2026-01-01T10:30:00Z', zone: 'Pacific/Kiritimati', date: '2026-01-02', why: 'UTC+14: 00:30 on 2 Jan' },
    { at: '2026-01-01T04:30:00Z', zone: 'Pacific/Pago_Pago', date: '2025-12-31', why: 'UTC−11: 17:30 on 31 Dec' },
  ];
  for (const c of cases)
    test(`JPF-DEF-3: ${c.at} is ${c.date} for an insured in ${c.zone} (${c.why})`, () => {
      assert.equal(localDateOf(instant(c.at), c.zone).toString(), c.date);
    });

  test('JPF-DEF-3: a fixed offset or an unknown zone is refused', () => {
    assert.throws(() => localDateOf(instant('2026-01-01T00:00:00Z'), '+01:00'), /named IANA time zone/);
    assert.throws(() => localDateOf(instant('2026-01-01T00:00:00Z'), 'Mars/Olympus_Mons'), RangeError);
  });

  test('JPF-COND-7: cover runs from 00:01 on the first day to 00:01 on the anniversary (Amsterdam, UTC+1 in winter)', () => {
    const p = policyPeriod(d('2026-01-01'));
    const zone = 'Europe/Amsterdam';
    // starts 2026-01-01T00:01+01:00 = 2025-12-31T23:01Z; ends 2027-01-01T00:01+01:00 = 2026-12-31T23:01Z
    assert.equal(isInForceAt(p, instant('2025-12-31T23:00:59Z'), zone), false);
    assert.equal(isInForceAt(p, instant('2025-12-31T23:01:00Z'), zone), true);
    // 00:00:59 on the anniversary (local) is still the expiring term
    assert.equal(isInForceAt(p, instant('2026-12-31T23:00:59Z'), zone), true);
    assert.equal(isInForceAt(p, instant('2026-12-31T23:01:00Z'), zone), false);
  });

  test('JPF-COND-7: where 00:01 does not exist (Santiago springs from 00:00 to 01:00 on 2024-09-08) cover changes at 01:01', () => {
    // 01:01 at UTC−3 = 04:01Z
    assert.equal(coverChangeInstant(d('2024-09-08'), 'America/Santiago').toString(), '2024-09-08T04:01:00Z');
  });

  test('property JPF-COND-7: without daylight saving, in force at an instant = in force on the local date one minute earlier', () => {
    const zones = fc.constantFrom('UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Pacific/Kiritimati');
    fc.assert(
      fc.property(periodWithDay(), fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }), zones, ([p, day], seconds, zone) => {
        if (p.firstDay.year < 1996) return; // Kiritimati moved across the date line in 1995
        const at = day.toZonedDateTime({ timeZone: zone }).toInstant().add({ seconds });
        assert.equal(isInForceAt(p, at, zone), isInForce(p, localDateOf(at.subtract({ minutes: 1 }), zone)));
      }),
    );
  });
});
