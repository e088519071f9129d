import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { isVoidCategory, reinstatementMoney, reinstatementRefusal, voidMoney } from './staff-actions.ts';

const usd = (amount: string) => Money.of(amount, 'USD');
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => Money.of((n / 100).toFixed(2), 'USD'));

describe('void money (JPF-COND-5)', () => {
  test('JPF-COND-5: never in force — the premium charged is taken back and everything paid is refunded', () => {
    // Charged 53.13, paid 53.13: premium change 0 − 53.13 = −53.13; refund 53.13.
    assert.deepEqual(voidMoney({ chargedPremium: usd('53.13'), refundable: usd('53.13') }), { premiumChange: usd('-53.13'), refund: usd('53.13') });
    // Nothing paid: refund 0.00 (the open invoice is cancelled instead).
    assert.deepEqual(voidMoney({ chargedPremium: usd('53.13'), refundable: usd('0') }), { premiumChange: usd('-53.13'), refund: usd('0') });
    assert.ok(isVoidCategory('fraud') && isVoidCategory('concealment') && isVoidCategory('misrepresentation'));
    assert.ok(!isVoidCategory('bad_luck'));
  });

  test('JPF-COND-5: property — after a void nothing is charged and the refund is never negative', () => {
    fc.assert(
      fc.property(cents, cents, (charged, refundable) => {
        const money = voidMoney({ chargedPremium: charged, refundable });
        assert.ok(charged.plus(money.premiumChange).isZero());
        assert.ok(!money.refund.isNegative());
        assert.ok(money.refund.equals(refundable));
      }),
    );
  });
});

describe('reinstatement money and rules', () => {
  test('JPF-CANCEL-3: unpaid refund → cancelled, paid refund → invoiced again, no refund → nothing', () => {
    // The cancellation's premium change −48.76 (day 31, pro rata) → the reinstatement's + 48.76.
    const payable = reinstatementMoney({ cancellationPremiumChange: usd('-48.76'), refund: { id: 'r', amount: usd('48.76'), status: 'payable' } });
    assert.deepEqual(payable, { premiumChange: usd('48.76'), action: 'cancel_refund', amount: usd('48.76'), refundId: 'r' });
    const paid = reinstatementMoney({ cancellationPremiumChange: usd('-48.76'), refund: { id: 'r', amount: usd('48.76'), status: 'paid' } });
    assert.deepEqual(paid, { premiumChange: usd('48.76'), action: 'invoice', amount: usd('48.76'), refundId: 'r' });
    const none = reinstatementMoney({ cancellationPremiumChange: usd('-48.76'), refund: null });
    assert.deepEqual(none, { premiumChange: usd('48.76'), action: 'none', amount: usd('0'), refundId: null });
  });

  test('JPF-CANCEL-3: property — the reinstatement exactly reverses the cancellation’s premium change', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('payable' as const, 'paid' as const), (amount, status) => {
        const change = Money.zero('USD').minus(amount);
        const money = reinstatementMoney({ cancellationPremiumChange: change, refund: { id: 'r', amount, status } });
        assert.ok(money.premiumChange.plus(change).isZero());
        assert.ok(!money.amount.isNegative());
      }),
    );
  });

  test('only a cancelled policy within its period is reinstated', () => {
    const lastDay = Temporal.PlainDate.from('2027-11-30');
    assert.equal(reinstatementRefusal('in_force', Temporal.PlainDate.from('2027-01-01'), lastDay), 'policy_not_cancelled');
    assert.equal(reinstatementRefusal('void', Temporal.PlainDate.from('2027-01-01'), lastDay), 'policy_not_reinstatable');
    assert.equal(reinstatementRefusal('expired', Temporal.PlainDate.from('2027-01-01'), lastDay), 'policy_not_reinstatable');
    // The last day itself still counts; the day after does not.
    assert.equal(reinstatementRefusal('cancelled', lastDay, lastDay), null);
    assert.equal(reinstatementRefusal('cancelled', Temporal.PlainDate.from('2027-12-01'), lastDay), 'reinstatement_after_period');
  });
});
