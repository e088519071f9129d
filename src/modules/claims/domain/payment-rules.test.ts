import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import {
  amountOfLines,
  authorityCovers,
  exposureWith,
  isFullyPaid,
  itemsEndingCover,
  type PaymentLedger,
  payeeOf,
  refusalOfApproval,
  refusalOfNewPayment,
  type WorksheetLineFacts,
} from './payment-rules.ts';
import { reserveAfterPayment, reserveReleased, reserveSetTo } from './reserve-rules.ts';

const usd = (amount: string) => Money.of(amount, 'USD');
const ledger = (worksheetTotal: string, issued: string, awaiting: string, openReserve: string): PaymentLedger => ({
  worksheetTotal: usd(worksheetTotal),
  issued: usd(issued),
  awaiting: usd(awaiting),
  openReserve: usd(openReserve),
});

describe('payment limits: worksheet, reserve, authority', () => {
  // Carla's ring: worksheet 5000.00 − 250.00 deductible = 4750.00 payable.
  const cases: { name: string; ledger: PaymentLedger; amount: string; expected: string | null; available?: string }[] = [
    { name: 'the whole worksheet within the reserve', ledger: ledger('4750.00', '0', '0', '4750.00'), amount: '4750.00', expected: null },
    {
      // 4750.00 − 4000.00 paid = 750.00 left; 750.01 is one cent too much.
      name: 'one cent above what the worksheet still allows',
      ledger: ledger('4750.00', '4000.00', '0', '5000.00'),
      amount: '750.01',
      expected: 'payment_exceeds_worksheet',
      available: '750.00',
    },
    {
      // 4750.00 − 1000.00 paid − 3000.00 waiting = 750.00 left.
      name: 'a payment waiting for approval counts against the worksheet',
      ledger: ledger('4750.00', '1000.00', '3000.00', '10000.00'),
      amount: '1000.00',
      expected: 'payment_exceeds_worksheet',
      available: '750.00',
    },
    {
      name: 'above the open reserve',
      ledger: ledger('4750.00', '0', '0', '2000.00'),
      amount: '2000.01',
      expected: 'payment_exceeds_reserve',
      available: '2000.00',
    },
    {
      // 3000.00 reserve − 2500.00 waiting = 500.00 free.
      name: 'the reserve less what waits for approval',
      ledger: ledger('4750.00', '0', '2500.00', '3000.00'),
      amount: '600.00',
      expected: 'payment_exceeds_reserve',
      available: '500.00',
    },
    { name: 'no reserve at all', ledger: ledger('4750.00', '0', '0', '0'), amount: '0.01', expected: 'payment_exceeds_reserve', available: '0.00' },
  ];
  for (const c of cases)
    test(`${c.name} → ${c.expected ?? 'allowed'}`, () => {
      const refusal = refusalOfNewPayment(c.ledger, usd(c.amount));
      assert.equal(refusal?.code ?? null, c.expected);
      if (c.available) assert.equal(refusal?.available.toFixed(), c.available);
    });

  test('approval re-checks with the payment itself no longer waiting: 4750.00 total, 4750.00 waiting → it may be issued', () => {
    assert.equal(refusalOfApproval(ledger('4750.00', '0', '4750.00', '4750.00'), usd('4750.00')), null);
    // The worksheet was lowered to 4000.00 meanwhile: the waiting 4750.00 no longer fits.
    assert.equal(refusalOfApproval(ledger('4000.00', '0', '4750.00', '4750.00'), usd('4750.00'))?.code, 'payment_exceeds_worksheet');
  });

  test('authority covers paid to date + this payment: 1000.00 limit, 800.00 paid, 200.00 more is within, 200.01 is not', () => {
    const paid = ledger('4750.00', '800.00', '0', '4750.00');
    assert.equal(exposureWith(paid, usd('200.00')).toFixed(), '1000.00');
    assert.equal(authorityCovers(usd('1000.00'), exposureWith(paid, usd('200.00'))), true);
    assert.equal(authorityCovers(usd('1000.00'), exposureWith(paid, usd('200.01'))), false);
    // No row: authority 0, every payment needs approval.
    assert.equal(authorityCovers(null, usd('0.01')), false);
    assert.equal(authorityCovers(usd('0'), usd('0.01')), false);
  });

  test('JPF-SETTLE-9: fully paid when what was issued reaches the worksheet total', () => {
    assert.equal(isFullyPaid(usd('4750.00'), usd('4749.99')), false);
    assert.equal(isFullyPaid(usd('4750.00'), usd('4750.00')), true);
  });
});

