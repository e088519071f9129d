import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { centsToMoney, d, usd } from './test-arbitraries.ts';
import { type UnderwritingItem, underwrite, underwritingRulesOf } from './underwriting.ts';

// The demo product's rules (demo-product.ts): refer above $100,000 an item, above $250,000 in total, appraisal ≤ 3 years old.
const rules = underwritingRulesOf({ referItemAbove: '100000.00', referTotalAbove: '250000.00', appraisalRequired: true, appraisalMaxAgeYears: 3 }, 'USD');
const quoteDate = d('2026-11-21');
const item = (amount: string, appraisal: string | null = '2026-01-10'): UnderwritingItem => ({
  coverageAmount: usd(amount),
  appraisalDate: appraisal === null ? null : d(appraisal),
});

describe('underwriting (issue #3, demo rules)', () => {
  const cases: { name: string; items: UnderwritingItem[]; expect: string[] }[] = [
    { name: 'a $5,000 ring appraised this year is approved automatically', items: [item('5000.00')], expect: [] },
    { name: 'exactly $100,000.00 does not exceed the limit', items: [item('100000.00')], expect: [] },
    { name: '$100,000.01 exceeds it by a cent', items: [item('100000.01')], expect: ['item_above_limit:1'] },
    { name: 'a $120,000 item is referred', items: [item('5000.00'), item('120000.00')], expect: ['item_above_limit:2'] },
    {
      name: '3 × $90,000 = $270,000 > $250,000 total: referred, though no item exceeds $100,000',
      items: [item('90000'), item('90000'), item('90000')],
      expect: ['total_above_limit'],
    },
    {
      name: '$100,000 + $150,000 = $250,000 exactly: no total referral, item 2 exceeds',
      items: [item('100000'), item('150000')],
      expect: ['item_above_limit:2'],
    },
    { name: 'a missing appraisal is referred', items: [item('5000', null)], expect: ['appraisal_missing:1'] },
    { name: 'appraised 2023-11-21, exactly 3 years before the quote date: accepted', items: [item('5000', '2023-11-21')], expect: [] },
    { name: 'appraised 2023-11-20, 3 years and a day before: too old', items: [item('5000', '2023-11-20')], expect: ['appraisal_too_old:1'] },
  ];
  for (const c of cases)
    test(`underwriting: ${c.name}`, () => {
      const outcome = underwrite(c.items, rules, quoteDate);
      if (c.expect.length === 0) assert.deepEqual(outcome, { decision: 'approve', automatic: true });
      else {
        assert.equal(outcome.decision, 'refer');
        assert.ok(outcome.decision === 'refer');
        assert.deepEqual(
          outcome.reasons.map((reason) => ('item' in reason ? `${reason.code}:${reason.item}` : reason.code)),
          c.expect,
        );
      }
    });

  test('underwriting: the oldest accepted appraisal of a 29 February quote is 28 February three years before', () => {
    // 2028-02-29 − 3 years = 2025-02-29, which does not exist → constrained to 2025-02-28
    const outcome = underwrite([item('5000', '2025-02-27')], rules, d('2028-02-29'));
    assert.deepEqual(outcome, {
      decision: 'refer',
      reasons: [{ code: 'appraisal_too_old', item: 1, appraisalDate: '2025-02-27', oldestAccepted: '2025-02-28' }],
    });
    assert.deepEqual(underwrite([item('5000', '2025-02-28')], rules, d('2028-02-29')), { decision: 'approve', automatic: true });
  });

  test('underwriting: without the appraisal rule, a missing appraisal is no reason to refer', () => {
    assert.deepEqual(underwrite([item('5000', null)], { ...rules, appraisalRequired: false }, quoteDate), { decision: 'approve', automatic: true });
  });

  test('property: approval exactly when no item exceeds the item limit, the total does not exceed its limit, and appraisals are recent', () => {
    const amount = fc.integer({ min: 1, max: 20_000_000 }).map(centsToMoney);
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, fc.integer({ min: 0, max: 2000 })), { minLength: 1, maxLength: 6 }), (rows) => {
        const items = rows.map(([coverageAmount, age]) => ({ coverageAmount, appraisalDate: quoteDate.subtract({ days: age }) }));
        const oldest = Temporal.PlainDate.from('2023-11-21');
        const total = items.reduce((sum, i) => sum.plus(i.coverageAmount), usd('0'));
        const expectApprove =
          items.every((i) => i.coverageAmount.compare(rules.referItemAbove) <= 0 && Temporal.PlainDate.compare(i.appraisalDate, oldest) >= 0) &&
          total.compare(rules.referTotalAbove) <= 0;
        assert.equal(underwrite(items, rules, quoteDate).decision, expectApprove ? 'approve' : 'refer');
      }),
    );
  });
});
