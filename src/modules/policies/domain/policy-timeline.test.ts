import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { policyPeriod } from './policy-period.ts';
import {
  chargedPremium,
  coverEndOf,
  earnedBefore,
  type ItemChange,
  nextItemNo,
  type PolicyTimeline,
  policyAsOf,
  premiumChangeOf,
  type TimelineItem,
  type TimelineTransaction,
  timelineProblems,
  withTransaction,
} from './policy-timeline.ts';
import { centsToMoney, d, usd } from './test-arbitraries.ts';

// Period 2026-12-01 .. 2027-11-30: 365 days (no 29 February inside).
const period = policyPeriod(d('2026-12-01'));

const item = (annual: string, description = 'Ring'): TimelineItem => ({
  description,
  category: 'ring',
  coverageAmount: usd('5000.00'),
  setId: null,
  possessor: null,
  appraisalDate: null,
  keptInSafe: false,
  purchaseDate: null,
  appraisedBy: null,
  annualPremium: usd(annual),
});

let sequence = 0;
const tx = (kind: TimelineTransaction['kind'], effective: string, itemChanges: ItemChange[], extra: Partial<TimelineTransaction> = {}): TimelineTransaction => {
  sequence += 1;
  return { id: `t${sequence}`, kind, effectiveDate: d(effective), sequenceNo: sequence, itemChanges, reversed: false, ...extra };
};

const issued = (...items: TimelineItem[]): PolicyTimeline => ({
  period,
  currency: 'USD',
  namedInsureds: ['Ada Lovelace', 'Charles Babbage'],
  minimumPremiumTopUp: usd('0.00'),
  transactions: [
    tx(
      'issue',
      '2026-12-01',
      items.map((value, index) => ({ op: 'add' as const, itemNo: index + 1, item: value })),
    ),
  ],
});

