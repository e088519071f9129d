import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ApplicationItem, applicationProblems, sameName } from './application-rules.ts';
import { inceptionProblem } from './inception.ts';
import { formatPolicyNumber, isPolicyNumber } from './policy-number.ts';
import { d, usd } from './test-arbitraries.ts';

const ring: ApplicationItem = {
  description: 'Diamond engagement ring, 1.2 ct',
  category: 'ring',
  coverageAmount: usd('5000.00'),
  appraisalDate: d('2026-10-01'),
  keptInSafe: false,
  giftOrEngagementRing: true,
  possessor: 'Carla Customer',
  setId: null,
};
const earring = (side: string): ApplicationItem => ({
  ...ring,
  description: `Pearl earring, ${side}`,
  category: 'earrings',
  giftOrEngagementRing: false,
  possessor: null,
  setId: 'pearls',
});
const quoteDate = d('2026-11-21');
const codes = (namedInsureds: string[], items: ApplicationItem[]) =>
  applicationProblems({ namedInsureds, items }, quoteDate).map((p) => `${p.field} ${p.code}`);

describe('application rules', () => {
  test('a ring held by a named insured and a pair of earrings as one set: no problems', () => {
    assert.deepEqual(codes(['Carla Customer', 'Cees Customer'], [ring, earring('left'), earring('right')]), []);
  });

  test('JPF-COND-8: the possessor of an engagement ring must be a named insured', () => {
    assert.deepEqual(codes(['Carla Customer'], [{ ...ring, possessor: 'Frank Fiancé' }]), ['items.0.possessor possessor_not_named_insured']);
    assert.deepEqual(codes(['Carla Customer'], [{ ...ring, possessor: null }]), ['items.0.possessor possessor_required']);
    // names compare without case and spacing
    assert.deepEqual(codes(['Carla Customer'], [{ ...ring, possessor: '  carla   customer ' }]), []);
    // an item that is not a gift or engagement ring may be held by anyone
    assert.deepEqual(codes(['Carla Customer'], [{ ...ring, giftOrEngagementRing: false, possessor: 'Frank Fiancé' }]), []);
  });

  test('JPF-DEF-3: at least one named insured, each once', () => {
    assert.deepEqual(codes([], [ring]), ['namedInsureds no_named_insured', 'items.0.possessor possessor_not_named_insured']);
    assert.deepEqual(codes(['Carla Customer', 'carla customer'], [ring]), ['namedInsureds.1 duplicate_named_insured']);
  });

  test('duplicate items, appraisals after the quote date and sets of one are refused', () => {
    assert.deepEqual(codes(['Carla Customer'], [ring, { ...ring, description: ' diamond ENGAGEMENT ring, 1.2 ct' }]), ['items.1.description duplicate_item']);
    assert.deepEqual(codes(['Carla Customer'], [{ ...ring, appraisalDate: d('2026-11-22') }]), ['items.0.appraisalDate appraisal_in_future']);
    assert.deepEqual(codes(['Carla Customer'], [ring, earring('left')]), ['items.1.setId set_needs_two_items']);
  });

  test('sameName', () => {
    assert.equal(sameName('Ana de Vries', 'ANA  DE VRIES'), true);
    assert.equal(sameName('Ana de Vries', 'Ana Vries'), false);
  });
});

describe('inception date of a new policy', () => {
  const today = d('2026-11-21');
  test('today and 90 days ahead are accepted; yesterday and 91 days ahead are not', () => {
    assert.equal(inceptionProblem(today, today), null);
    // 21 Nov + 90 days: 9 to 30 Nov, 31 in Dec, 31 in Jan → 71, + 19 = 19 Feb 2027
    assert.equal(inceptionProblem(d('2027-02-19'), today), null);
    assert.deepEqual(inceptionProblem(d('2027-02-20'), today), { code: 'inception_too_far_ahead', latest: '2027-02-19' });
    assert.deepEqual(inceptionProblem(d('2026-11-20'), today), { code: 'inception_in_past', today: '2026-11-21' });
  });
});

describe('policy numbers', () => {
  test('JW-<year>-<6 digits>, growing past 999,999', () => {
    assert.equal(formatPolicyNumber(2026, 123), 'JW-2026-000123');
    assert.equal(formatPolicyNumber(2026, 1_234_567n), 'JW-2026-1234567');
    assert.equal(isPolicyNumber('JW-2026-000123'), true);
    assert.equal(isPolicyNumber('JW-26-123'), false);
    assert.throws(() => formatPolicyNumber(2026, 0), RangeError);
  });
});