describe('payees (JPF-SETTLE-8, JPF-SETTLE-2)', () => {
  const facts = { insuredName: 'Carla Customer', lossPayeeName: null, jeweler: null };
  test('JPF-SETTLE-8: without a loss payee the insured is paid; paying "the loss payee" is refused', () => {
    assert.deepEqual(payeeOf('insured', facts), { ok: true, payee: { kind: 'insured', name: 'Carla Customer', userId: null } });
    assert.deepEqual(payeeOf('loss_payee', facts), { ok: false, code: 'no_loss_payee' });
  });
  test('JPF-SETTLE-8: with a loss payee named the insured is not paid; the loss payee is, by name', () => {
    const named = { ...facts, lossPayeeName: 'First Bank of Jewelry' };
    assert.deepEqual(payeeOf('insured', named), { ok: false, code: 'loss_payee_named' });
    assert.deepEqual(payeeOf('loss_payee', named), { ok: true, payee: { kind: 'loss_payee', name: 'First Bank of Jewelry', userId: null } });
  });
  test('JPF-SETTLE-2: the jeweler is paid only with an order on the claim', () => {
    const jeweler = { userId: 'j-1', name: 'Julia Jeweler', hasOrder: true };
    assert.deepEqual(payeeOf('jeweler', { ...facts, jeweler }), { ok: true, payee: { kind: 'jeweler', name: 'Julia Jeweler', userId: 'j-1' } });
    assert.deepEqual(payeeOf('jeweler', { ...facts, jeweler: { ...jeweler, hasOrder: false } }), { ok: false, code: 'jeweler_not_on_claim' });
    assert.deepEqual(payeeOf('jeweler', facts), { ok: false, code: 'jeweler_not_on_claim' });
  });
});

describe('worksheet lines and total losses (JPF-SETTLE-7)', () => {
  // A pair of earrings, one lost (total loss of item 2, 1250.00 − 250.00 = 1000.00) and a ring damaged (item 1, 300.00).
  const lines: WorksheetLineFacts[] = [
    { lineNo: 1, itemNo: 1, payable: usd('300.00'), totalLoss: false },
    { lineNo: 2, itemNo: 2, payable: usd('1000.00'), totalLoss: true },
    { lineNo: 3, itemNo: null, payable: usd('0.00'), totalLoss: true },
  ];
  test('lines are paid in full, each once: 300.00 + 1000.00 = 1300.00', () => {
    assert.deepEqual(amountOfLines(lines, [1, 2], new Set()), { ok: true, amount: usd('1300.00') });
    assert.deepEqual(amountOfLines(lines, [2], new Set([2])), { ok: false, code: 'line_already_paid', lineNo: 2 });
    assert.deepEqual(amountOfLines(lines, [9], new Set()), { ok: false, code: 'line_not_on_worksheet', lineNo: 9 });
    assert.deepEqual(amountOfLines(lines, [3], new Set()), { ok: false, code: 'nothing_to_pay', lineNo: null });
  });
  test('JPF-SETTLE-7: a partial payment (no lines) ends no cover; paying the total-loss line ends item 2; full payment ends every total loss once', () => {
    assert.deepEqual(itemsEndingCover(lines, [], false, new Set()), []);
    assert.deepEqual(itemsEndingCover(lines, [1], false, new Set()), []);
    assert.deepEqual(itemsEndingCover(lines, [2], false, new Set()), [2]);
    assert.deepEqual(itemsEndingCover(lines, [], true, new Set()), [2]);
    assert.deepEqual(itemsEndingCover(lines, [2], true, new Set([2])), []);
  });
});

