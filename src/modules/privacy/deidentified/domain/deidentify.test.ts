import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  coverageBand,
  type DeidentifiedRow,
  deidentifyItem,
  deriveExportKey,
  pseudonym,
  type SourceItem,
  suppressSmallCells,
  toCsv,
  yearOf,
} from './deidentify.ts';

const key = deriveExportKey('a test secret of enough length');
const item = (overrides: Partial<SourceItem> = {}): SourceItem => ({
  policyId: '0b9f1c8e-1111-4111-8111-111111111111',
  holderUserId: '0b9f1c8e-2222-4222-8222-222222222222',
  itemNo: 1,
  state: 'NY',
  country: 'US',
  productCode: 'jewelry',
  category: 'ring',
  coverageAmount: '7500.00',
  currency: 'USD',
  firstDay: '2026-12-01',
  status: 'in_force',
  ...overrides,
});

describe('de-identification', () => {
  test('PRV-DEID-1: coverage amounts are generalised into bands (lower bound inclusive)', () => {
    const cases: [string, string][] = [
      ['0', '0-999'],
      ['999.99', '0-999'],
      ['1000', '1000-4999'],
      ['4999.99', '1000-4999'],
      ['7500.00', '5000-9999'],
      ['10000', '10000-24999'],
      ['49999.99', '25000-49999'],
      ['99999.99', '50000-99999'],
      ['100000', '100000+'],
      ['2500000', '100000+'],
    ];
    for (const [amount, band] of cases) assert.equal(coverageBand(amount), band, amount);
    assert.throws(() => coverageBand('-1'));
    assert.equal(yearOf('2026-12-01'), '2026');
  });

  test('PRV-DEID-1: ids become keyed pseudonyms — stable for one key, different for another, never the id itself', () => {
    const row = deidentifyItem(key, item());
    assert.equal(row.policy, pseudonym(key, 'policy', item().policyId));
    assert.match(row.policy, /^[0-9a-f]{20}$/);
    assert.notEqual(row.policy, pseudonym(deriveExportKey('another secret entirely'), 'policy', item().policyId));
    const text = JSON.stringify(row);
    assert.ok(!text.includes(item().policyId) && !text.includes(item().holderUserId));
    // Generalised: state and country only, a band, a year.
    assert.deepEqual(
      { state: row.state, country: row.country, band: row.coverage_band, year: row.policy_year },
      { state: 'NY', country: 'US', band: '5000-9999', year: '2026' },
    );
  });

  test('PRV-DEID-1: groups of fewer than 10 rows are suppressed, groups of 10 are kept', () => {
    // 10 rings in NY at 5000-9999 (kept), 9 in NJ (suppressed), 1 necklace in NY (suppressed): 20 rows, 10 kept.
    const rows = [
      ...Array.from({ length: 10 }, (_, n) => deidentifyItem(key, item({ itemNo: n + 1 }))),
      ...Array.from({ length: 9 }, (_, n) => deidentifyItem(key, item({ itemNo: n + 20, state: 'NJ' }))),
      deidentifyItem(key, item({ itemNo: 99, category: 'necklace' })),
    ];
    const result = suppressSmallCells(rows, 10);
    assert.equal(result.rows.length, 10);
    assert.equal(result.suppressed, 10);
    assert.ok(result.rows.every((row) => row.state === 'NY' && row.category === 'ring'));
  });

  test('PRV-DEID-1: property — no row survives in a group smaller than the minimum', () => {
    const arbitraryRow = fc.record({
      state: fc.constantFrom('NY', 'NJ', 'CA'),
      category: fc.constantFrom('ring', 'watch'),
      coverage_band: fc.constantFrom('0-999', '5000-9999'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryRow, { maxLength: 80 }), fc.integer({ min: 2, max: 12 }), (partials, k) => {
        const rows: DeidentifiedRow[] = partials.map((p, n) => ({ ...deidentifyItem(key, item({ itemNo: n })), ...p }));
        const { rows: kept, suppressed } = suppressSmallCells(rows, k);
        assert.equal(kept.length + suppressed, rows.length);
        for (const row of kept) {
          const size = kept.filter((other) => other.state === row.state && other.category === row.category && other.coverage_band === row.coverage_band).length;
          assert.ok(size >= k);
        }
      }),
    );
  });

  test('PRV-DEID-1: the CSV quotes what needs quoting and defuses spreadsheet formulas', () => {
    const csv = toCsv(['a', 'b'] as const, [
      { a: 'plain', b: 'with, comma' },
      { a: 'say "hi"', b: '=HYPERLINK("x")' },
    ]);
    assert.equal(csv, 'a,b\r\nplain,"with, comma"\r\n"say ""hi""","\'=HYPERLINK(""x"")"\r\n');
  });
});
