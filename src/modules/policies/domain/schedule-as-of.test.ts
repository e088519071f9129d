import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addedOnDates, effectiveBy, scheduleMark } from './schedule-as-of.ts';

/** Issue #3, policy 360 view as of a date: which items were on the schedule, which transactions had taken effect. */
describe('schedule as of a date', () => {
  // Policy 2026-12-01..2027-11-30: items 1 and 2 issued; item 3 a newly purchased watch (JPF-ADD-1) bought 2027-03-10;
  // item 2 removed from 2027-06-01 (first day without cover).
  const items = [{ itemNo: 1 }, { itemNo: 2, removedOn: '2027-06-01' }, { itemNo: 3, purchaseDate: '2027-03-10' }];
  const transactions = [
    { effectiveDate: '2026-12-01', addedItemNos: [1, 2] },
    { effectiveDate: '2027-03-10', addedItemNos: [3] },
    { effectiveDate: '2027-06-01', addedItemNos: [] },
  ];
  const added = addedOnDates(items, transactions, '2026-12-01');

  test('each item comes on the schedule on the effective date of the transaction that added it', () => {
    assert.deepEqual(
      [...added.entries()],
      [
        [1, '2026-12-01'],
        [2, '2026-12-01'],
        [3, '2027-03-10'],
      ],
    );
  });

  test('JPF-ADD-1: without an adding transaction, the purchase date, else the first day, counts', () => {
    const fallback = addedOnDates([{ itemNo: 1 }, { itemNo: 4, purchaseDate: '2027-02-02' }], [], '2026-12-01');
    assert.equal(fallback.get(1), '2026-12-01');
    assert.equal(fallback.get(4), '2027-02-02');
  });

  const cases: { asOf: string | null; marks: string[]; why: string }[] = [
    { asOf: '2027-03-09', marks: ['on', 'on', 'not_yet'], why: 'the day before the watch was bought' },
    { asOf: '2027-03-10', marks: ['on', 'on', 'on'], why: 'covered from the purchase date itself' },
    { asOf: '2027-05-31', marks: ['on', 'on', 'on'], why: 'the last day item 2 is covered' },
    { asOf: '2027-06-01', marks: ['on', 'removed', 'on'], why: 'the first day without cover for item 2' },
    { asOf: null, marks: ['on', 'removed', 'on'], why: 'no date: the schedule as it stands at the end of the period' },
  ];
  for (const c of cases)
    test(`as of ${c.asOf ?? 'no date'}: ${c.marks.join(', ')} (${c.why})`, () => {
      assert.deepEqual(
        items.map((item) => scheduleMark(item, added.get(item.itemNo) ?? '', c.asOf).kind),
        c.marks,
      );
    });

  test('transactions: those effective on or before the date, all without a date', () => {
    assert.equal(effectiveBy(transactions, '2027-03-09').length, 1);
    assert.equal(effectiveBy(transactions, '2027-03-10').length, 2);
    assert.equal(effectiveBy(transactions, null).length, 3);
  });

  test('property: a later date never has fewer transactions in effect', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 20 }), day, day, (dates, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const list = dates.map((effectiveDate) => ({ effectiveDate }));
        assert.ok(effectiveBy(list, early).length <= effectiveBy(list, late).length);
      }),
    );
  });
});
