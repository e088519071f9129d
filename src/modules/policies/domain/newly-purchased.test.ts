import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { acceptNewPurchase, newlyPurchasedCap, newlyPurchasedCapCandidates, newPurchaseReportDeadline, unreportedPurchaseCover } from './newly-purchased.ts';
import { policyPeriod } from './policy-period.ts';
import { proRataPremium } from './pro-rata.ts';
import { centsToMoney, d, periodWithDay, premium, usd } from './test-arbitraries.ts';

const y2026 = policyPeriod(d('2026-01-01')); // 365 days
const all = (day: string) => ({ writtenRequest: d(day), salesReceipt: d(day), appraisal: d(day) });
const dollarADay = { period: y2026, itemTermPremium: usd('365.00') }; // $365.00 over 365 days = $1.00 a day

describe('JPF-ADD-1: newly purchased jewelry', () => {
  test('JPF-ADD-1: reported on day 30 after purchase is accepted, covered from the purchase date, charged pro rata to the period end', () => {
    // purchase 1 Mar, report 31 Mar = purchase + 30 days; 1 Mar..31 Dec = 365 − 59 = 306 days × $1.00 = 306.00
    const result = acceptNewPurchase({ ...dollarADay, purchaseDate: d('2026-03-01'), received: all('2026-03-31') });
    assert.ok(result.ok);
    assert.deepEqual(
      [result.coverFrom.toString(), result.reportedDate.toString(), result.daysAfterPurchase, result.premiumDays, result.premium.toFixed()],
      ['2026-03-01', '2026-03-31', 30, 306, '306.00'],
    );
    assert.equal(newPurchaseReportDeadline(d('2026-03-01')).toString(), '2026-03-31');
  });

  test('JPF-ADD-1: reported on day 31 after purchase is refused: reported_after_30_days', () => {
    // 1 Mar + 31 days = 1 Apr
    assert.deepEqual(acceptNewPurchase({ ...dollarADay, purchaseDate: d('2026-03-01'), received: all('2026-04-01') }), {
      ok: false,
      reason: 'reported_after_30_days',
    });
  });

  test('JPF-ADD-1: the report is complete when the last of request, receipt and appraisal arrives', () => {
    const purchaseDate = d('2026-03-01');
    const inTime = acceptNewPurchase({
      ...dollarADay,
      purchaseDate,
      received: { writtenRequest: d('2026-03-05'), salesReceipt: d('2026-03-10'), appraisal: d('2026-03-31') },
    });
    assert.ok(inTime.ok && inTime.reportedDate.toString() === '2026-03-31');
    const late = acceptNewPurchase({
      ...dollarADay,
      purchaseDate,
      received: { writtenRequest: d('2026-03-05'), salesReceipt: d('2026-03-10'), appraisal: d('2026-04-01') },
    });
    assert.deepEqual(late, { ok: false, reason: 'reported_after_30_days' });
    assert.deepEqual(acceptNewPurchase({ ...dollarADay, purchaseDate, received: { writtenRequest: d('2026-03-05'), salesReceipt: d('2026-03-05') } }), {
      ok: false,
      reason: 'incomplete_report',
      missing: ['appraisal'],
    });
  });

  const refusals: { purchase: string; report: string; reason: string; why: string }[] = [
    { purchase: '2025-12-31', report: '2026-01-05', reason: 'purchased_before_period', why: 'bought the day before the period starts' },
    { purchase: '2027-01-01', report: '2027-01-05', reason: 'purchased_after_period', why: 'bought on the anniversary: the renewal term' },
    { purchase: '2026-03-10', report: '2026-03-05', reason: 'purchase_after_report', why: 'a report cannot precede the purchase' },
  ];
  for (const c of refusals)
    test(`JPF-ADD-1: purchase ${c.purchase} reported ${c.report} is refused: ${c.reason} (${c.why})`, () => {
      assert.deepEqual(acceptNewPurchase({ ...dollarADay, purchaseDate: d(c.purchase), received: all(c.report) }), { ok: false, reason: c.reason });
    });

  const premiums: { premium: string; period: string; purchase: string; expected: string; why: string }[] = [
    { premium: '1000.00', period: '2026-01-01', purchase: '2026-03-01', expected: '838.36', why: '1000 × 306/365 = 838.356… → 838.36' },
    { premium: '366.00', period: '2024-01-01', purchase: '2024-02-29', expected: '307.00', why: 'leap year: 29 Feb..31 Dec = 366 − 59 = 307 days × $1.00' },
    {
      premium: '365.00',
      period: '2026-01-01',
      purchase: '2026-12-20',
      expected: '12.00',
      why: '20..31 Dec = 12 days × $1.00, reported 10 Jan 2027 (21 days later)',
    },
  ];
  for (const c of premiums)
    test(`JPF-ADD-1: item premium ${c.premium}, bought ${c.purchase}, is charged ${c.expected} (${c.why})`, () => {
      const purchaseDate = d(c.purchase);
      const result = acceptNewPurchase({
        period: policyPeriod(d(c.period)),
        itemTermPremium: usd(c.premium),
        purchaseDate,
        received: all(purchaseDate.add({ days: 21 }).toString()),
      });
      assert.ok(result.ok);
      assert.equal(result.premium.toFixed(), c.expected);
    });

  test('JPF-ADD-1: unreported, a purchase is covered from the purchase date through day 30, then not', () => {
    const purchase = d('2026-03-01');
    assert.deepEqual(unreportedPurchaseCover(y2026, purchase, d('2026-03-01')), { ok: true });
    assert.deepEqual(unreportedPurchaseCover(y2026, purchase, d('2026-03-31')), { ok: true }); // purchase + 30
    assert.deepEqual(unreportedPurchaseCover(y2026, purchase, d('2026-04-01')), { ok: false, reason: 'not_reported_within_30_days' });
    assert.deepEqual(unreportedPurchaseCover(y2026, purchase, d('2026-02-28')), { ok: false, reason: 'loss_before_purchase' });
    assert.deepEqual(unreportedPurchaseCover(y2026, d('2025-12-20'), d('2026-01-02')), { ok: false, reason: 'purchased_outside_period' });
    assert.deepEqual(unreportedPurchaseCover(y2026, d('2026-12-20'), d('2027-01-02')), { ok: false, reason: 'loss_outside_period' });
  });

  test('property JPF-ADD-1: accepted exactly when complete within 30 days; the premium is the pro rata share to the period end', () => {
    fc.assert(
      fc.property(periodWithDay(), fc.integer({ min: -3, max: 45 }), premium(), ([p, purchaseDate], after, itemTermPremium) => {
        const reported = purchaseDate.add({ days: after });
        const result = acceptNewPurchase({ period: p, purchaseDate, itemTermPremium, received: all(reported.toString()) });
        if (after < 0) assert.deepEqual(result, { ok: false, reason: 'purchase_after_report' });
        else if (after > 30) assert.deepEqual(result, { ok: false, reason: 'reported_after_30_days' });
        else {
          assert.ok(result.ok);
          assert.ok(result.premium.equals(proRataPremium(itemTermPremium, p, purchaseDate, p.lastDay)));
          assert.ok(!result.premium.isNegative() && result.premium.compare(itemTermPremium) <= 0);
        }
      }),
    );
  });
});

