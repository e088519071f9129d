import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import { DEMO_DEFINITION, DEMO_PRODUCT, demoRateTables } from './demo-product.ts';
import type { RatingItem } from './rate-item.ts';
import { type RatingRequest, ratePolicy } from './rate-policy.ts';
import { RATE_TABLE_NAMES } from './rate-tables.ts';
import { worksheetToJson } from './rating-worksheet.ts';

/** Issue #3, demo jewelry rating of a whole request: item premiums added, then the policy minimum. */
const product = { code: DEMO_PRODUCT.code, version: 1, currency: 'USD' as const, definition: DEMO_DEFINITION };
const tables = demoRateTables();
const usd = (amount: string) => Money.of(amount, 'USD');
const item = (category: string, coverage: string, keptInSafe = false): RatingItem => ({ category, coverageAmount: usd(coverage), keptInSafe });

function rate(state: string, deductible: string, items: RatingItem[]) {
  const result = ratePolicy({ ratingDate: '2026-11-21', state, deductible: usd(deductible), items }, product, tables);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.worksheet;
}

describe('rating a policy (issue #3 demo rates)', () => {
  test('minimum premium: a total below $25 is raised to $25, the item premiums stay as rated', () => {
    // 1000/100 × 1.10 (ring) × 1.00 (TX) × 0.92 ($250) = 10.12; 10.12 < 25.00 → 25.00
    const worksheet = rate('TX', '250', [item('ring', '1000.00')]);
    assert.equal(worksheet.items[0]?.premium.toFixed(), '10.12');
    assert.equal(worksheet.itemsTotal.toFixed(), '10.12');
    assert.equal(worksheet.minimumApplied, true);
    assert.deepEqual(worksheet.minimumPremium.amount.toJSON(), { amount: '25.00', currency: 'USD' });
    assert.equal(worksheet.total.toFixed(), '25.00');
  });

  test('exactly the minimum is not raised', () => {
    // 2500/100 × 1.00 (earrings) × 1.00 (TX) × 1.00 ($100) = 25.00 = the minimum
    const worksheet = rate('TX', '100', [item('earrings', '2500.00')]);
    assert.deepEqual([worksheet.total.toFixed(), worksheet.minimumApplied], ['25.00', false]);
  });

  test('two items: the total is the sum of the rounded item premiums', () => {
    // ring:     5000/100 × 1.10 × 1.05 (NY) × 0.92 ($250) × 0.95 (safe) = 50.4735 → 50.47
    // earrings: 2000/100 × 1.00 × 1.05 (NY) × 0.92 ($250)               = 19.32   → 19.32
    // total 50.47 + 19.32 = 69.79 (above the 25.00 minimum)
    const worksheet = rate('NY', '250', [item('ring', '5000.00', true), item('earrings', '2000.00')]);
    assert.deepEqual(
      worksheet.items.map((rated) => rated.premium.toFixed()),
      ['50.47', '19.32'],
    );
    assert.deepEqual([worksheet.itemsTotal.toFixed(), worksheet.total.toFixed(), worksheet.minimumApplied], ['69.79', '69.79', false]);
  });

  test('rounding is per item, not on the total', () => {
    // 3 × earrings 1234.50 TX $100: each 12.345 → 12.35; total 37.05 (rounding the exact 37.035 once would give 37.04)
    const worksheet = rate('TX', '100', [item('earrings', '1234.50'), item('earrings', '1234.50'), item('earrings', '1234.50')]);
    assert.equal(worksheet.total.toFixed(), '37.05');
  });

  test('the worksheet lists every table version used, with its effective date', () => {
    const worksheet = rate('NY', '250', [item('ring', '5000.00', true)]);
    assert.deepEqual(
      worksheet.tables.map((source) => `${source.table} v${source.version} from ${source.effectiveFrom}`),
      RATE_TABLE_NAMES.map((name) => `${name} v1 from 2026-01-01`),
    );
  });

  test('golden worksheet: the JSON the API returns and a quote stores', () => {
    const worksheet = rate('NY', '250', [item('ring', '5000.00', true), item('watch', '12000.00')]);
    const golden = new URL('./golden/worksheet-ny-ring-watch.json', import.meta.url);
    const actual = `${JSON.stringify(worksheetToJson(worksheet), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, 'utf8'), 'run with UPDATE_GOLDEN=1 after an intended change, and review the diff');
  });
});

describe('requests that cannot be rated: every problem at once, as values', () => {
  const problemsOf = (request: Partial<RatingRequest>, given = tables) => {
    const result = ratePolicy({ ratingDate: '2026-11-21', state: 'NY', deductible: usd('250'), items: [item('ring', '1000')], ...request }, product, given);
    assert.equal(result.ok, false);
    return result.ok ? [] : result.problems.map((problem) => `${problem.code}${problem.item ? `@${problem.item}` : ''}:${problem.value ?? ''}`);
  };

  test('deductible not offered', () => {
    assert.deepEqual(problemsOf({ deductible: usd('300') }), ['deductible_not_offered:300']);
  });

  test('a state where the product is not sold', () => {
    assert.deepEqual(problemsOf({ state: 'ZZ' }), ['state_not_offered:ZZ']);
  });

  test('no items', () => {
    assert.deepEqual(problemsOf({ items: [] }), ['no_items:']);
  });

  test('several bad items are all reported, with their lines', () => {
    assert.deepEqual(problemsOf({ items: [item('ring', '1000'), item('crown', '5'), item('watch', '-1'), item('other', '20000000')] }), [
      'unknown_category@2:crown',
      'coverage_not_positive@3:-1',
      'coverage_too_large@4:20000000',
    ]);
  });

  test('no table in force on the rating date (e.g. before the first one takes effect)', () => {
    assert.deepEqual(
      problemsOf(
        {},
        tables.filter((table) => table.name !== 'minimum_premium'),
      ),
      ['table_missing:minimum_premium'],
    );
  });
});

describe('properties', () => {
  const categories = DEMO_DEFINITION.itemCategories.map((category) => category.code);
  const states = ['NY', 'CA', 'FL', 'TX', 'OH', 'WY'];
  const cents = fc.integer({ min: 1, max: 1_000_000_000 }); // 0.01 … 10,000,000.00
  const toMoney = (value: number) => usd(`${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`);
  const arbitraryItem = fc.record({ category: fc.constantFrom(...categories), cents, keptInSafe: fc.boolean() });
  const setting = fc.record({ state: fc.constantFrom(...states), deductible: fc.constantFrom(...DEMO_DEFINITION.deductibleOptions) });

  test('the premium never falls when a coverage amount rises (everything else equal)', () => {
    fc.assert(
      fc.property(setting, arbitraryItem, cents, ({ state, deductible }, rated, other) => {
        const [low, high] = [Math.min(rated.cents, other), Math.max(rated.cents, other)];
        const at = (value: number) => rate(state, deductible, [{ category: rated.category, coverageAmount: toMoney(value), keptInSafe: rated.keptInSafe }]);
        const [lower, higher] = [at(low), at(high)];
        assert.ok(lower.items[0]?.premium.compare(higher.items[0]?.premium ?? Money.zero('USD')) !== 1);
        assert.ok(lower.total.compare(higher.total) !== 1);
      }),
    );
  });

  test('the total is the sum of the item premiums, or the minimum when that sum is below it', () => {
    fc.assert(
      fc.property(setting, fc.array(arbitraryItem, { minLength: 1, maxLength: 12 }), ({ state, deductible }, items) => {
        const worksheet = rate(
          state,
          deductible,
          items.map((rated) => ({ category: rated.category, coverageAmount: toMoney(rated.cents), keptInSafe: rated.keptInSafe })),
        );
        const sum = Money.sum(
          worksheet.items.map((rated) => rated.premium),
          'USD',
        );
        const minimum = usd('25.00');
        assert.ok(worksheet.itemsTotal.equals(sum));
        assert.ok(worksheet.total.equals(sum.compare(minimum) < 0 ? minimum : sum));
        assert.equal(worksheet.minimumApplied, sum.compare(minimum) < 0);
        // Each item premium is its exact premium rounded half-up to whole cents.
        for (const rated of worksheet.items) {
          assert.ok(rated.premium.equals(rated.exactPremium.roundToCents()));
          assert.ok(rated.premium.minus(rated.exactPremium).amount.abs().lessThanOrEqualTo('0.005'));
        }
      }),
    );
  });
});
