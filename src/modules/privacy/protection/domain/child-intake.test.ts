import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { ageOn, checkChildIntake, isMinorOn } from './child-intake.ts';

const day = (text: string) => Temporal.PlainDate.from(text);
const now = Temporal.Instant.from('2026-11-21T12:00:00Z');
const consent = { guardianName: 'Pat Parent', relation: 'parent', method: 'written', consentedAt: '2026-11-20T09:00:00Z' } as const;

describe('PRV-CHILD-1: age at intake', () => {
  test('PRV-CHILD-1: whole years of age, known answers', () => {
    // 2026 − 2008 = 18, and the birthday (22 Nov) has not come yet on 21 Nov → 17.
    assert.equal(ageOn(day('2008-11-22'), day('2026-11-21')), 17);
    // Birthday today: 2026 − 2008 = 18.
    assert.equal(ageOn(day('2008-11-21'), day('2026-11-21')), 18);
    // Born 29 Feb 2008: 2008 + 18 years = 28 Feb 2026 (constrained), so 18 on 28 Feb and 17 the day before.
    assert.equal(ageOn(day('2008-02-29'), day('2026-02-28')), 18);
    assert.equal(ageOn(day('2008-02-29'), day('2026-02-27')), 17);
    assert.equal(isMinorOn(day('2008-11-22'), day('2026-11-21')), true);
    assert.equal(isMinorOn(day('2008-11-21'), day('2026-11-21')), false);
  });

  test('PRV-CHILD-1: age grows by exactly one on each birthday (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 90 }), (offset, years) => {
        const born = day('1930-01-01').add({ days: offset });
        const birthday = born.add({ years });
        assert.equal(ageOn(born, birthday), years);
        assert.equal(ageOn(born, birthday.subtract({ days: 1 })), years - 1);
      }),
    );
  });

  test('PRV-CHILD-1: a minor without a guardian consent is a problem; with one, the consent is kept', () => {
    const names = ['Ana de Vries', 'Tom de Vries'];
    const without = checkChildIntake(
      { namedInsureds: names, birthDates: [{ namedInsured: 'tom  de vries', dateOfBirth: '2010-05-01' }] },
      day('2026-11-21'),
      now,
    );
    assert.deepEqual(without.problems, [{ field: 'birthDates.0.guardianConsent', code: 'guardian_consent_required', value: 'tom  de vries' }]);
    const withConsent = checkChildIntake(
      {
        namedInsureds: names,
        birthDates: [
          { namedInsured: 'Ana de Vries', dateOfBirth: '1980-03-03', guardianConsent: consent },
          { namedInsured: 'Tom de Vries', dateOfBirth: '2010-05-01', guardianConsent: consent },
        ],
      },
      day('2026-11-21'),
      now,
    );
    assert.deepEqual(withConsent.problems, []);
    assert.deepEqual(
      withConsent.checked.map((entry) => [entry.insuredNo, entry.minor, entry.guardianConsent?.guardianName ?? null]),
      [
        [1, false, null],
        [2, true, 'Pat Parent'],
      ],
    );
  });

  test('PRV-CHILD-1: bad birth dates and consents are refused with their field', () => {
    const { problems } = checkChildIntake(
      {
        namedInsureds: ['Ana', 'Tom', 'Kim'],
        birthDates: [
          { namedInsured: 'Nobody', dateOfBirth: '2000-01-01' },
          { namedInsured: 'Ana', dateOfBirth: '2001-02-30' },
          { namedInsured: 'Tom', dateOfBirth: '2027-01-01' },
          { namedInsured: 'Kim', dateOfBirth: '2015-01-01', guardianConsent: { ...consent, consentedAt: '2026-12-01T00:00:00Z' } },
          { namedInsured: 'kim', dateOfBirth: '2015-01-01' },
        ],
      },
      day('2026-11-21'),
      now,
    );
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.code]),
      [
        ['birthDates.0.namedInsured', 'birth_date_not_named_insured'],
        ['birthDates.1.dateOfBirth', 'birth_date_invalid'],
        ['birthDates.2.dateOfBirth', 'birth_date_in_future'],
        ['birthDates.3.guardianConsent', 'guardian_consent_invalid'],
        ['birthDates.4.namedInsured', 'birth_date_duplicate'],
      ],
    );
    const selfConsent = checkChildIntake(
      { namedInsureds: ['Tom'], birthDates: [{ namedInsured: 'Tom', dateOfBirth: '2015-01-01', guardianConsent: { ...consent, guardianName: ' tom ' } }] },
      day('2026-11-21'),
      now,
    );
    assert.equal(selfConsent.problems[0]?.code, 'guardian_consent_invalid', 'a child cannot consent for themselves');
  });
});
