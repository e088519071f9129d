import type { LossKind } from '../../../platform/db/schema-claims.ts';
import { type Cause, type Custodian, exclusionClauseOf, UNLAWFUL_PERILS } from './cause-of-loss.ts';
import { type ClauseId, EXCLUSION_CLAUSE_IDS, inFormOrder } from './coverage-clauses.ts';

/**
 * The coverage decision (issue #4, "Coverage decision"): pure, so the system's automatic proposal and the
 * adjuster's override are the same arithmetic of clauses, tested with known answers and properties.
 *
 * Order of the rules, from the form:
 *  1. Excluded (JPF-EXCL-1..8): one excluded cause among the causes denies the loss "regardless of other causes or
 *     events that contribute to or aggravate the loss, whether such causes or events act to produce the loss before,
 *     at the same time as or after the excluded peril" (the opening words of Perils Excluded: concurrent causation,
 *     so neither the order nor the role of the causes matters) — with one exception, JPF-EXCL-7(b): "If fire is
 *     covered by this policy, we do cover the loss caused by a fire that results from the nuclear hazard". Fire is
 *     covered (JPF-COVER-1 excludes nothing about fire), so a fire resulting from a nuclear hazard sets the nuclear
 *     exclusion aside for the fire damage; an explosion or smoke resulting from it does not ("will not be considered
 *     to be a loss caused by fire, explosion or smoke").
 *  2. Needs information: no cause known yet, no proximate cause named, or a loss from a violation of the law (theft,
 *     robbery, burglary, vandalism, or a claim reported as theft) without a police report (JPF-DUTY-3).
 *  3. Covered (JPF-COVER-1): direct physical loss or damage, anywhere in the world, unless excluded.
 * Excluded comes before needs-information: a known exclusion denies the loss whatever else is still unknown.
 *
 * JPF-COND-4 (no benefit to bailee): when a jeweler, repair shop or carrier paid to hold the property had it, the loss
 * is still decided for the insured; the decision notes that the insurance gives the custodian no benefit, so the
 * recovery part may claim from them.
 */

export type CoverageOutcome = 'covered' | 'excluded' | 'needs_information';
export const COVERAGE_OUTCOMES: readonly CoverageOutcome[] = ['covered', 'excluded', 'needs_information'];

/** What the insurer still needs before it can decide, in the order they are asked for. */
export const MISSING_INFORMATION = ['cause_of_loss', 'proximate_cause', 'police_report', 'photos', 'custody_details'] as const;
export type MissingInformation = (typeof MISSING_INFORMATION)[number];

/**
 * concurrent_causation: an exclusion applied although other, covered causes contributed.
 * nuclear_resulting_fire: the fire resulting from a nuclear hazard is covered; the nuclear damage itself is not.
 * bailee_no_benefit: a paid custodian had the property (JPF-COND-4).
 */
export type CoverageNote = 'concurrent_causation' | 'nuclear_resulting_fire' | 'bailee_no_benefit';
const NOTE_ORDER: readonly CoverageNote[] = ['concurrent_causation', 'nuclear_resulting_fire', 'bailee_no_benefit'];

/** The facts of the claim the decision reads besides the causes. */
export type CoverageFacts = { lossKind: LossKind; policeReportReference: string | null };

export type CoverageInput = { causes: readonly Cause[]; custodian: Custodian | null; facts: CoverageFacts };

export type CoverageDecision = {
  outcome: CoverageOutcome;
  /** Every clause the decision rests on, in the form's order. */
  clauses: ClauseId[];
  /** The exclusions that apply (for 'excluded'; also those set aside by the resulting-fire exception). */
  exclusions: ClauseId[];
  missing: MissingInformation[];
  notes: CoverageNote[];
};

function ordered<T>(values: Iterable<T>, order: readonly T[]): T[] {
  const present = new Set(values);
  return order.filter((value) => present.has(value));
}