describe('the reserve ledger', () => {
  test('set, change with a reason, payment, release', () => {
    const set = reserveSetTo(null, usd('5000.00'), null);
    assert.ok(set.ok);
    assert.equal(set.entry.kind, 'set');
    assert.deepEqual(reserveSetTo(usd('5000.00'), usd('4750.00'), null), { ok: false, code: 'reserve_reason_required' });
    assert.deepEqual(reserveSetTo(usd('5000.00'), usd('5000.00'), 'same'), { ok: false, code: 'reserve_unchanged' });
    const change = reserveSetTo(usd('5000.00'), usd('4750.00'), 'deductible taken into account');
    assert.ok(change.ok);
    // 4750.00 − 5000.00 = −250.00
    assert.equal(change.entry.change.toFixed(), '-250.00');
    const paid = reserveAfterPayment(usd('4750.00'), usd('1000.00'));
    assert.equal(paid.balance.toFixed(), '3750.00');
    assert.throws(() => reserveAfterPayment(usd('100.00'), usd('100.01')), RangeError);
    const released = reserveReleased(usd('3750.00'), 'claim settled for less');
    assert.ok(released.ok);
    assert.equal(released.entry.balance.toFixed(), '0.00');
    assert.equal(released.entry.change.toFixed(), '-3750.00');
    assert.deepEqual(reserveReleased(usd('0'), 'again'), { ok: false, code: 'no_open_reserve' });
  });
});

describe('properties', () => {
  const cents = fc.integer({ min: 1, max: 1_000_000 });
  const toMoney = (value: number) => Money.of(value, 'USD').dividedBy(100);
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('pay' as const), cents, authority: fc.boolean() }),
    fc.record({ kind: fc.constant('approve' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('reject' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('reserve' as const), cents }),
  );

  test('the sum of payments never exceeds the worksheet total, and the reserve never goes below zero', () => {
    fc.assert(
      fc.property(cents, fc.array(operation, { maxLength: 40 }), (totalCents, operations) => {
        const total = toMoney(totalCents);
        let issued = Money.zero('USD');
        let reserve = Money.zero('USD');
        const waiting: Money[] = [];
        const current = (): PaymentLedger => ({ worksheetTotal: total, issued, awaiting: Money.sum(waiting, 'USD'), openReserve: reserve });
        for (const op of operations) {
          if (op.kind === 'reserve') reserve = toMoney(op.cents);
          else if (op.kind === 'pay') {
            const amount = toMoney(op.cents);
            if (refusalOfNewPayment(current(), amount)) continue;
            if (op.authority) {
              issued = issued.plus(amount);
              reserve = reserveAfterPayment(reserve, amount).balance;
            } else waiting.push(amount);
          } else if (waiting.length > 0) {
            const index = op.index % waiting.length;
            const amount = waiting[index] as Money;
            if (op.kind === 'reject') waiting.splice(index, 1);
            else if (!refusalOfApproval(current(), amount)) {
              waiting.splice(index, 1);
              issued = issued.plus(amount);
              reserve = reserveAfterPayment(reserve, amount).balance;
            }
          }
          assert.ok(issued.compare(total) <= 0, `${issued} paid on a worksheet of ${total}`);
          assert.ok(issued.plus(Money.sum(waiting, 'USD')).compare(total) <= 0);
          assert.ok(!reserve.isNegative());
        }
      }),
    );
  });

  test('a refusal names what is still available: paying exactly that is not refused for the same reason', () => {
    fc.assert(
      fc.property(cents, cents, cents, cents, (totalCents, issuedCents, reserveCents, amountCents) => {
        fc.pre(issuedCents <= totalCents);
        const state: PaymentLedger = {
          worksheetTotal: toMoney(totalCents),
          issued: toMoney(issuedCents),
          awaiting: Money.zero('USD'),
          openReserve: toMoney(reserveCents),
        };
        const refusal = refusalOfNewPayment(state, toMoney(amountCents));
        if (refusal?.available.isPositive()) assert.notEqual(refusalOfNewPayment(state, refusal.available)?.code, refusal.code);
      }),
    );
  });
});
