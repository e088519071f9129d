import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_DEFINITION } from './demo-product.ts';
import { normalizeAmount, parseProductDefinition } from './product-definition.ts';

describe('product definition (configuration as data, issue #3)', () => {
  test('the demo definition is valid', () => {
    assert.deepEqual(parseProductDefinition(DEMO_DEFINITION), { ok: true, definition: DEMO_DEFINITION });
  });

  test('a definition that does not fit is refused with every reason', () => {
    const broken = {
      ...DEMO_DEFINITION,
      defaultDeductible: '300',
      jurisdictionRules: { insurerCancellationNoticeDays: { default: 10, byState: { ON: 30 } } },
      jurisdictions: DEMO_DEFINITION.jurisdictions.filter((state) => state !== 'ON'),
    };
    assert.deepEqual(parseProductDefinition(broken), {
      ok: false,
      problems: ['defaultDeductible: must be one of deductibleOptions', "jurisdictionRules: ON is not one of the product's jurisdictions"],
    });
    const wrongShape = parseProductDefinition({ ...DEMO_DEFINITION, maxItemCoverage: 10_000_000, surprise: true });
    assert.equal(wrongShape.ok, false);
    assert.ok(!wrongShape.ok && wrongShape.problems.some((problem) => problem.startsWith('maxItemCoverage')));
    const duplicate = parseProductDefinition({ ...DEMO_DEFINITION, itemCategories: [...DEMO_DEFINITION.itemCategories, DEMO_DEFINITION.itemCategories[0]] });
    assert.ok(!duplicate.ok && duplicate.problems.some((problem) => problem.includes('unique')));
  });

  test('amounts name the same deductible however they are written', () => {
    const cases: [string, string | null][] = [
      ['250', '250.00'],
      ['250.0', '250.00'],
      ['0250.5', '250.50'],
      ['0', '0.00'],
      [' 1000 ', '1000.00'],
      ['250.001', null],
      ['-250', null],
      ['1e3', null],
    ];
    for (const [text, expected] of cases) assert.equal(normalizeAmount(text), expected, text);
  });
});
