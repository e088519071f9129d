import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_DEFINITION, demoRateTables } from './demo-product.ts';
import type { ProductDefinition } from './product-definition.ts';
import { missingRates } from './rate-coverage.ts';

/** Issue #3: a product version is published only when the rate tables that will rate it have every rate it needs. */
const withBrooch: ProductDefinition = {
  ...DEMO_DEFINITION,
  itemCategories: [...DEMO_DEFINITION.itemCategories, { code: 'brooch', label: { en: 'Brooch', nl: 'Broche' } }],
  deductibleOptions: [...DEMO_DEFINITION.deductibleOptions, '2500'],
};

describe('rates a product version needs (issue #3)', () => {
  test('the demo definition is fully rated by the demo tables', () => {
    assert.deepEqual(missingRates(DEMO_DEFINITION, demoRateTables()), []);
  });

  test('a new category and a new deductible without a rate are listed, table by table', () => {
    assert.deepEqual(missingRates(withBrooch, demoRateTables()), [
      { table: 'category_rate', key: 'brooch', tableVersion: 1, effectiveFrom: '2026-01-01' },
      { table: 'deductible_factor', key: '2500.00', tableVersion: 1, effectiveFrom: '2026-01-01' },
    ]);
  });

  test('a table with no version in force is missing as a whole; without the default territory row each state without its own row is missing', () => {
    const tables = demoRateTables().filter((table) => table.name !== 'safe_factor');
    const withoutDefault = tables.map((table) =>
      table.name === 'territory_factor' ? { ...table, rows: new Map([...table.rows].filter(([key]) => key !== 'default')) } : table,
    );
    // Sold in NY, CA and TX: NY and CA have rows of their own (1.05, 1.10), TX (1.00) too; AZ had only the default.
    const fourStates: ProductDefinition = {
      ...DEMO_DEFINITION,
      jurisdictions: ['NY', 'CA', 'TX', 'AZ'],
      jurisdictionRules: { insurerCancellationNoticeDays: { default: 10, byState: {} } },
    };
    assert.deepEqual(missingRates(fourStates, withoutDefault), [
      { table: 'territory_factor', key: 'AZ', tableVersion: 1, effectiveFrom: '2026-01-01' },
      { table: 'safe_factor', key: null, tableVersion: null, effectiveFrom: null },
    ]);
    // With the default row every state is rated.
    assert.deepEqual(missingRates(fourStates, demoRateTables()), []);
  });

  test('a later table version that lacks a rate is listed too, with its own version and date', () => {
    const withRow = (key: string) => (table: ReturnType<typeof demoRateTables>[number]) =>
      table.name === 'category_rate' ? { ...table, rows: new Map([...table.rows, [key, '1.05']]) } : table;
    const brooch = { ...withBrooch, deductibleOptions: DEMO_DEFINITION.deductibleOptions };
    const now = demoRateTables().map(withRow('brooch'));
    const categoryRate = (rows: ReadonlyMap<string, string>) => ({ name: 'category_rate' as const, version: 2, effectiveFrom: '2027-03-01', rows });
    const laterWith = categoryRate(new Map([...(now.find((table) => table.name === 'category_rate')?.rows ?? [])]));
    assert.deepEqual(missingRates(brooch, [...now, laterWith]), []);
    const laterWithout = categoryRate(new Map([...laterWith.rows].filter(([key]) => key !== 'brooch')));
    assert.deepEqual(missingRates(brooch, [...now, laterWithout]), [{ table: 'category_rate', key: 'brooch', tableVersion: 2, effectiveFrom: '2027-03-01' }]);
  });
});
