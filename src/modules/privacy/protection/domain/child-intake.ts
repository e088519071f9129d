import { Temporal } from 'temporal-polyfill';

/**
 * PRV-CHILD-1: "no data from children under 18 without a parent or guardian's consent". At intake a
 * named insured's date of birth, when given, is checked on the quote date (today where the insured
 * lives); a person under 18 needs a guardian consent record before the application may use their data.
 */
export const AGE_OF_MAJORITY = 18;

export const GUARDIAN_RELATIONS = ['parent', 'legal_guardian'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
export const GUARDIAN_CONSENT_METHODS = ['written', 'electronic', 'in_person', 'phone'] as const;
export type GuardianConsentMethod = (typeof GUARDIAN_CONSENT_METHODS)[number];

export type GuardianConsentInput = { guardianName: string; relation: GuardianRelation; method: GuardianConsentMethod; consentedAt: string };

export type BirthDateInput = { namedInsured: string; dateOfBirth: string; guardianConsent?: GuardianConsentInput | null | undefined };

export type ChildIntakeProblemCode =
  | 'birth_date_invalid'
  | 'birth_date_in_future'
  | 'birth_date_not_named_insured'
  | 'birth_date_duplicate'
  | 'guardian_consent_required'
  | 'guardian_consent_invalid';

export type ChildIntakeProblem = { field: string; code: ChildIntakeProblemCode; value?: string };

/** A checked birth date: the named insured's number (1-based, as on the declarations page) and whether they are a minor. */
export type CheckedBirthDate = { insuredNo: number; dateOfBirth: Temporal.PlainDate; minor: boolean; guardianConsent: GuardianConsentInput | null };

/**
 * Whole years of age on a day. A person born on 29 February turns a year older on 28 February in a
 * common year (Temporal's `constrain`): born 2008-02-29 → 18 on 2026-02-28.
 */
export function ageOn(dateOfBirth: Temporal.PlainDate, on: Temporal.PlainDate): number {
  let years = on.year - dateOfBirth.year;
  if (years > 0 && Temporal.PlainDate.compare(dateOfBirth.add({ years }), on) > 0) years -= 1;
  return years;
}

export function isMinorOn(dateOfBirth: Temporal.PlainDate, on: Temporal.PlainDate): boolean {
  return ageOn(dateOfBirth, on) < AGE_OF_MAJORITY;
}

function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

function parseDate(text: string): Temporal.PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** Checks the birth dates given at intake against the named insureds; problems as values, on `birthDates.N…` fields. */
export function checkChildIntake(
  input: { namedInsureds: readonly string[]; birthDates: readonly BirthDateInput[] },
  quoteDate: Temporal.PlainDate,
  now: Temporal.Instant,
): { problems: ChildIntakeProblem[]; checked: CheckedBirthDate[] } {
  const problems: ChildIntakeProblem[] = [];
  const checked: CheckedBirthDate[] = [];
  const names = input.namedInsureds.map(normalizeName);
  const seen = new Set<number>();
  input.birthDates.forEach((entry, index) => {
    const outcome = checkOne(entry, `birthDates.${index}`, names, seen, quoteDate, now);
    if ('code' in outcome) problems.push(outcome);
    else checked.push(outcome);
  });
  return { problems, checked };
}

function checkOne(
  entry: BirthDateInput,
  field: string,
  names: readonly string[],
  seen: Set<number>,
  quoteDate: Temporal.PlainDate,
  now: Temporal.Instant,
): ChildIntakeProblem | CheckedBirthDate {
  const insuredIndex = names.indexOf(normalizeName(entry.namedInsured));
  if (insuredIndex < 0) return { field: `${field}.namedInsured`, code: 'birth_date_not_named_insured', value: entry.namedInsured };
  if (seen.has(insuredIndex)) return { field: `${field}.namedInsured`, code: 'birth_date_duplicate', value: entry.namedInsured };
  seen.add(insuredIndex);
  const dateOfBirth = parseDate(entry.dateOfBirth);
  if (!dateOfBirth) return { field: `${field}.dateOfBirth`, code: 'birth_date_invalid', value: entry.dateOfBirth };
  if (Temporal.PlainDate.compare(dateOfBirth, quoteDate) > 0) return { field: `${field}.dateOfBirth`, code: 'birth_date_in_future', value: entry.dateOfBirth };
  const minor = isMinorOn(dateOfBirth, quoteDate);
  const consent = entry.guardianConsent ?? null;
  if (minor && consent === null) return { field: `${field}.guardianConsent`, code: 'guardian_consent_required', value: entry.namedInsured };
  if (minor && consent !== null && !consentIsValid(consent, now, names[insuredIndex] ?? ''))
    return { field: `${field}.guardianConsent`, code: 'guardian_consent_invalid', value: entry.namedInsured };
  // An adult's date of birth needs no consent; a consent sent for an adult is not recorded.
  return { insuredNo: insuredIndex + 1, dateOfBirth, minor, guardianConsent: minor ? consent : null };
}

/** A consent counts when it names a guardian other than the child and was given before now. */
function consentIsValid(consent: GuardianConsentInput, now: Temporal.Instant, childName: string): boolean {
  const guardian = normalizeName(consent.guardianName);
  if (guardian === '' || guardian === childName) return false;
  try {
    return Temporal.Instant.compare(Temporal.Instant.from(consent.consentedAt), now) <= 0;
  } catch {
    return false;
  }
}
