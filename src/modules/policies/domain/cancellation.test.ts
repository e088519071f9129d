import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { earliestInsurerCancellationDate, insuredCancellationRefund, insurerCancellationRefund } from './cancellation.ts';
import { policyPeriod } from './policy-period.ts';
import { splitPremiumByDay } from './pro-rata.ts';
import { d, periodWithDay, premium, usd } from './test-arbitraries.ts';

const y2026 = policyPeriod(d('2026-01-01')); // 2026-01-01..2026-12-31, 365 days
const y2024 = policyPeriod(d('2024-01-01')); // 366 days

function okRefund(result: ReturnType<typeof insuredCancellationRefund | typeof insurerCancellationRefund>) {
  assert.ok(result.ok, `expected a refund, got ${JSON.stringify(result)}`);
  return result;
}

describe('JPF-CANCEL-1: insured cancels', () => {
  const paidInFull = { period: y2026, termPremium: usd('1000.00'), premiumPaid: usd('1000.00') };
  const cases: { effective: string; day: number; rule: string; refund: string; why: string }[] = [
    { effective: '2026-01-01', day: 1, rule: 'full_refund_window', refund: '1000.00', why: 'flat cancellation on day 1: full refund' },
    { effective: '2026-01-30', day: 30, rule: 'full_refund_window', refund: '1000.00', why: 'day 30 (1 Jan = day 1) is within the first 30 days' },
    { effective: '2026-01-31', day: 31, rule: 'pro_rata', refund: '917.81', why: '31 Jan..31 Dec = 335 unused days; 1000 × 335/365 = 917.808… → 917.81' },
    { effective: '2026-07-01', day: 182, rule: 'pro_rata', refund: '504.11', why: '1 Jul..31 Dec = 184 days; 1000 × 184/365 = 504.109… → 504.11' },
    { effective: '2026-12-31', day: 365, rule: 'pro_rata', refund: '2.74', why: 'one unused day; 1000 × 1/365 = 2.739… → 2.74' },
  ];
  for (const c of cases)
    test(`JPF-CANCEL-1: effective ${c.effective} (day ${c.day}) refunds ${c.refund} (${c.why})`, () => {
      const result = okRefund(insuredCancellationRefund({ ...paidInFull, effectiveDate: d(c.effective) }));
      assert.equal(result.dayOfPeriod, c.day);
      assert.equal(result.rule, c.rule);
      assert.equal(result.refund.toFixed(), c.refund);
      assert.equal(result.daysCovered + result.daysUnused, 365);
      assert.equal(result.balanceDue.toFixed(), '0.00');
    });

  test('JPF-CANCEL-1: full refund when cancelled on day 30, pro rata on day 31 (leap year, $366 = $1 a day)', () => {
    // day 30 = 30 Jan 2024: full 366.00; day 61 = 1 Mar 2024 (31 + 29 days before): 366 − 60 = 306 unused days → 306.00
    const base = { period: y2024, termPremium: usd('366.00'), premiumPaid: usd('366.00') };
    assert.equal(okRefund(insuredCancellationRefund({ ...base, effectiveDate: d('2024-01-30') })).refund.toFixed(), '366.00');
    assert.equal(okRefund(insuredCancellationRefund({ ...base, effectiveDate: d('2024-01-31') })).refund.toFixed(), '336.00'); // 366 − 30
    assert.equal(okRefund(insuredCancellationRefund({ ...base, effectiveDate: d('2024-03-01') })).refund.toFixed(), '306.00');
  });

  test('JPF-CANCEL-1: the refund is of the premium paid; what the covered days earned and was not paid is a balance due', () => {
    // effective 1 Jul: unearned 504.11, earned 1000.00 − 504.11 = 495.89; paid 250.00 → refund 0.00, balance due 495.89 − 250.00 = 245.89
    const result = okRefund(
      insuredCancellationRefund({ period: y2026, termPremium: usd('1000.00'), premiumPaid: usd('250.00'), effectiveDate: d('2026-07-01') }),
    );
    assert.deepEqual([result.earnedPremium.toFixed(), result.refund.toFixed(), result.balanceDue.toFixed()], ['495.89', '0.00', '245.89']);
    // within the window, a part payment comes back whole: paid 250.00 → refund 250.00
    const early = okRefund(
      insuredCancellationRefund({ period: y2026, termPremium: usd('1000.00'), premiumPaid: usd('250.00'), effectiveDate: d('2026-01-15') }),
    );
    assert.deepEqual([early.refund.toFixed(), early.balanceDue.toFixed()], ['250.00', '0.00']);
  });

  test('JPF-CANCEL-1 JPF-COND-2: a jurisdiction can lengthen the full-refund window (45 days: day 45 full, day 46 pro rata)', () => {
    // day 45 = 14 Feb; day 46 = 15 Feb: 365 − 45 = 320 unused days; 1000 × 320/365 = 876.712… → 876.71
    const base = { period: y2026, termPremium: usd('1000.00'), premiumPaid: usd('1000.00'), fullRefundDays: 45 };
    assert.equal(okRefund(insuredCancellationRefund({ ...base, effectiveDate: d('2026-02-14') })).refund.toFixed(), '1000.00');
    assert.equal(okRefund(insuredCancellationRefund({ ...base, effectiveDate: d('2026-02-15') })).refund.toFixed(), '876.71');
  });

  test('JPF-CANCEL-1: an effective date outside the period is refused with a reason', () => {
    assert.deepEqual(insuredCancellationRefund({ ...paidInFull, effectiveDate: d('2025-12-31') }), { ok: false, reason: 'effective_date_before_period' });
    // the anniversary: cover already ended at 00:01 that day
    assert.deepEqual(insuredCancellationRefund({ ...paidInFull, effectiveDate: d('2027-01-01') }), { ok: false, reason: 'effective_date_after_period' });
  });

  test('property JPF-CANCEL-1: a refund is never negative and never exceeds the premium paid; paid in full it is the unearned premium', () => {
    fc.assert(
      fc.property(periodWithDay(), premium(), premium(), ([p, effectiveDate], termPremium, premiumPaid) => {
        const result = okRefund(insuredCancellationRefund({ period: p, termPremium, premiumPaid, effectiveDate }));
        assert.ok(!result.refund.isNegative() && result.refund.compare(premiumPaid) <= 0);
        assert.ok(result.earnedPremium.plus(result.unearnedPremium).equals(termPremium));
        const full = okRefund(insuredCancellationRefund({ period: p, termPremium, premiumPaid: termPremium, effectiveDate }));
        assert.ok(full.refund.equals(full.unearnedPremium));
        if (full.dayOfPeriod <= 30) assert.ok(full.refund.equals(termPremium));
        // after the window the refund is the last piece of the term split at the effective date
        else assert.ok(full.refund.equals(splitPremiumByDay(termPremium, p, [effectiveDate]).at(-1)!.premium));
      }),
    );
  });

  test('property JPF-CANCEL-1: after day 30, a later cancellation never refunds more', () => {
    fc.assert(
      fc.property(periodWithDay(), premium(), fc.integer({ min: 1, max: 40 }), ([p, a], termPremium, step) => {
        const b = a.add({ days: step });
        const first = insuredCancellationRefund({ period: p, termPremium, premiumPaid: termPremium, effectiveDate: a });
        const later = insuredCancellationRefund({ period: p, termPremium, premiumPaid: termPremium, effectiveDate: b });
        if (!first.ok || !later.ok || first.dayOfPeriod <= 30) return;
        assert.ok(later.refund.compare(first.refund) <= 0);
      }),
    );
  });
});

