import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DEMO_DEFINITION, DEMO_RATE_TABLE_CSV } from './demo-product.ts';
import { type CsvError, MAX_RATE_ROWS, parseRateTableCsv } from './rate-table-csv.ts';
import { RATE_TABLE_NAMES, type RateTableName, rateTableSpec } from './rate-tables.ts';

/** Issue #3: rate tables uploaded as CSV, "validated (clear line-by-line errors, nothing half-loaded)". */
const parse = (name: RateTableName, text: string) => parseRateTableCsv(text, rateTableSpec(name, DEMO_DEFINITION));
const errorsOf = (name: RateTableName, text: string): CsvError[] => {
  const result = parse(name, text);
  assert.equal(result.ok, false, 'expected errors');
  return result.ok ? [] : result.errors;
};

describe('rate table CSV', () => {
  test('the demo tables parse, with canonical keys and the values as written', () => {
    for (const name of RATE_TABLE_NAMES) assert.ok(parse(name, DEMO_RATE_TABLE_CSV[name]).ok, name);
    const deductibles = parse('deductible_factor', DEMO_RATE_TABLE_CSV.deductible_factor);
    assert.deepEqual(deductibles.ok && deductibles.rows.slice(0, 2), [
      { key: '0.00', value: '1.15' },
      { key: '100.00', value: '1.00' },
    ]);
  });

  test('tolerates a byte-order mark, CRLF, quotes, blank lines, comments and loose spacing', () => {
    const text = '\uFEFF# from the spreadsheet\r\nKey , Value\r\n\r\n"default", "1.00"\r\n ny ,1.05\r\n';
    assert.deepEqual(parse('territory_factor', text), {
      ok: true,
      rows: [
        { key: 'default', value: '1.00' },
        { key: 'NY', value: '1.05' },
      ],
    });
  });

  test('every bad line is reported with its line number and what is wrong, and no row is returned', () => {
    const text = [
      'key,value', // 1
      'ring,1.10', // 2
      'earrings,', // 3 missing value
      'necklace,abc', // 4 not a decimal
      'bracelet,-1.00', // 5 negative
      'ring,1.20', // 6 duplicate of line 2
      'tiara,1.00', // 7 unknown category
      'watch,1,5', // 8 too many fields (a decimal comma)
      ',0.90', // 9 missing key
      'loose_stone,0', // 10 a zero factor
      'other,1.0000001', // 11 more than 6 decimals
    ].join('\n');
    assert.deepEqual(errorsOf('category_rate', text), [
      { line: 3, code: 'missing_value', key: 'earrings' },
      { line: 4, code: 'not_a_decimal', value: 'abc', key: 'necklace' },
      { line: 5, code: 'negative', value: '-1.00', key: 'bracelet' },
      { line: 6, code: 'duplicate_key', key: 'ring', firstLine: 2 },
      { line: 7, code: 'unknown_key', key: 'tiara' },
      { line: 8, code: 'too_many_fields' },
      { line: 9, code: 'missing_key' },
      { line: 10, code: 'zero_not_allowed', value: '0', key: 'loose_stone' },
      { line: 11, code: 'too_many_decimals', value: '1.0000001', limit: '6', key: 'other' },
      // watch's only line was refused on line 8; it is reported there, not again as a missing row
      { line: null, code: 'missing_row', key: 'watch' },
    ]);
  });

  test('a category table must rate every category of the product', () => {
    assert.deepEqual(errorsOf('category_rate', 'key,value\nring,1.10\n'), [
      { line: null, code: 'missing_row', key: 'earrings' },
      { line: null, code: 'missing_row', key: 'necklace' },
      { line: null, code: 'missing_row', key: 'bracelet' },
      { line: null, code: 'missing_row', key: 'watch' },
      { line: null, code: 'missing_row', key: 'loose_stone' },
      { line: null, code: 'missing_row', key: 'other' },
    ]);
  });

  test('keys are checked against the product: states, offered deductibles, the single-row tables', () => {
    assert.deepEqual(errorsOf('territory_factor', 'key,value\ndefault,1\nZZ,1.2\n'), [{ line: 3, code: 'unknown_key', key: 'ZZ' }]);
    assert.deepEqual(errorsOf('territory_factor', 'key,value\nNY,1.05\n'), [{ line: null, code: 'missing_row', key: 'default' }]);
    assert.deepEqual(errorsOf('deductible_factor', `${DEMO_RATE_TABLE_CSV.deductible_factor}300,0.9\n250.00,0.91\n`), [
      { line: 8, code: 'unknown_key', key: '300' },
      // "250.00" and "250" are the same deductible
      { line: 9, code: 'duplicate_key', key: '250.00', firstLine: 5 },
    ]);
    assert.deepEqual(errorsOf('safe_factor', 'key,value\nin_safe,0.95\n'), [
      { line: 2, code: 'unknown_key', key: 'in_safe' },
      { line: null, code: 'missing_row', key: 'kept_in_safe' },
    ]);
  });

  test('the minimum premium is an amount: zero allowed, cents at most', () => {
    assert.ok(parse('minimum_premium', 'key,value\npolicy,0\n').ok);
    assert.deepEqual(errorsOf('minimum_premium', 'key,value\npolicy,25.001\n'), [
      { line: 2, code: 'too_many_decimals', value: '25.001', limit: '2', key: 'policy' },
    ]);
  });

  test('decimal notation only: no exponents, thousands separators or signs in front', () => {
    for (const value of ['1e0', '1.', '.5', '+1.0', '1 000', '0x1', 'NaN', 'Infinity'])
      assert.deepEqual(errorsOf('safe_factor', `key,value\nkept_in_safe,${value}\n`)[0]?.code, 'not_a_decimal', value);
  });

  test('absurd factors are refused', () => {
    assert.deepEqual(errorsOf('safe_factor', 'key,value\nkept_in_safe,100.5\n'), [
      { line: 2, code: 'too_large', value: '100.5', limit: '100', key: 'kept_in_safe' },
    ]);
  });

  test('a missing header, an empty file, too many rows', () => {
    assert.deepEqual(errorsOf('safe_factor', 'kept_in_safe,0.95\n'), [{ line: 1, code: 'missing_header' }]);
    assert.deepEqual(errorsOf('safe_factor', ''), [{ line: null, code: 'empty' }]);
    assert.deepEqual(errorsOf('safe_factor', 'key,value\n# nothing else\n'), [{ line: null, code: 'empty' }]);
    const many = ['key,value', 'default,1', ...Array.from({ length: MAX_RATE_ROWS }, () => 'NY,1')].join('\n');
    assert.deepEqual(errorsOf('territory_factor', many).at(-1), { line: MAX_RATE_ROWS + 2, code: 'too_many_rows', limit: String(MAX_RATE_ROWS) });
  });

  test('property: any text either parses completely or yields errors, never throws, never part of a table', () => {
    const line = fc.oneof(fc.constantFrom('key,value', 'ring,1.10', 'ring,', 'ring,x', 'ring,-1', 'tiara,1', ',', '#c', ''), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 15 }), (lines) => {
        const result = parse('category_rate', lines.join('\n'));
        if (result.ok) {
          assert.equal(new Set(result.rows.map((row) => row.key)).size, result.rows.length);
          assert.equal(result.rows.length, DEMO_DEFINITION.itemCategories.length);
        } else assert.ok(result.errors.length > 0);
      }),
    );
  });
});
