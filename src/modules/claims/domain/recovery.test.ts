import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { everyItemWithdrawn, netPaid, partyToNotify, recoveryDateProblem, recoveryOutcome } from './recovery.ts';

const usd = (amount: string) => Money.of(amount, 'USD');

describe('recoveries (JPF-SUBRO-2)', () => {
  test('JPF-SUBRO-2: an item found after it was paid for becomes the insurer’s property (title passes)', () => {
    assert.equal(recoveryOutcome('item_found', true), 'title_passed');
  });

  test('JPF-SUBRO-2: an item found before it was paid for is withdrawn from the claim instead', () => {
    assert.equal(recoveryOutcome('item_found', false), 'item_withdrawn');
  });

  test('JPF-SUBRO-2: money recovered is booked, whether or not anything was paid yet', () => {
    assert.equal(recoveryOutcome('money', true), 'money_booked');
    assert.equal(recoveryOutcome('money', false), 'money_booked');
  });

  test('JPF-SUBRO-2: each side notifies the other', () => {
    assert.equal(partyToNotify('insured'), 'insurer');
    assert.equal(partyToNotify('insurer'), 'insured');
  });

  const nets: [string, string, string[], string][] = [
    // 4,750.00 paid (5,000 − 250 deductible) − 1,200.00 recovered from the carrier = 3,550.00
    ['JPF-SUBRO-2: 4,750.00 paid − 1,200.00 recovered = 3,550.00 net paid', '4750.00', ['1200.00'], '3550.00'],
    // 4,750.00 − (300.00 + 450.50) = 3,999.50
    ['JPF-SUBRO-2: two recoveries: 4,750.00 − 300.00 − 450.50 = 3,999.50', '4750.00', ['300.00', '450.50'], '3999.50'],
    // 0 paid − 100.00 recovered = −100.00: shown as it is (the form does not say whose surplus it is)
    ['JPF-SUBRO-2: recovered before any payment: 0 − 100.00 = −100.00', '0', ['100.00'], '-100.00'],
    ['JPF-SUBRO-2: no recoveries: net paid is what was paid', '4750.00', [], '4750.00'],
  ];
  for (const [name, paid, recovered, expected] of nets) {
    test(name, () => assert.equal(netPaid(usd(paid), recovered.map(usd)).toFixed(), expected));
  }

  test('JPF-SUBRO-2: the claim closes when every claimed item was found before it was paid for', () => {
    assert.equal(everyItemWithdrawn([1, 2], [1]), false);
    assert.equal(everyItemWithdrawn([1, 2], [2, 1]), true);
    assert.equal(everyItemWithdrawn([1], [1]), true);
    assert.equal(everyItemWithdrawn([], []), false);
  });

  test('a recovery is dated from the loss day to today', () => {
    assert.equal(recoveryDateProblem('2027-01-10', '2027-01-10', '2027-02-01'), null);
    assert.equal(recoveryDateProblem('2027-02-01', '2027-01-10', '2027-02-01'), null);
    assert.equal(recoveryDateProblem('2027-02-02', '2027-01-10', '2027-02-01'), 'date_in_future');
    assert.equal(recoveryDateProblem('2027-01-09', '2027-01-10', '2027-02-01'), 'before_loss');
  });

  test('JPF-SUBRO-2 property: net paid plus the money recovered is exactly what was paid', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(cents, fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }), (paidCents, recoveredCents) => {
        const toMoney = (value: number) => Money.fromDecimal(value, 'USD').dividedBy(100);
        const recovered = recoveredCents.map(toMoney);
        const net = netPaid(toMoney(paidCents), recovered);
        assert.ok(net.plus(Money.sum(recovered, 'USD')).equals(toMoney(paidCents)));
        assert.ok(net.compare(toMoney(paidCents)) <= 0, 'a recovery never raises what the insurer paid');
      }),
    );
  });
});