/** The system's proposal from the recorded causes (automatic). */
export function decideCoverage(input: CoverageInput): CoverageDecision {
  const { causes, custodian, facts } = input;
  const exclusions = inFormOrder(causes.map(exclusionClauseOf).filter((id): id is ClauseId => id !== null));
  // JPF-EXCL-7(b): a fire resulting from the nuclear hazard is covered, so the nuclear exclusion does not deny it.
  const resultingFire = causes.some((cause) => cause.peril === 'fire' && cause.resultsFromNuclearHazard === true);
  const denying = exclusions.filter((id) => !(resultingFire && id.startsWith('JPF-EXCL-7')));
  const bailee = custodian !== null;

  if (denying.length > 0) {
    // Concurrent causation: the other causes, covered or not, do not matter.
    const otherCauses = causes.some((cause) => exclusionClauseOf(cause) === null);
    return {
      outcome: 'excluded',
      clauses: inFormOrder(['JPF-EXCL', ...exclusions]),
      exclusions,
      missing: [],
      notes: otherCauses ? ['concurrent_causation'] : [],
    };
  }

  const missing = new Set<MissingInformation>();
  if (causes.length === 0 || causes.some((cause) => cause.peril === 'unknown')) missing.add('cause_of_loss');
  if (causes.length > 0 && !causes.some((cause) => cause.role === 'proximate')) missing.add('proximate_cause');
  // JPF-DUTY-3: "You must promptly notify the police if the loss results from a violation of the law."
  const unlawful = facts.lossKind === 'theft' || causes.some((cause) => UNLAWFUL_PERILS.has(cause.peril));
  if (unlawful && !facts.policeReportReference?.trim()) missing.add('police_report');

  const notes = new Set<CoverageNote>();
  if (resultingFire && exclusions.length > 0) notes.add('nuclear_resulting_fire');
  if (bailee) notes.add('bailee_no_benefit');
  const clauses: ClauseId[] = ['JPF-COVER-1'];
  if (notes.has('nuclear_resulting_fire')) clauses.push('JPF-EXCL-7(b)');
  if (missing.has('police_report')) clauses.push('JPF-DUTY-3');
  if (bailee) clauses.push('JPF-COND-4');
  return {
    outcome: missing.size > 0 ? 'needs_information' : 'covered',
    clauses: inFormOrder(clauses),
    exclusions,
    missing: ordered(missing, MISSING_INFORMATION),
    notes: ordered(notes, NOTE_ORDER),
  };
}

/** An adjuster's own decision instead of the proposal: the outcome, and the exclusions or missing information it names. */
export type OverrideInput = {
  outcome: CoverageOutcome;
  exclusions: readonly ClauseId[];
  missing: readonly MissingInformation[];
  custodian: Custodian | null;
};

export type OverrideProblem = 'exclusion_required' | 'exclusion_unknown' | 'missing_required' | 'not_applicable';

/**
 * The decision an adjuster makes by overriding the proposal, with the clauses it rests on: "excluded" names at least
 * one exclusion (a denial letter must cite its clause), "needs information" names what is missing, "covered" rests
 * on JPF-COVER-1. Answers the problems instead when the override cannot stand as given.
 */
export function overrideDecision(input: OverrideInput): { ok: true; decision: CoverageDecision } | { ok: false; problem: OverrideProblem } {
  const bailee = input.custodian !== null;
  switch (input.outcome) {
    case 'excluded': {
      if (input.missing.length > 0) return { ok: false, problem: 'not_applicable' };
      if (input.exclusions.length === 0) return { ok: false, problem: 'exclusion_required' };
      if (input.exclusions.some((id) => !EXCLUSION_CLAUSE_IDS.includes(id))) return { ok: false, problem: 'exclusion_unknown' };
      const exclusions = inFormOrder(input.exclusions);
      return { ok: true, decision: { outcome: 'excluded', clauses: inFormOrder(['JPF-EXCL', ...exclusions]), exclusions, missing: [], notes: [] } };
    }
    case 'needs_information': {
      if (input.exclusions.length > 0) return { ok: false, problem: 'not_applicable' };
      if (input.missing.length === 0) return { ok: false, problem: 'missing_required' };
      const missing = ordered(input.missing, MISSING_INFORMATION);
      const clauses: ClauseId[] = ['JPF-COVER-1'];
      if (missing.includes('police_report')) clauses.push('JPF-DUTY-3');
      if (bailee) clauses.push('JPF-COND-4');
      return { ok: true, decision: { outcome: 'needs_information', clauses, exclusions: [], missing, notes: bailee ? ['bailee_no_benefit'] : [] } };
    }
    case 'covered': {
      if (input.exclusions.length > 0 || input.missing.length > 0) return { ok: false, problem: 'not_applicable' };
      return {
        ok: true,
        decision: {
          outcome: 'covered',
          clauses: bailee ? ['JPF-COVER-1', 'JPF-COND-4'] : ['JPF-COVER-1'],
          exclusions: [],
          missing: [],
          notes: bailee ? ['bailee_no_benefit'] : [],
        },
      };
    }
  }
}