describe('policy timeline (issue #3: the policy as of any date is derived from its transactions)', () => {
  it("JPF-COND-3: the cover ends on a cancellation's effective date, on the first day for a void, and not at all after a reinstatement", () => {
    const base = issued(item('53.13'));
    assert.equal(coverEndOf(base), null);
    const cancelled = { ...base, transactions: [...base.transactions, tx('cancellation', '2027-02-15', [], { premiumEndsOn: d('2026-12-01') })] };
    // Inside the 30-day window premium ends on the first day, but the cover ran until the effective date.
    assert.equal(coverEndOf(cancelled)?.toString(), '2027-02-15');
    const reversed = { ...base, transactions: [...base.transactions, tx('cancellation', '2027-02-15', [], { reversed: true })] };
    assert.equal(coverEndOf(reversed), null);
    const voided = { ...base, transactions: [...base.transactions, tx('void', '2027-03-10', [])] };
    assert.equal(coverEndOf(voided)?.toString(), '2026-12-01');
  });

  it('charges an item on the schedule for the whole period exactly its annual premium', () => {
    assert.equal(chargedPremium(issued(item('53.13'), item('21.85'))).toFixed(), '74.98');
  });

  it('JPF-COND-9 known answer: a change effective 2027-03-01 charges the new premium for the 275 remaining days', () => {
    // Ring $365.00 a year = $1.00 a day. From 2027-03-01 (day 91; 90 days used) it is $730.00 a year.
    // Days 2027-03-01..2027-11-30 = 275. Old version: 365 − 365×275/365 = 90.00; new version: 730×275/365 = 550.00.
    // Charged 640.00; premium change 640.00 − 365.00 = 275.00.
    const timeline = issued(item('365.00'));
    const change = tx('endorsement', '2027-03-01', [{ op: 'change', itemNo: 1, item: item('730.00') }]);
    assert.equal(premiumChangeOf(timeline, change).toFixed(), '275.00');
    assert.equal(chargedPremium(withTransaction(timeline, change)).toFixed(), '640.00');
  });

  it('JPF-COND-9 out-of-sequence endorsements give the same schedule and premium as if they had arrived in order', () => {
    // T-late: ring to $547.50 from 2027-06-01 (183 days left); T-back: ring to $730.00 from 2027-03-01 (275 days left).
    // In order: 365×90/365 = 90.00 + 730×92/365 = 184.00 + 547.50×183/365 = 274.50 → 548.50.
    //   Changes: T-back +275.00 (640.00 − 365.00), then T-late −91.50 (548.50 − 640.00).
    // Out of order (T-late recorded first): T-late 365×182/365 + 274.50 = 456.50 → +91.50; T-back → 548.50 → +92.00.
    const base = issued(item('365.00'));
    const late = tx('endorsement', '2027-06-01', [{ op: 'change', itemNo: 1, item: item('547.50') }]);
    const back = tx('endorsement', '2027-03-01', [{ op: 'change', itemNo: 1, item: item('730.00') }]);
    const inOrderBack = { ...back, sequenceNo: 100 };
    const inOrderLate = { ...late, sequenceNo: 101 };

    const inOrder1 = premiumChangeOf(base, inOrderBack);
    const inOrder2 = premiumChangeOf(withTransaction(base, inOrderBack), inOrderLate);
    assert.deepEqual([inOrder1.toFixed(), inOrder2.toFixed()], ['275.00', '-91.50']);

    const outOfOrder1 = premiumChangeOf(base, late);
    const outOfOrder2 = premiumChangeOf(withTransaction(base, late), { ...back, sequenceNo: late.sequenceNo + 1 });
    assert.deepEqual([outOfOrder1.toFixed(), outOfOrder2.toFixed()], ['91.50', '92.00']);

    const final = withTransaction(withTransaction(base, late), { ...back, sequenceNo: late.sequenceNo + 1 });
    assert.equal(chargedPremium(final).toFixed(), '548.50');
    for (const date of ['2027-02-28', '2027-03-01', '2027-05-31', '2027-06-01']) {
      const outOfOrderState = policyAsOf(final, d(date));
      const inOrderState = policyAsOf(withTransaction(withTransaction(base, inOrderBack), inOrderLate), d(date));
      assert.equal(outOfOrderState.items.get(1)?.annualPremium.toFixed(), inOrderState.items.get(1)?.annualPremium.toFixed(), date);
    }
    assert.equal(policyAsOf(final, d('2027-04-15')).items.get(1)?.annualPremium.toFixed(), '730.00');
  });

  it('JPF-COND-9 removing an item refunds its unused days and takes it off the schedule from the effective date', () => {
    // Earrings $36.50 a year removed from 2027-06-01: 183 of 365 days unused → 36.50 × 183 / 365 = 18.30 back.
    const timeline = issued(item('53.13'), item('36.50', 'Earrings'));
    const removal = tx('endorsement', '2027-06-01', [{ op: 'remove', itemNo: 2 }]);
    assert.equal(premiumChangeOf(timeline, removal).toFixed(), '-18.30');
    const after = withTransaction(timeline, removal);
    assert.deepEqual([...policyAsOf(after, d('2027-05-31')).items.keys()], [1, 2]);
    assert.deepEqual([...policyAsOf(after, d('2027-06-01')).items.keys()], [1]);
  });

  it('JPF-ADD-1 a newly purchased item is charged from its purchase date: the unearned share of its annual premium', () => {
    // Watch $45.00 a year bought 2027-01-15: 2027-01-15..2027-11-30 = 320 days → 45 × 320 / 365 = 39.452… → 39.45.
    const timeline = issued(item('53.13'));
    const purchase = tx('new_purchase', '2027-01-15', [{ op: 'add', itemNo: 2, item: item('45.00', 'Watch') }]);
    assert.equal(premiumChangeOf(timeline, purchase).toFixed(), '39.45');
  });

  it('refuses a back-dated removal that a later change of the same item contradicts', () => {
    const timeline = withTransaction(issued(item('53.13')), tx('endorsement', '2027-06-01', [{ op: 'change', itemNo: 1, item: item('60.00') }]));
    const removal = tx('endorsement', '2027-03-01', [{ op: 'remove', itemNo: 1 }]);
    assert.deepEqual(
      timelineProblems(withTransaction(timeline, removal)).map((problem) => problem.code),
      ['item_not_on_schedule'],
    );
    assert.deepEqual(timelineProblems(timeline), []);
  });

  it('refuses removing the last named insured and names that are not insureds', () => {
    const timeline = issued(item('53.13'));
    const both = tx('endorsement', '2027-03-01', [
      { op: 'remove_named_insured', name: 'Ada Lovelace' },
      { op: 'remove_named_insured', name: 'Charles Babbage' },
    ]);
    assert.deepEqual(
      timelineProblems(withTransaction(timeline, both)).map((problem) => problem.code),
      ['last_named_insured'],
    );
    const unknown = tx('endorsement', '2027-03-01', [{ op: 'remove_named_insured', name: 'Nobody' }]);
    assert.deepEqual(
      timelineProblems(withTransaction(timeline, unknown)).map((problem) => problem.code),
      ['named_insured_unknown'],
    );
    const one = tx('endorsement', '2027-03-01', [{ op: 'remove_named_insured', name: 'Charles Babbage' }]);
    assert.deepEqual(policyAsOf(withTransaction(timeline, one), d('2027-03-01')).namedInsureds, ['Ada Lovelace']);
  });

  it('JPF-CANCEL-1 a cancellation ends the schedule and the earned premium at its date; reversed, it counts no more', () => {
    // $365.00 a year cancelled from 2027-03-01: earned 90.00 (Dec 31 + Jan 31 + Feb 28 days).
    const timeline = issued(item('365.00'));
    const cancellation = tx('cancellation', '2027-03-01', []);
    const cancelled = withTransaction(timeline, cancellation);
    assert.equal(chargedPremium(cancelled).toFixed(), '90.00');
    assert.equal(earnedBefore(timeline, d('2027-03-01')).toFixed(), '90.00');
    assert.equal(policyAsOf(cancelled, d('2027-03-01')).status, 'cancelled');
    assert.equal(policyAsOf(cancelled, d('2027-02-28')).status, 'in_force');
    const reinstated = { ...timeline, transactions: [...timeline.transactions, { ...cancellation, reversed: true }] };
    assert.equal(chargedPremium(reinstated).toFixed(), '365.00');
    // Inside the 30-day window nothing is earned.
    assert.equal(chargedPremium(withTransaction(timeline, tx('cancellation', '2026-12-20', [], { premiumEndsOn: period.firstDay }))).toFixed(), '0.00');
  });

  it('JPF-COND-5 a void charges nothing for any day', () => {
    assert.equal(chargedPremium(withTransaction(issued(item('365.00')), tx('void', '2027-05-01', []))).toFixed(), '0.00');
  });

  it('earns the minimum-premium top-up like an item kept for the whole period', () => {
    // Items 20.00, minimum 25.00 → top-up 5.00; cancelled from 2027-06-01 (182 of 365 days used):
    // items 20 − 20×183/365 = 20 − 10.03 = 9.97; top-up 5 − 5×183/365 = 5 − 2.51 = 2.49 → 12.46.
    const timeline: PolicyTimeline = { ...issued(item('20.00')), minimumPremiumTopUp: usd('5.00') };
    assert.equal(chargedPremium(timeline).toFixed(), '25.00');
    assert.equal(earnedBefore(timeline, d('2027-06-01')).toFixed(), '12.46');
  });

  it('never reuses an item number', () => {
    const timeline = withTransaction(issued(item('1.00'), item('2.00')), tx('endorsement', '2027-01-01', [{ op: 'remove', itemNo: 2 }]));
    assert.equal(nextItemNo(timeline), 3);
  });

  it('property: out of sequence = in order — any arrival order gives the same charged premium and the same schedule on every date', () => {
    const change = fc.record({
      offset: fc.integer({ min: 1, max: 364 }),
      annualCents: fc.integer({ min: 0, max: 2_000_000 }),
      itemNo: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(change, { minLength: 1, maxLength: 6, selector: (c) => c.offset }), fc.integer(), (changes, seed) => {
        const base = issued(item('100.00'), item('200.00'), item('300.00'));
        const transactions = changes.map((c, index) => ({
          id: `c${index}`,
          kind: 'endorsement' as const,
          effectiveDate: period.firstDay.add({ days: c.offset }),
          sequenceNo: 10 + index,
          itemChanges: [{ op: 'change' as const, itemNo: c.itemNo, item: item(centsToMoney(c.annualCents).toFixed()) }],
          reversed: false,
        }));
        // Arrival order: a shuffle decided by the seed; sequence numbers follow the arrival.
        const shuffled = [...transactions].sort((a, b) => ((a.sequenceNo * 7919 + seed) % 13) - ((b.sequenceNo * 7919 + seed) % 13));
        const arrived = shuffled.map((t, index) => ({ ...t, sequenceNo: 10 + index }));
        let inOrder = base;
        let total = chargedPremium(base);
        for (const t of transactions) inOrder = withTransaction(inOrder, t);
        let outOfOrder = base;
        for (const t of arrived) {
          total = total.plus(premiumChangeOf(outOfOrder, t));
          outOfOrder = withTransaction(outOfOrder, t);
        }
        assert.equal(chargedPremium(outOfOrder).toFixed(), chargedPremium(inOrder).toFixed());
        // The premium changes of the transactions add up to the charged premium exactly.
        assert.equal(total.toFixed(), chargedPremium(outOfOrder).toFixed());
        for (let day = 0; day < 365; day += 17) {
          const date = period.firstDay.add({ days: day });
          const a = policyAsOf(inOrder, date).items;
          const b = policyAsOf(outOfOrder, date).items;
          for (const no of [1, 2, 3]) assert.equal(a.get(no)?.annualPremium.toFixed(), b.get(no)?.annualPremium.toFixed());
        }
      }),
    );
  });

  it('property: what a cancellation keeps is never more than the charged premium and never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_00 }), fc.integer({ min: 0, max: 365 }), (cents, day) => {
        const timeline = issued(item(centsToMoney(cents).toFixed()));
        const earned = earnedBefore(timeline, period.firstDay.add({ days: day }));
        assert.ok(!earned.isNegative());
        assert.ok(earned.minus(chargedPremium(timeline)).isNegative() || earned.equals(chargedPremium(timeline)));
      }),
    );
  });

  it('keeps Money in the policy currency', () => {
    assert.equal(chargedPremium(issued()).currency, 'USD');
    assert.ok(chargedPremium(issued()).equals(Money.zero('USD')));
  });
});
