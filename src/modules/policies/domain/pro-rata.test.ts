import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { anniversaryOf, inclusiveDays, type PolicyPeriod, policyPeriod } from './policy-period.ts';
import { proRataPremium, splitPremiumByDay, unearnedPremium } from './pro-rata.ts';
import { d, dayIn, period, premium, usd } from './test-arbitraries.ts';

const y2024 = policyPeriod(d('2024-01-01')); // 366 days
const y2026 = policyPeriod(d('2026-01-01')); // 365 days

/** Cut dates strictly inside the period (never the first day), in random order, possibly repeated. */
const cutsIn = (p: PolicyPeriod) =>
  fc.array(fc.integer({ min: 1, max: p.days - 1 }), { maxLength: 12 }).map((offsets) => offsets.map((days) => p.firstDay.add({ days })));

const amounts = (pieces: { premium: Money }[]) => pieces.map((piece) => piece.premium.toFixed());

describe('pro rata by day (decision 0005)', () => {
  const cases: { premium: string; p: PolicyPeriod; from: string; to: string; expected: string; why: string }[] = [
    { premium: '366.00', p: y2024, from: '2024-01-01', to: '2024-01-01', expected: '1.00', why: '366.00 × 1 / 366 = 1.00 (leap year: $1 a day)' },
    { premium: '366.00', p: y2024, from: '2024-02-01', to: '2024-02-29', expected: '29.00', why: '366.00 × 29 / 366 = 29.00 (February 2024 has 29 days)' },
    { premium: '366.00', p: y2024, from: '2024-01-01', to: '2024-12-31', expected: '366.00', why: 'the whole period is the whole premium' },
    { premium: '1000.00', p: y2026, from: '2026-01-01', to: '2026-01-01', expected: '2.74', why: '1000.00 × 1 / 365 = 2.7397… → 2.74' },
    { premium: '1000.00', p: y2026, from: '2026-01-01', to: '2026-06-30', expected: '495.89', why: '1000.00 × 181 / 365 = 495.8904… → 495.89' },
    { premium: '1.83', p: y2024, from: '2024-01-01', to: '2024-01-01', expected: '0.01', why: '1.83 × 1 / 366 = 0.005 exactly → half-up 0.01' },
    { premium: '1.83', p: y2024, from: '2024-01-01', to: '2024-01-03', expected: '0.02', why: '1.83 × 3 / 366 = 0.015 exactly → half-up 0.02' },
  ];
  for (const c of cases)
    test(`JPF-ADD-1: ${c.premium} over ${c.from}..${c.to} of a ${c.p.days}-day period is ${c.expected} (${c.why})`, () => {
      assert.equal(proRataPremium(usd(c.premium), c.p, d(c.from), d(c.to)).toFixed(), c.expected);
    });

  test('JPF-CANCEL-1: the unearned premium counts the days from the date to the last day; zero on the anniversary', () => {
    // 1000.00 × 335 / 365 = 917.8082… → 917.81 (31 Jan..31 Dec = 335 days)
    assert.equal(unearnedPremium(usd('1000.00'), y2026, d('2026-01-31')).toFixed(), '917.81');
    assert.equal(unearnedPremium(usd('1000.00'), y2026, d('2026-01-01')).toFixed(), '1000.00');
    assert.equal(unearnedPremium(usd('1000.00'), y2026, d('2027-01-01')).toFixed(), '0.00');
    assert.throws(() => unearnedPremium(usd('1000.00'), y2026, d('2027-01-02')), RangeError);
    assert.throws(() => proRataPremium(usd('1000.00'), y2026, d('2026-02-01'), d('2026-01-31')), RangeError);
  });

  test('JPF-ADD-1: a split into quarters adds up to the premium (running total rounded from the end)', () => {
    // unearned(1 Jan) = 1000.00; unearned(1 Apr) = 1000 × 275/365 = 753.4246… → 753.42; unearned(1 Oct) = 1000 × 92/365 = 252.0547… → 252.05
    // pieces: 1000.00 − 753.42 = 246.58 (90 days); 753.42 − 252.05 = 501.37 (183 days); 252.05 − 0 = 252.05 (92 days)
    const pieces = splitPremiumByDay(usd('1000.00'), y2026, [d('2026-10-01'), d('2026-04-01')]);
    assert.deepEqual(
      pieces.map((piece) => [piece.from.toString(), piece.to.toString(), piece.days]),
      [
        ['2026-01-01', '2026-03-31', 90],
        ['2026-04-01', '2026-09-30', 183],
        ['2026-10-01', '2026-12-31', 92],
      ],
    );
    assert.deepEqual(amounts(pieces), ['246.58', '501.37', '252.05']);
  });

  test('JPF-ADD-1: where each piece rounded alone would not add up, the split still does ($1.83 over 366 days = ½ cent a day)', () => {
    // alone: 1 Jan → 0.005 → 0.01; 2 Jan → 0.01; 3 Jan..31 Dec (364 days) → 1.82: 0.01 + 0.01 + 1.82 = 1.84 ≠ 1.83
    // split: unearned(1 Jan) = 1.83, unearned(2 Jan) = 1.83 × 365/366 = 1.825 → 1.83, unearned(3 Jan) = 1.82
    //        pieces 1.83 − 1.83 = 0.00, 1.83 − 1.82 = 0.01, 1.82 → 1.83
    const pieces = splitPremiumByDay(usd('1.83'), y2024, [d('2024-01-02'), d('2024-01-03')]);
    assert.deepEqual(amounts(pieces), ['0.00', '0.01', '1.82']);
    // every single day as a piece: 366 pieces of 0.00 or 0.01, none negative, summing to 1.83
    // ("last piece takes the rest" would give 365 × 0.01 = 3.65 and a last piece of −1.82)
    const daily = splitPremiumByDay(
      usd('1.83'),
      y2024,
      Array.from({ length: 365 }, (_, i) => d('2024-01-02').add({ days: i })),
    );
    assert.equal(daily.length, 366);
    assert.ok(daily.every((piece) => piece.premium.toFixed() === '0.00' || piece.premium.toFixed() === '0.01'));
    assert.equal(
      Money.sum(
        daily.map((piece) => piece.premium),
        'USD',
      ).toFixed(),
      '1.83',
    );
  });

  test('JPF-ADD-1: a split refuses cut dates outside the period and premiums below a cent', () => {
    assert.throws(() => splitPremiumByDay(usd('100.00'), y2026, [d('2027-01-01')]), RangeError);
    assert.throws(() => splitPremiumByDay(usd('100.005'), y2026, []), RangeError);
  });

  test('property JPF-ADD-1: the pieces of any split add up exactly to the premium, none negative, each within a cent of its share', () => {
    fc.assert(
      fc.property(
        period().chain((p) => fc.tuple(fc.constant(p), premium(), cutsIn(p))),
        ([p, amount, cuts]) => {
          const pieces = splitPremiumByDay(amount, p, cuts);
          assert.ok(
            Money.sum(
              pieces.map((piece) => piece.premium),
              'USD',
            ).equals(amount),
          );
          assert.ok(pieces[0]!.from.equals(p.firstDay) && pieces.at(-1)!.to.equals(p.lastDay));
          assert.equal(
            pieces.reduce((days, piece) => days + piece.days, 0),
            p.days,
          );
          for (const [i, piece] of pieces.entries()) {
            assert.ok(!piece.premium.isNegative());
            assert.equal(piece.days, inclusiveDays(piece.from, piece.to));
            if (i > 0) assert.equal(pieces[i - 1]!.to.until(piece.from).days, 1);
            const exact = amount.times(piece.days).dividedBy(p.days);
            assert.ok(piece.premium.minus(exact).amount.abs().lessThan('0.01'));
          }
        },
      ),
    );
  });

  test('property JPF-ADD-1: a new cut never moves a cent in the other pieces; a piece to the period end equals the unearned premium', () => {
    fc.assert(
      fc.property(
        period().chain((p) => fc.tuple(fc.constant(p), premium(), cutsIn(p), dayIn(p))),
        ([p, amount, cuts, extra]) => {
          const before = splitPremiumByDay(amount, p, cuts);
          const after = splitPremiumByDay(amount, p, [...cuts, extra]);
          const key = (piece: { from: Temporal.PlainDate; to: Temporal.PlainDate }) => `${piece.from}..${piece.to}`;
          const afterByKey = new Map(after.map((piece) => [key(piece), piece.premium]));
          for (const piece of before) {
            const same = afterByKey.get(key(piece));
            if (same) assert.ok(same.equals(piece.premium));
          }
          const last = after.at(-1)!;
          assert.ok(last.premium.equals(unearnedPremium(amount, p, last.from)));
          assert.ok(last.premium.equals(proRataPremium(amount, p, last.from, p.lastDay)));
        },
      ),
    );
  });

  test('property JPF-ADD-1: pro rata grows with the days and a negative premium splits as the mirror image', () => {
    fc.assert(
      fc.property(
        period().chain((p) => fc.tuple(fc.constant(p), premium(), dayIn(p), dayIn(p), cutsIn(p))),
        ([p, amount, a, b, cuts]) => {
          const [early, late] = a.until(b).days >= 0 ? [a, b] : [b, a];
          assert.ok(proRataPremium(amount, p, early, late).compare(proRataPremium(amount, p, late, late)) >= 0);
          assert.ok(proRataPremium(amount, p, p.firstDay, p.lastDay).equals(amount));
          assert.ok(unearnedPremium(amount, p, anniversaryOf(p)).isZero());
          const negative = Money.zero('USD').minus(amount);
          assert.deepEqual(
            amounts(splitPremiumByDay(negative, p, cuts)),
            splitPremiumByDay(amount, p, cuts).map((piece) => Money.zero('USD').minus(piece.premium).toFixed()),
          );
        },
      ),
    );
  });
});
