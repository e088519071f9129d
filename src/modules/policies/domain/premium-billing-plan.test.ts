import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { type OpenInvoice, planPremiumBilling } from './premium-billing-plan.ts';
import { centsToMoney, usd } from './test-arbitraries.ts';

const invoice = (id: string, amount: string, createdAt: string): OpenInvoice => ({ id, amount: usd(amount), createdAt });

describe('billing of a premium change (issue #3 "Basic billing", JPF-CANCEL-3)', () => {
  test('more premium: one invoice for the increase', () => {
    const plan = planPremiumBilling({ change: usd('13.10'), chargedAfter: usd('66.23'), unpaidOpenInvoices: [], paid: usd('53.13'), refunded: usd('0') });
    assert.equal(plan.invoice?.toFixed(), '13.10');
    assert.equal(plan.refund, null);
  });

  test('JPF-CANCEL-3 known answer: paid in full, premium lowered by 20.01 → 20.01 refunded (53.13 paid − 33.12 charged)', () => {
    const plan = planPremiumBilling({ change: usd('-20.01'), chargedAfter: usd('33.12'), unpaidOpenInvoices: [], paid: usd('53.13'), refunded: usd('0') });
    assert.equal(plan.refund?.toFixed(), '20.01');
    assert.deepEqual(plan.cancel, []);
  });

  test('nothing paid: the open invoice is cancelled and issued again for what is still owed (53.13 − 20.01 = 33.12), nothing refunded', () => {
    const plan = planPremiumBilling({
      change: usd('-20.01'),
      chargedAfter: usd('33.12'),
      unpaidOpenInvoices: [invoice('premium', '53.13', '2026-11-21T12:00:00Z')],
      paid: usd('0'),
      refunded: usd('0'),
    });
    assert.deepEqual(plan.cancel, ['premium']);
    assert.equal(plan.reissue?.amount.toFixed(), '33.12');
    assert.equal(plan.refund, null);
  });

  test('newest unpaid invoice first: a cancellation credit of 99.50 cancels the watch invoice (17.39) and refunds the paid 82.11', () => {
    const plan = planPremiumBilling({
      change: usd('-99.50'),
      chargedAfter: usd('0'),
      unpaidOpenInvoices: [invoice('watch', '17.39', '2027-03-01T17:00:00Z')],
      paid: usd('82.11'),
      refunded: usd('0'),
    });
    assert.deepEqual(plan.cancel, ['watch']);
    assert.equal(plan.reissue, null);
    assert.equal(plan.refund?.toFixed(), '82.11');
  });

  test('property JPF-CANCEL-3: a refund never exceeds what was paid net of earlier refunds, nor the credit; nothing unpaid is refunded', () => {
    const cents = (max: number) => fc.integer({ min: 0, max }).map(centsToMoney);
    fc.assert(
      fc.property(
        cents(1_000_000),
        cents(1_000_000),
        fc.array(cents(100_000), { maxLength: 4 }),
        cents(1_000_000),
        cents(1_000_000),
        (decrease, chargedAfter, openAmounts, paid, refunded) => {
          const change = Money.zero('USD').minus(decrease);
          const open = openAmounts
            .filter((amount) => amount.isPositive())
            .map((amount, index) => invoice(`i${index}`, amount.toFixed(), `2027-01-0${index + 1}T00:00:00Z`));
          const plan = planPremiumBilling({ change, chargedAfter, unpaidOpenInvoices: open, paid, refunded });
          const refund = plan.refund ?? Money.zero('USD');
          assert.ok(!refund.isNegative());
          assert.ok(refund.compare(paid.minus(refunded).max(Money.zero('USD'))) <= 0, 'never more than paid net of refunds');
          assert.ok(refund.compare(decrease) <= 0, 'never more than the premium decrease');
          // Cancelled minus re-issued plus refunded is exactly the credit, or less when too little was paid.
          const cancelled = Money.sum(
            open.filter((i) => plan.cancel.includes(i.id)).map((i) => i.amount),
            'USD',
          );
          const settled = cancelled.minus(plan.reissue?.amount ?? Money.zero('USD')).plus(refund);
          assert.ok(settled.compare(decrease) <= 0);
          if (paid.isZero()) assert.equal(plan.refund, null);
        },
      ),
    );
  });
});
