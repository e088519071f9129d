import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_DEFINITION } from './demo-product.ts';
import { insurerCancellationNoticeDays } from './jurisdiction-rules.ts';

/** Demo notice days (DEMO data, see demo-product.ts): default 10; NY 15, CA 20, FL 20, NJ 30, TX 10. */
describe('jurisdiction rules (JPF-COND-2)', () => {
  const cases: [state: string, days: number, source: 'product_default' | 'state_rule'][] = [
    ['NY', 15, 'state_rule'],
    ['CA', 20, 'state_rule'],
    ['NJ', 30, 'state_rule'],
    ['OH', 10, 'product_default'], // no rule of its own
    ['TX', 10, 'product_default'], // its rule equals the policy form's 10 days
  ];
  for (const [state, days, source] of cases)
    test(`JPF-COND-2: insurer cancellation notice in ${state} is ${days} days (${source})`, () => {
      assert.deepEqual(insurerCancellationNoticeDays(DEMO_DEFINITION, state), { days, source, state });
    });

  test('JPF-COND-2: a state statute asking for fewer days does not shorten the 10 days the form promises (JPF-CANCEL-2)', () => {
    const rules = { jurisdictionRules: { insurerCancellationNoticeDays: { default: 10, byState: { XX: 5 } } } };
    assert.deepEqual(insurerCancellationNoticeDays(rules, 'XX'), { days: 10, source: 'product_default', state: 'XX' });
  });
});
