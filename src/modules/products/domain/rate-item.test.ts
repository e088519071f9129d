import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Money } from '../../../platform/money.ts';
import { DEMO_DEFINITION, DEMO_PRODUCT, demoRateTables } from './demo-product.ts';
import { type RatingRequest, ratePolicy } from './rate-policy.ts';

/** Issue #3, demo jewelry rating, one item at a time, on the demo tables (DEMO_RATE_TABLE_CSV). */
const product = { code: DEMO_PRODUCT.code, version: 1, currency: 'USD' as const, definition: DEMO_DEFINITION };
const usd = (amount: string) => Money.of(amount, 'USD');

function rateOne(category: string, coverage: string, state: string, deductible: string, keptInSafe: boolean) {
  const request: RatingRequest = {
    ratingDate: '2026-11-21',
    state,
    deductible: usd(deductible),
    items: [{ category, coverageAmount: usd(coverage), keptInSafe }],
  };
  const result = ratePolicy(request, product, demoRateTables());
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const item = result.worksheet.items[0];
  assert.ok(item);
  return item;
}

type Case = [category: string, coverage: string, state: string, deductible: string, safe: boolean, exact: string, premium: string];

describe('rating one item (issue #3 demo rates)', () => {
  const cases: Case[] = [
    // 5000/100 × 1.10 (ring) × 1.05 (NY) × 0.92 ($250) × 0.95 (safe) = 50.4735 → 50.47
    ['ring', '5000.00', 'NY', '250', true, '50.4735', '50.47'],
    // 12000/100 × 0.90 (watch) × 1.10 (CA) × 0.85 ($500) = 100.98
    ['watch', '12000.00', 'CA', '500', false, '100.98', '100.98'],
    // 800/100 × 1.00 (other) × 1.05 (NY) × 0.92 ($250) = 7.728 → 7.73
    ['other', '800.00', 'NY', '250', false, '7.728', '7.73'],
    // 3333.33/100 × 1.00 (bracelet) × 1.00 (NV: no row, default) × 0.78 ($1,000) × 0.95 = 24.6999753 → 24.70
    ['bracelet', '3333.33', 'NV', '1000', true, '24.6999753', '24.70'],
    // 100000/100 × 1.10 (ring) × 1.15 (FL) × 1.15 ($0) = 1454.75
    ['ring', '100000.00', 'FL', '0', false, '1454.75', '1454.75'],
    // 0.01/100 × 1.00 (earrings) × 1.00 (TX) × 1.00 ($100) = 0.0001 → 0.00 (the policy minimum covers it)
    ['earrings', '0.01', 'TX', '100', false, '0.0001', '0.00'],
    // 10,000,000/100 × 1.20 (loose stone) × 1.15 (FL) × 1.15 ($0) × 0.95 = 150765 (the largest amount accepted)
    ['loose_stone', '10000000.00', 'FL', '0', true, '150765', '150765.00'],
  ];
  for (const [category, coverage, state, deductible, safe, exact, premium] of cases) {
    test(`${category} $${coverage} ${state} $${deductible}${safe ? ' safe' : ''} → ${premium}`, () => {
      const item = rateOne(category, coverage, state, deductible, safe);
      assert.equal(item.exactPremium.amount.toFixed(), exact);
      assert.equal(item.premium.toFixed(), premium);
    });
  }

  describe('rounding ties go up (half-up to cents, once per item)', () => {
    const ties: Case[] = [
      // 2500/100 × 1.20 (loose stone) × 1.15 (FL) × 1.15 ($0) = 39.675 → 39.68
      ['loose_stone', '2500.00', 'FL', '0', false, '39.675', '39.68'],
      // 1000/100 × 0.95 (necklace) × 1.15 (FL) × 1.00 ($100) = 10.925 → 10.93 (half-even would give 10.92)
      ['necklace', '1000.00', 'FL', '100', false, '10.925', '10.93'],
      // 1234.50/100 × 1.00 × 1.00 (TX) × 1.00 ($100) = 12.345 → 12.35 (half-down or truncation would give 12.34)
      ['earrings', '1234.50', 'TX', '100', false, '12.345', '12.35'],
    ];
    for (const [category, coverage, state, deductible, safe, exact, premium] of ties) {
      test(`${category} $${coverage} ${state} $${deductible} → ${exact} → ${premium}`, () => {
        const item = rateOne(category, coverage, state, deductible, safe);
        assert.equal(item.exactPremium.amount.toFixed(), exact);
        assert.equal(item.premium.toFixed(), premium);
      });
    }
  });

  test('the worksheet names each factor, its table row and version, and the amount after it', () => {
    const item = rateOne('ring', '5000.00', 'NY', '250', true);
    assert.equal(item.base.amount.toFixed(), '50');
    assert.deepEqual(
      item.steps.map((step) => [step.factor, step.table, step.version, step.key, step.value, step.amountAfter.amount.toFixed()]),
      [
        ['category_rate', 'category_rate', 1, 'ring', '1.10', '55'],
        ['territory_factor', 'territory_factor', 1, 'NY', '1.05', '57.75'],
        ['deductible_factor', 'deductible_factor', 1, '250.00', '0.92', '53.13'],
        ['safe_factor', 'safe_factor', 1, 'kept_in_safe', '0.95', '50.4735'],
      ],
    );
  });

  test('a state without its own row uses the default row, and the worksheet says so', () => {
    const item = rateOne('watch', '1000.00', 'OH', '100', false);
    const territory = item.steps.find((step) => step.factor === 'territory_factor');
    assert.deepEqual([territory?.key, territory?.value], ['default', '1.00']);
  });

  test('no safe factor in the worksheet when the item is not kept in a safe', () => {
    const item = rateOne('ring', '5000.00', 'NY', '250', false);
    assert.deepEqual(
      item.steps.map((step) => step.factor),
      ['category_rate', 'territory_factor', 'deductible_factor'],
    );
  });
});