describe('JPF-ADD-2: the most paid for newly purchased items', () => {
  const cases: { limit: string; cost: string; cap: string; why: string }[] = [
    { limit: '20000.00', cost: '7000.00', cap: '5000.00', why: '25% × 20,000 = 5,000 < 7,000 < 10,000' },
    { limit: '100000.00', cost: '12000.00', cap: '10000.00', why: '25% × 100,000 = 25,000; 10,000 < 12,000' },
    { limit: '100000.00', cost: '3250.50', cap: '3250.50', why: 'the cost is the smallest' },
    { limit: '1234.50', cost: '500.00', cap: '308.63', why: '25% × 1,234.50 = 308.625 → half-up 308.63' },
    { limit: '0.00', cost: '500.00', cap: '0.00', why: 'nothing scheduled: 25% × 0 = 0' },
  ];
  for (const c of cases)
    test(`JPF-ADD-2: scheduled limit ${c.limit}, cost ${c.cost} → at most ${c.cap} (${c.why})`, () => {
      assert.equal(newlyPurchasedCap(usd(c.limit), usd(c.cost)).toFixed(), c.cap);
    });

  test('JPF-ADD-2: the $10,000 is a product setting for other currencies; currencies never mix', () => {
    // 25% × 100,000 = 25,000; EUR 10,000 < 12,000
    assert.equal(newlyPurchasedCap(Money.of('100000', 'EUR'), Money.of('12000', 'EUR'), Money.of('10000', 'EUR')).toString(), '10000.00 EUR');
    assert.throws(() => newlyPurchasedCap(Money.of('100000', 'EUR'), Money.of('12000', 'EUR')), /Cannot combine/);
  });

  test('property JPF-ADD-2: the cap is the smallest candidate, never more than any of them, never negative', () => {
    const cents = fc.integer({ min: 0, max: 500_000_000 }).map(centsToMoney);
    fc.assert(
      fc.property(cents, cents, (limit, cost) => {
        const cap = newlyPurchasedCap(limit, cost);
        const { quarterOfScheduledLimit, absoluteLimit, repairOrReplaceCost } = newlyPurchasedCapCandidates(limit, cost);
        const candidates = [quarterOfScheduledLimit, absoluteLimit, repairOrReplaceCost];
        assert.ok(candidates.every((candidate) => cap.compare(candidate) <= 0));
        assert.ok(candidates.some((candidate) => cap.equals(candidate)));
        assert.ok(!cap.isNegative() && cap.compare(usd('10000.00')) <= 0);
      }),
    );
  });
});