describe('JPF-CANCEL-2: insurer cancels', () => {
  const cases: { notice: string; days?: number; earliest: string; why: string }[] = [
    { notice: '2026-01-25', earliest: '2026-02-04', why: '25 Jan + 10: 6 days to 31 Jan, 4 more into February' },
    { notice: '2024-02-25', earliest: '2024-03-06', why: 'leap year: 25 Feb + 4 = 29 Feb, + 6 = 6 Mar' },
    { notice: '2023-02-25', earliest: '2023-03-07', why: 'common year: 25 Feb + 3 = 28 Feb, + 7 = 7 Mar' },
    { notice: '2026-12-28', earliest: '2027-01-07', why: 'across the year end: 28 Dec + 3 = 31 Dec, + 7 = 7 Jan' },
    { notice: '2026-01-25', days: 30, earliest: '2026-02-24', why: 'a statute asking 30 days: 25 Jan + 30 = 24 Feb' },
  ];
  for (const c of cases)
    test(`JPF-CANCEL-2: notice on ${c.notice}${c.days ? ` with ${c.days} days` : ''} allows cancellation from ${c.earliest} (${c.why})`, () => {
      assert.equal(earliestInsurerCancellationDate(d(c.notice), c.days).toString(), c.earliest);
    });

  const base = { period: y2026, termPremium: usd('1000.00'), premiumPaid: usd('1000.00'), noticeDate: d('2026-01-25') };

  test('JPF-CANCEL-2: less than 10 days of notice is refused with the earliest date allowed', () => {
    assert.deepEqual(insurerCancellationRefund({ ...base, effectiveDate: d('2026-02-03') }), {
      ok: false,
      reason: 'notice_too_short',
      earliestEffectiveDate: d('2026-02-04'),
    });
  });

  test('JPF-CANCEL-2: the refund is pro rata by day, also within the first 30 days', () => {
    // effective 4 Feb (day 35): 4 Feb..31 Dec = 365 − 34 = 331 days; 1000 × 331/365 = 906.849… → 906.85
    const result = okRefund(insurerCancellationRefund({ ...base, effectiveDate: d('2026-02-04') }));
    assert.deepEqual([result.rule, result.dayOfPeriod, result.daysUnused, result.refund.toFixed()], ['pro_rata', 35, 331, '906.85']);
    // notice 2 Jan, effective 12 Jan (day 12): 354 unused days; 1000 × 354/365 = 969.863… → 969.86, not a full refund
    const early = okRefund(insurerCancellationRefund({ ...base, noticeDate: d('2026-01-02'), effectiveDate: d('2026-01-12') }));
    assert.deepEqual([early.rule, early.refund.toFixed()], ['pro_rata', '969.86']);
  });

  test('property JPF-CANCEL-2: the earliest date is exactly noticeDays after the notice, and no earlier date is accepted', () => {
    fc.assert(
      fc.property(
        periodWithDay(),
        fc.integer({ min: -5, max: 70 }),
        fc.integer({ min: 0, max: 60 }),
        premium(),
        ([p, effectiveDate], lead, noticeDays, termPremium) => {
          const noticeDate = effectiveDate.subtract({ days: lead }); // the notice went out `lead` days before the effective date
          const earliest = earliestInsurerCancellationDate(noticeDate, noticeDays);
          assert.equal(noticeDate.until(earliest).days, noticeDays);
          const result = insurerCancellationRefund({ period: p, termPremium, premiumPaid: termPremium, noticeDate, noticeDays, effectiveDate });
          if (result.ok) {
            assert.ok(noticeDate.until(effectiveDate).days >= noticeDays);
            assert.ok(!result.refund.isNegative() && result.refund.compare(termPremium) <= 0);
          } else if (result.reason === 'notice_too_short') assert.ok(noticeDate.until(effectiveDate).days < noticeDays);
          else assert.fail(`unexpected ${result.reason} for a date inside the period`);
        },
      ),
    );
  });
});
