import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { OTHER_INSURED_RELATIONS, sameName } from './application-rules.ts';
import { insuredStatusOf } from './insureds.ts';

const parties = {
  namedInsureds: ['Carla Customer', 'Dirk Customer'],
  otherInsureds: [
    { name: 'Cees Customer', relation: 'spouse' as const },
    { name: 'Oma Customer', relation: 'resident_relative' as const },
    { name: 'Kim Customer', relation: 'minor_in_care' as const },
  ],
};

describe('insureds (JPF-DEF-2)', () => {
  test('JPF-DEF-2: named insureds, a spouse, resident relatives and persons in their care are insureds, each with their relation', () => {
    assert.deepEqual(insuredStatusOf(parties, 'Carla Customer'), { insured: true, as: 'named_insured' });
    assert.deepEqual(insuredStatusOf(parties, 'dirk  customer'), { insured: true, as: 'named_insured' }, 'names compare without case or spacing');
    assert.deepEqual(insuredStatusOf(parties, 'Cees Customer'), { insured: true, as: 'spouse' });
    assert.deepEqual(insuredStatusOf(parties, 'Oma Customer'), { insured: true, as: 'resident_relative' });
    assert.deepEqual(insuredStatusOf(parties, 'Kim Customer'), { insured: true, as: 'minor_in_care' });
  });

  test('JPF-DEF-2: anyone else — a neighbour, an empty name — is not an insured', () => {
    assert.deepEqual(insuredStatusOf(parties, 'Nina Neighbour'), { insured: false });
    assert.deepEqual(insuredStatusOf(parties, '   '), { insured: false });
  });

  test('JPF-DEF-2 property: a person listed with a relation is an insured with that relation; a named insured wins over a relation', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name.trim() !== ''),
        fc.constantFrom(...OTHER_INSURED_RELATIONS),
        (name, relation) => {
          const listed = { namedInsureds: ['Someone Else'], otherInsureds: [{ name, relation }] };
          const status = insuredStatusOf(listed, name);
          if (sameName(name, 'Someone Else')) return status.insured && status.as === 'named_insured';
          return status.insured && status.as === relation;
        },
      ),
    );
  });
});