describe('items that cannot be rated are returned problems, not exceptions', () => {
  type ProblemCase = [label: string, category: string, coverage: string, code: string];
  const cases: ProblemCase[] = [
    ['unknown category', 'tiara', '1000.00', 'unknown_category'],
    ['zero coverage', 'ring', '0', 'coverage_not_positive'],
    ['negative coverage', 'ring', '-500.00', 'coverage_not_positive'],
    ['absurd coverage (over 10,000,000)', 'ring', '10000000.01', 'coverage_too_large'],
    ['fractions of a cent', 'ring', '1000.005', 'coverage_not_whole_cents'],
  ];
  for (const [label, category, coverage, code] of cases) {
    test(label, () => {
      const result = ratePolicy(
        { ratingDate: '2026-11-21', state: 'NY', deductible: usd('250'), items: [{ category, coverageAmount: usd(coverage), keptInSafe: false }] },
        product,
        demoRateTables(),
      );
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.problems.map((problem) => [problem.code, problem.item, problem.field]), [
        [code, 1, code === 'unknown_category' ? 'category' : 'coverageAmount'],
      ]);
    });
  }

  test('a category the product offers but the table in force does not rate is a missing rate', () => {
    const withoutWatch = demoRateTables().map((table) =>
      table.name === 'category_rate' ? { ...table, rows: new Map([...table.rows].filter(([key]) => key !== 'watch')) } : table,
    );
    const result = ratePolicy(
      { ratingDate: '2026-11-21', state: 'NY', deductible: usd('250'), items: [{ category: 'watch', coverageAmount: usd('1000'), keptInSafe: false }] },
      product,
      withoutWatch,
    );
    assert.deepEqual(!result.ok && result.problems, [{ code: 'rate_missing', field: 'category', item: 1, value: 'category_rate:watch' }]);
  });
});
