import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkReference, createReference, normalizeReference, printReference, referenceForSequence } from './structured-reference.ts';

/** ISO 11649 creditor references (issue #3: "payment by bank transfer with a structured reference"). */
describe('structured reference (ISO 11649)', () => {
  test('the standard’s own example is valid, and is what the body 539007547034 gives', () => {
    // 539007547034 + "RF00" → 539007547034 27 15 00 → mod 97 = 80 → check 98 − 80 = 18
    assert.deepEqual(checkReference('RF18539007547034'), { valid: true, reference: 'RF18539007547034' });
    assert.equal(createReference('539007547034'), 'RF18539007547034');
    assert.deepEqual(checkReference('rf18 5390 0754 7034'), { valid: true, reference: 'RF18539007547034' }, 'as printed, in groups of four');
    assert.equal(printReference('RF18539007547034'), 'RF18 5390 0754 7034');
  });

  test('known answers with letters', () => {
    // "RF712348231" is the ISO 11649 example with a short numeric body; letters count A=10 … Z=35.
    assert.equal(createReference('2348231'), 'RF712348231');
    assert.equal(checkReference(createReference('ABC123')).valid, true);
  });

  test('a typo fails: a changed digit, swapped digits, wrong check digits, bad form', () => {
    assert.deepEqual(checkReference('RF18539007547035'), { valid: false, reason: 'check_digits' });
    assert.deepEqual(checkReference('RF18539007574034'), { valid: false, reason: 'check_digits' });
    assert.deepEqual(checkReference('RF19539007547034'), { valid: false, reason: 'check_digits' });
    assert.deepEqual(checkReference('RF1853900754703'), { valid: false, reason: 'check_digits' });
    assert.deepEqual(checkReference('XX18539007547034'), { valid: false, reason: 'format' });
    assert.deepEqual(checkReference('RF18'), { valid: false, reason: 'format' });
    assert.deepEqual(checkReference('RF18-5390'), { valid: false, reason: 'format' });
    assert.deepEqual(checkReference(`RF18${'1'.repeat(22)}`), { valid: false, reason: 'format' });
  });

  test('invoice sequence numbers give nine-digit bodies', () => {
    assert.equal(referenceForSequence(1).slice(4), '000000001');
    assert.equal(referenceForSequence('1234567890').slice(4), '1234567890');
    assert.throws(() => referenceForSequence(0));
    assert.throws(() => referenceForSequence(-3));
  });

  test('property: every generated reference checks, and any same-kind single-character typo is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), fc.nat(), fc.integer({ min: 1, max: 35 }), (body, position, delta) => {
        const reference = createReference(body);
        assert.deepEqual(checkReference(reference), { valid: true, reference });
        // mod 97-10 detects every substitution of a digit by another digit and of a letter by another
        // letter: the number changes by d × 10^k with 0 < |d| < 97, which 97 (prime) never divides.
        // A digit swapped for a letter changes the number's length and is not always caught
        // (a counterexample: body 'AD0' with its '0' written as 'A'), so the property keeps the class.
        const index = 2 + (position % (reference.length - 2));
        const original = Number.parseInt(reference[index] ?? '0', 36);
        const isDigit = original < 10;
        const changed = isDigit ? String((original + (delta % 9) + 1) % 10) : (10 + ((original - 10 + (delta % 25) + 1) % 26)).toString(36).toUpperCase();
        const typo = `${reference.slice(0, index)}${changed}${reference.slice(index + 1)}`;
        assert.equal(checkReference(typo).valid, false, `${reference} → ${typo}`);
        assert.equal(normalizeReference(printReference(reference)), reference);
      }),
    );
  });
});
