import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from './money.ts';

describe('Money', () => {
  test('exact decimal arithmetic, no float error', () => {
    // 0.1 + 0.2 = 0.3 exactly (a float gives 0.30000000000000004)
    assert.equal(Money.of('0.10', 'USD').plus(Money.of('0.20', 'USD')).toFixed(), '0.30');
    // 5,000.00 / 100 × 1.10 × 1.15 × 0.95 = 60.0875 → 60.09 half-up
    assert.equal(Money.of('5000.00', 'USD').dividedBy(100).times('1.10').times('1.15').times('0.95').roundToCents().toFixed(), '60.09');
  });

  test('half-up rounding to cents, also for negatives (away from zero on ties)', () => {
    assert.equal(Money.of('2.345', 'USD').roundToCents().toFixed(), '2.35');
    assert.equal(Money.of('2.344', 'USD').roundToCents().toFixed(), '2.34');
    assert.equal(Money.of('-2.345', 'USD').roundToCents().toFixed(), '-2.35');
  });

  test('refuses floats, malformed amounts and mixed currencies', () => {
    assert.throws(() => Money.of(1.1, 'USD'), /fractional number/);
    assert.throws(() => Money.of('1,10', 'USD'), /Not a decimal amount/);
    assert.throws(() => Money.of('1e3', 'USD'), /Not a decimal amount/);
    assert.throws(() => Money.of('1.00', 'USD').plus(Money.of('1.00', 'EUR')), /Cannot combine USD with EUR/);
    assert.throws(() => Money.of('1.00', 'USD').times(1.5), /float error/);
  });

  test('serialises as a decimal string with its currency', () => {
    assert.deepEqual(Money.of('12.5', 'USD').toJSON(), { amount: '12.50', currency: 'USD' });
    assert.equal(String(Money.of('3', 'EUR')), '3.00 EUR');
  });

  test('property: addition is exact and order-independent', () => {
    const cents = fc.integer({ min: -10_000_000, max: 10_000_000 });
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 30 }), (values) => {
        const monies = values.map((value) => Money.of((value / 100).toFixed(2), 'USD'));
        const forward = Money.sum(monies, 'USD');
        const backward = Money.sum([...monies].reverse(), 'USD');
        assert.ok(forward.equals(backward));
        assert.equal(forward.toFixed(), (values.reduce((a, b) => a + b, 0) / 100).toFixed(2));
      }),
    );
  });
});
