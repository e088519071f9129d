import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { allocatePayment } from './allocate-payment.ts';
import { computeBalance } from './balance.ts';

const usd = (amount: string) => Money.of(amount, 'USD');
const show = (result: ReturnType<typeof allocatePayment>) =>
  result.outcome === 'not_payable'
    ? result
    : { outcome: result.outcome, allocated: result.allocated.toFixed(), unallocated: result.unallocated.toFixed(), invoicePaid: result.invoicePaid };

describe('allocating a payment to its invoice', () => {
  const cases: [label: string, payment: string, invoice: string, allocatedBefore: string, expected: ReturnType<typeof show>][] = [
    // 120.00 paid on 120.00 open → all of it, invoice paid
    ['exact', '120.00', '120.00', '0', { outcome: 'exact', allocated: '120.00', unallocated: '0.00', invoicePaid: true }],
    // 50.00 of 120.00 → 70.00 still open
    ['partial', '50.00', '120.00', '0', { outcome: 'partial', allocated: '50.00', unallocated: '0.00', invoicePaid: false }],
    // 70.00 after 50.00 of 120.00 → exactly the rest
    ['second part settles it', '70.00', '120.00', '50.00', { outcome: 'exact', allocated: '70.00', unallocated: '0.00', invoicePaid: true }],
    // 150.00 on 120.00 → 120.00 allocated, 30.00 credit on the account
    ['over-payment', '150.00', '120.00', '0', { outcome: 'overpayment', allocated: '120.00', unallocated: '30.00', invoicePaid: true }],
    // 0.01 more than the open 0.10 → 0.01 credit (exact decimals: 0.1 + 0.01 has no float error here)
    ['cents', '0.11', '120.00', '119.90', { outcome: 'overpayment', allocated: '0.10', unallocated: '0.01', invoicePaid: true }],
    // Already paid → the whole payment is credit
    ['already paid', '20.00', '120.00', '120.00', { outcome: 'overpayment', allocated: '0.00', unallocated: '20.00', invoicePaid: true }],
  ];
  for (const [label, payment, invoice, before, expected] of cases) {
    test(label, () => assert.deepEqual(show(allocatePayment(usd(payment), { amount: usd(invoice), allocated: usd(before), status: 'open' })), expected));
  }

  test('a cancelled invoice or another currency takes nothing, as a returned value', () => {
    assert.deepEqual(allocatePayment(usd('10'), { amount: usd('10'), allocated: usd('0'), status: 'cancelled' }), {
      outcome: 'not_payable',
      reason: 'invoice_cancelled',
    });
    assert.deepEqual(allocatePayment(Money.of('10', 'EUR'), { amount: usd('10'), allocated: usd('0'), status: 'open' }), {
      outcome: 'not_payable',
      reason: 'currency_mismatch',
    });
  });

  test('property: allocations never exceed the payment nor the open amount, and allocated + credit = payment', () => {
    const cents = fc.integer({ min: 1, max: 100_000_000 });
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 100 }), (paymentCents, invoiceCents, paidPercent) => {
        const payment = Money.of(paymentCents, 'USD').dividedBy(100);
        const invoice = Money.of(invoiceCents, 'USD').dividedBy(100);
        const before = invoice.times(paidPercent).dividedBy(100).roundToCents();
        const result = allocatePayment(payment, { amount: invoice, allocated: before, status: 'open' });
        assert.notEqual(result.outcome, 'not_payable');
        if (result.outcome === 'not_payable') return;
        assert.ok(result.allocated.compare(payment) <= 0, 'sum of allocations never exceeds the payment');
        assert.ok(before.plus(result.allocated).compare(invoice) <= 0, 'an invoice is never paid beyond its amount');
        assert.ok(!result.unallocated.isNegative());
        assert.ok(result.allocated.plus(result.unallocated).equals(payment));
        const balance = computeBalance({
          currency: 'USD',
          invoices: [{ amount: invoice.toFixed(), status: 'open' }],
          allocations: [before.toFixed(), result.allocated.toFixed()].filter((amount) => amount !== '0.00'),
        });
        assert.equal(balance.outstanding.isZero(), result.invoicePaid);
      }),
    );
  });
});

describe('balance', () => {
  test('invoices − allocations, credit from over-payments, refunds payable; cancelled invoices do not count', () => {
    // invoiced 120.00 + 30.10 = 150.10 (80.00 cancelled); paid 120.00; outstanding 30.10;
    // payments 150.00 − allocated 120.00 = 30.00 credit; refund 12.34 payable (JPF-CANCEL-3)
    const balance = computeBalance({
      currency: 'USD',
      invoices: [
        { amount: '120.00', status: 'paid' },
        { amount: '30.10', status: 'open' },
        { amount: '80.00', status: 'cancelled' },
      ],
      allocations: ['120.00'],
      payments: ['150.00'],
      refundsPayable: ['12.34'],
    });
    assert.deepEqual(Object.fromEntries(Object.entries(balance).map(([key, money]) => [key, money.toFixed()])), {
      invoiced: '150.10',
      paid: '120.00',
      outstanding: '30.10',
      credit: '30.00',
      refundsPayable: '12.34',
    });
  });

  test('0.10 + 0.20 is exactly 0.30 (no float drift)', () => {
    const balance = computeBalance({ currency: 'USD', invoices: [{ amount: '0.30', status: 'open' }], allocations: ['0.10', '0.20'] });
    assert.ok(balance.outstanding.isZero());
  });

  test("JPF-COND-1: credit counts what the account's payments settled, also on an invoice that moved to a new holder", () => {
    // The account paid 20.00 on a 53.13 invoice that then moved with an assigned policy: no invoice is left here,
    // its own payments settled 20.00, so 20.00 − 20.00 = 0.00 credit (not 20.00 − 0.00).
    const balance = computeBalance({ currency: 'USD', invoices: [], allocations: [], payments: ['20.00'], paymentAllocations: ['20.00'] });
    assert.deepEqual([balance.outstanding.toFixed(), balance.credit.toFixed()], ['0.00', '0.00']);
  });
});
