import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { DEMO_DEFINITION, DEMO_PRODUCT, demoRateTables } from './demo-product.ts';
import { BUCKET_IDS, bucketOf, percentChange, percentText, type Rerated, summarizeImpact } from './rate-impact.ts';
import { ratePolicy } from './rate-policy.ts';
import type { LoadedRateTable } from './rate-tables.ts';

/** Issue #3, "Impact test": the distribution of premium change when a rate table is replaced. */
const usd = (amount: string) => Money.of(amount, 'USD');
const rerated = (policyNumber: string, oldPremium: string, newPremium: string): Rerated => ({
  policyId: policyNumber,
  policyNumber,
  oldPremium: usd(oldPremium),
  newPremium: usd(newPremium),
});

describe('rate-table impact (issue #3 impact test)', () => {
  test('known answer: the demo ring re-rated with a ring rate of 1.21 instead of 1.10', () => {
    // Ring $5,000 in NY, $250 deductible:
    //   old 5000/100 × 1.10 × 1.05 × 0.92 = 53.13 (exact 53.130)
    //   new 5000/100 × 1.21 × 1.05 × 0.92 = 58.443 → 58.44
    // change 58.44 − 53.13 = 5.31; 5.31 / 53.13 × 100 = 9.99435… % → "9.99", bucket "+5 % to +10 %"
    const tables = demoRateTables();
    const raised: LoadedRateTable[] = tables.map((table) =>
      table.name === 'category_rate' ? { ...table, version: 2, rows: new Map([...table.rows, ['ring', '1.21']]) } : table,
    );
    const product = { code: DEMO_PRODUCT.code, version: 1, currency: 'USD' as const, definition: DEMO_DEFINITION };
    const request = {
      ratingDate: '2026-11-21',
      state: 'NY',
      deductible: usd('250'),
      items: [{ category: 'ring', coverageAmount: usd('5000.00'), keptInSafe: false }],
    };
    const before = ratePolicy(request, product, tables);
    const after = ratePolicy(request, product, raised);
    assert.ok(before.ok && after.ok);
    assert.equal(before.worksheet.total.toFixed(), '53.13');
    assert.equal(after.worksheet.total.toFixed(), '58.44');
    const summary = summarizeImpact([rerated('P1', '53.13', '58.44'), rerated('P2', '53.13', '58.44')], 'USD');
    // Two such policies: 106.26 → 116.88, change 10.62 = 2 × 5.31; 10.62 / 106.26 = 9.99435… %.
    assert.deepEqual(
      [summary.count, summary.totalOld.toFixed(), summary.totalNew.toFixed(), summary.totalChange.toFixed(), percentText(summary.totalPercentChange)],
      [2, '106.26', '116.88', '10.62', '9.99'],
    );
    assert.deepEqual(
      summary.policies.map((policy) => [policy.change.toFixed(), percentText(policy.percentChange), policy.bucket]),
      [
        ['5.31', '9.99', 'up_5_10'],
        ['5.31', '9.99', 'up_5_10'],
      ],
    );
    assert.deepEqual(
      summary.buckets.filter((bucket) => bucket.count > 0),
      [{ id: 'up_5_10', from: '5', to: '10', count: 2 }],
    );
    assert.deepEqual([summary.minChange?.toFixed(), summary.medianChange?.toFixed(), summary.maxChange?.toFixed()], ['5.31', '5.31', '5.31']);
  });

  test('bucket edges: exactly 5 % is "up to 5 %", just above is the next; exactly 0 is unchanged; both sides alike', () => {
    // 100.00 → 105.00: +5.00 / 100 = 5 % exactly; 100.00 → 105.01: 5.01 %
    const at = (oldPremium: string, newPremium: string) => {
      const change = usd(newPremium).minus(usd(oldPremium));
      return bucketOf(change, percentChange(usd(oldPremium), change));
    };
    assert.deepEqual(
      [at('100.00', '100.00'), at('100.00', '105.00'), at('100.00', '105.01'), at('100.00', '110.00'), at('100.00', '120.00'), at('100.00', '120.01')],
      ['unchanged', 'up_0_5', 'up_5_10', 'up_5_10', 'up_10_20', 'up_20_plus'],
    );
    assert.deepEqual(
      [at('100.00', '99.99'), at('100.00', '95.00'), at('100.00', '94.99'), at('100.00', '80.00'), at('100.00', '79.99')],
      ['down_0_5', 'down_0_5', 'down_5_10', 'down_10_20', 'down_20_plus'],
    );
    // From 0 to something there is no percent: the largest increase.
    assert.equal(at('0.00', '25.00'), 'up_20_plus');
    assert.equal(percentChange(usd('0.00'), usd('25.00')), null);
  });

  test('median: the lower middle of the changes in order; min and max; an empty sample has none', () => {
    // changes −1.00, 0.00, 2.50, 4.00 → sorted; lower middle of 4 is the 2nd: 0.00
    const summary = summarizeImpact(
      [rerated('A', '50.00', '54.00'), rerated('B', '50.00', '49.00'), rerated('C', '50.00', '52.50'), rerated('D', '50.00', '50.00')],
      'USD',
    );
    assert.deepEqual([summary.minChange?.toFixed(), summary.medianChange?.toFixed(), summary.maxChange?.toFixed()], ['-1.00', '0.00', '4.00']);
    const empty = summarizeImpact([], 'USD');
    assert.deepEqual([empty.count, empty.minChange, empty.medianChange, empty.maxChange, empty.totalPercentChange], [0, null, null, null, null]);
    assert.equal(
      empty.buckets.reduce((sum, bucket) => sum + bucket.count, 0),
      0,
    );
  });

  const cents = fc.bigInt({ min: 0n, max: 10_000_000n }).map((value) => usd(`${value / 100n}.${String(value % 100n).padStart(2, '0')}`));
  const sample = fc.array(fc.tuple(cents, cents), { maxLength: 60 });

  test('property: bucket counts add up to the sample size; total change = Σ per-policy changes = total new − total old, exactly', () => {
    fc.assert(
      fc.property(sample, (pairs) => {
        const summary = summarizeImpact(
          pairs.map(([oldPremium, newPremium], index) => ({ policyId: String(index), policyNumber: String(index), oldPremium, newPremium })),
          'USD',
        );
        assert.equal(summary.count, pairs.length);
        assert.equal(
          summary.buckets.reduce((sum, bucket) => sum + bucket.count, 0),
          pairs.length,
        );
        assert.deepEqual(
          summary.buckets.map((bucket) => bucket.id),
          [...BUCKET_IDS],
        );
        const sumOfChanges = Money.sum(
          summary.policies.map((policy) => policy.change),
          'USD',
        );
        assert.ok(summary.totalChange.equals(sumOfChanges));
        assert.ok(summary.totalChange.equals(summary.totalNew.minus(summary.totalOld)));
      }),
    );
  });

  test('property: min ≤ median ≤ max, each one of the changes; every policy sits in the bucket its percent belongs to', () => {
    fc.assert(
      fc.property(sample, (pairs) => {
        const summary = summarizeImpact(
          pairs.map(([oldPremium, newPremium], index) => ({ policyId: String(index), policyNumber: String(index), oldPremium, newPremium })),
          'USD',
        );
        if (summary.count === 0) return;
        const { minChange, medianChange, maxChange } = summary;
        assert.ok(minChange && medianChange && maxChange);
        assert.ok(minChange.compare(medianChange) <= 0 && medianChange.compare(maxChange) <= 0);
        for (const value of [minChange, medianChange, maxChange]) assert.ok(summary.policies.some((policy) => policy.change.equals(value)));
        for (const policy of summary.policies) {
          const bucket = summary.buckets.find((candidate) => candidate.id === policy.bucket);
          assert.ok(bucket);
          if (policy.percentChange === null) continue;
          if (bucket.from !== null) assert.ok(policy.percentChange.greaterThanOrEqualTo(bucket.from));
          if (bucket.to !== null) assert.ok(policy.percentChange.lessThanOrEqualTo(bucket.to));
          assert.equal(policy.bucket === 'unchanged', policy.change.isZero());
        }
      }),
    );
  });
});
