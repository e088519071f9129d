/**
 * The cause-of-loss taxonomy of the jewelry policy form (issue #4, "Coverage decision"; policy form, Perils Covered
 * and Perils Excluded). The form is "all risks": JPF-COVER-1 covers direct physical loss or damage occurring
 * worldwide unless an excluded peril applies, so every peril below that is not excluded is covered — the covered
 * list names the usual ones so an adjuster can record them, it does not limit the cover. Earthquake and flood are
 * covered: the form does not exclude them.
 *
 * The eight excluded perils (JPF-EXCL-1..8) carry the form's sub-letters where it has them: war (5 a–d) and civil
 * authority (6 a–c) must say which sub-case applies, the nuclear hazard (7 a/b) may. Theft by "you" or any
 * "insured" is intentional conduct (JPF-EXCL-8), recorded as a theft with the `byInsured` flag.
 */

export const COVERED_PERILS = [
  'accidental_loss',
  'mysterious_disappearance',
  'theft',
  'robbery',
  'burglary',
  'accidental_damage',
  'fire',
  'lightning',
  'explosion',
  'smoke',
  'water',
  'windstorm',
  'flood',
  'earthquake',
  'vandalism',
  'transit',
] as const;
export type CoveredPeril = (typeof COVERED_PERILS)[number];

export const EXCLUDED_PERILS = [
  'wear_and_tear',
  'gradual_deterioration',
  'inherent_vice',
  'insects_or_vermin',
  'war',
  'civil_authority',
  'nuclear_hazard',
  'intentional_conduct',
] as const;
export type ExcludedPeril = (typeof EXCLUDED_PERILS)[number];

/** 'unknown': the adjuster cannot name the cause yet; the decision then needs information. */
export const PERILS = [...COVERED_PERILS, ...EXCLUDED_PERILS, 'unknown'] as const;
export type Peril = (typeof PERILS)[number];

/** The form's sub-letters of the excluded perils that have them. */
export const SUB_CASES = {
  war: ['a', 'b', 'c', 'd'],
  civil_authority: ['a', 'b', 'c'],
  nuclear_hazard: ['a', 'b'],
} as const satisfies Partial<Record<ExcludedPeril, readonly string[]>>;
export type SubCase = 'a' | 'b' | 'c' | 'd';

/** Sub-cases the adjuster must name: the form defines war and civil authority only through them. */
const SUB_CASE_REQUIRED: ReadonlySet<Peril> = new Set(['war', 'civil_authority']);

/** The perils whose damage can "result from the nuclear hazard" (JPF-EXCL-7(b): fire, explosion or smoke). */
export const NUCLEAR_RESULTING_PERILS: readonly Peril[] = ['fire', 'explosion', 'smoke'];

/** Perils that are a violation of the law: the police must be notified (JPF-DUTY-3). */
export const UNLAWFUL_PERILS: ReadonlySet<Peril> = new Set(['theft', 'robbery', 'burglary', 'vandalism']);

/** The excluded peril's promise ID (JPF-EXCL-1..8), in the form's order. */
export const EXCLUSION_PROMISE: Record<ExcludedPeril, string> = {
  wear_and_tear: 'JPF-EXCL-1',
  gradual_deterioration: 'JPF-EXCL-2',
  inherent_vice: 'JPF-EXCL-3',
  insects_or_vermin: 'JPF-EXCL-4',
  war: 'JPF-EXCL-5',
  civil_authority: 'JPF-EXCL-6',
  nuclear_hazard: 'JPF-EXCL-7',
  intentional_conduct: 'JPF-EXCL-8',
};

export type CauseRole = 'proximate' | 'contributing';

/**
 * One cause of the loss: the proximate cause or a contributing one. `subCase` names the form's sub-letter of an
 * excluded peril; `byInsured` marks a theft committed by "you" or any "insured" (JPF-EXCL-8); `resultsFromNuclearHazard`
 * marks a fire, explosion or smoke that resulted from a nuclear hazard (JPF-EXCL-7(b)).
 */
export type Cause = {
  peril: Peril;
  role: CauseRole;
  subCase?: SubCase | null;
  byInsured?: boolean;
  resultsFromNuclearHazard?: boolean;
};

/**
 * Who had the property when it was lost (JPF-COND-4, no benefit to bailee): a jeweler, repair shop or carrier
 * paid to hold it. Null: the insured had it.
 */
export const CUSTODIAN_KINDS = ['jeweler', 'repair_shop', 'carrier', 'other_bailee'] as const;
export type CustodianKind = (typeof CUSTODIAN_KINDS)[number];
export type Custodian = { kind: CustodianKind; name: string };

export function isExcludedPeril(peril: Peril): peril is ExcludedPeril {
  return (EXCLUDED_PERILS as readonly string[]).includes(peril);
}

/** The excluded peril a cause falls under, if any: an excluded peril, or a theft by an insured (JPF-EXCL-8). */
export function exclusionOf(cause: Cause): ExcludedPeril | null {
  if (isExcludedPeril(cause.peril)) return cause.peril;
  if (cause.peril === 'theft' && cause.byInsured === true) return 'intentional_conduct';
  return null;
}

/** The clause id a cause is excluded under, with its sub-letter: 'JPF-EXCL-5(b)', 'JPF-EXCL-8'. Null when not excluded. */
export function exclusionClauseOf(cause: Cause): string | null {
  const peril = exclusionOf(cause);
  if (!peril) return null;
  const promise = EXCLUSION_PROMISE[peril];
  return peril === cause.peril && cause.subCase ? `${promise}(${cause.subCase})` : promise;
}

export type CauseProblem = { index: number; field: 'peril' | 'subCase' | 'byInsured' | 'resultsFromNuclearHazard' | 'role'; code: CauseProblemCode };
export type CauseProblemCode =
  | 'sub_case_required'
  | 'sub_case_not_applicable'
  | 'by_insured_only_for_theft'
  | 'nuclear_origin_only_for_fire_explosion_smoke'
  | 'one_proximate_cause';

/**
 * What is wrong with a list of causes as recorded (bad input, refused before anything is decided): the war and
 * civil-authority sub-case missing, a sub-letter the peril does not have, flags on perils they do not apply to, more
 * than one proximate cause. A list with no proximate cause is not wrong, only incomplete (the decision asks for it).
 */
export function checkCauses(causes: readonly Cause[]): CauseProblem[] {
  const problems: CauseProblem[] = [];
  causes.forEach((cause, index) => {
    const letters: readonly string[] | undefined = (SUB_CASES as Partial<Record<Peril, readonly string[]>>)[cause.peril];
    if (cause.subCase) {
      if (!letters?.includes(cause.subCase)) problems.push({ index, field: 'subCase', code: 'sub_case_not_applicable' });
    } else if (SUB_CASE_REQUIRED.has(cause.peril)) problems.push({ index, field: 'subCase', code: 'sub_case_required' });
    if (cause.byInsured && cause.peril !== 'theft') problems.push({ index, field: 'byInsured', code: 'by_insured_only_for_theft' });
    if (cause.resultsFromNuclearHazard && !NUCLEAR_RESULTING_PERILS.includes(cause.peril))
      problems.push({ index, field: 'resultsFromNuclearHazard', code: 'nuclear_origin_only_for_fire_explosion_smoke' });
  });
  const proximate = causes.map((cause, index) => ({ cause, index })).filter(({ cause }) => cause.role === 'proximate');
  for (const extra of proximate.slice(1)) problems.push({ index: extra.index, field: 'role', code: 'one_proximate_cause' });
  return problems;
}
