import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Cause, COVERED_PERILS, checkCauses, EXCLUDED_PERILS, type ExcludedPeril, PERILS, SUB_CASES, type SubCase } from './cause-of-loss.ts';
import { CLAUSES, clause, EXCLUSION_CLAUSE_IDS } from './coverage-clauses.ts';
import { type CoverageFacts, type CoverageInput, decideCoverage, overrideDecision } from './coverage-decision.ts';

const facts: CoverageFacts = { lossKind: 'damage', policeReportReference: null };
const proximate = (peril: Cause['peril'], extra: Partial<Cause> = {}): Cause => ({ peril, role: 'proximate', ...extra });
const contributing = (peril: Cause['peril'], extra: Partial<Cause> = {}): Cause => ({ peril, role: 'contributing', ...extra });
const decide = (causes: Cause[], more: Partial<CoverageInput> = {}) => decideCoverage({ causes, custodian: null, facts, ...more });

describe('coverage decision: the exclusions (JPF-EXCL-1..8), known answers', () => {
  // Each row: the cause as the adjuster records it → the exclusion clause it is denied under.
  const cases: { promise: string; name: string; cause: Cause; clause: string }[] = [
    { promise: 'JPF-EXCL-1', name: 'wear and tear', cause: proximate('wear_and_tear'), clause: 'JPF-EXCL-1' },
    { promise: 'JPF-EXCL-2', name: 'gradual deterioration', cause: proximate('gradual_deterioration'), clause: 'JPF-EXCL-2' },
    { promise: 'JPF-EXCL-3', name: 'a fault intrinsic to the property (inherent vice)', cause: proximate('inherent_vice'), clause: 'JPF-EXCL-3' },
    { promise: 'JPF-EXCL-4', name: 'insect or vermin damage', cause: proximate('insects_or_vermin'), clause: 'JPF-EXCL-4' },
    {
      promise: 'JPF-EXCL-5',
      name: 'war (a): declared, undeclared or civil war, insurrection',
      cause: proximate('war', { subCase: 'a' }),
      clause: 'JPF-EXCL-5(a)',
    },
    { promise: 'JPF-EXCL-5', name: 'war (b): a warlike act by a military force', cause: proximate('war', { subCase: 'b' }), clause: 'JPF-EXCL-5(b)' },
    { promise: 'JPF-EXCL-5', name: 'war (c): seizure for a military purpose', cause: proximate('war', { subCase: 'c' }), clause: 'JPF-EXCL-5(c)' },
    {
      promise: 'JPF-EXCL-5',
      name: 'war (d): discharge of a nuclear weapon, even accidental',
      cause: proximate('war', { subCase: 'd' }),
      clause: 'JPF-EXCL-5(d)',
    },
    {
      promise: 'JPF-EXCL-6',
      name: 'civil authority (a): seizure under customs regulations',
      cause: proximate('civil_authority', { subCase: 'a' }),
      clause: 'JPF-EXCL-6(a)',
    },
    {
      promise: 'JPF-EXCL-6',
      name: 'civil authority (b): confiscation by government order',
      cause: proximate('civil_authority', { subCase: 'b' }),
      clause: 'JPF-EXCL-6(b)',
    },
    {
      promise: 'JPF-EXCL-6',
      name: 'civil authority (c): contraband or illegal trade',
      cause: proximate('civil_authority', { subCase: 'c' }),
      clause: 'JPF-EXCL-6(c)',
    },
    { promise: 'JPF-EXCL-7', name: 'nuclear hazard, sub-case not named', cause: proximate('nuclear_hazard'), clause: 'JPF-EXCL-7' },
    {
      promise: 'JPF-EXCL-7',
      name: 'nuclear hazard (a): controlled or uncontrolled',
      cause: proximate('nuclear_hazard', { subCase: 'a' }),
      clause: 'JPF-EXCL-7(a)',
    },
    {
      promise: 'JPF-EXCL-7',
      name: 'nuclear hazard (b): caused by a covered peril',
      cause: proximate('nuclear_hazard', { subCase: 'b' }),
      clause: 'JPF-EXCL-7(b)',
    },
    { promise: 'JPF-EXCL-8', name: 'intentional conduct by an insured', cause: proximate('intentional_conduct'), clause: 'JPF-EXCL-8' },
    { promise: 'JPF-EXCL-8', name: 'theft by an insured', cause: proximate('theft', { byInsured: true }), clause: 'JPF-EXCL-8' },
  ];
  for (const { promise, name, cause, clause: id } of cases)
    test(`${promise}: ${name} is excluded under ${id}, citing the Perils Excluded opening words`, () => {
      assert.deepEqual(checkCauses([cause]), []);
      assert.deepEqual(decide([cause]), { outcome: 'excluded', clauses: ['JPF-EXCL', id], exclusions: [id], missing: [], notes: [] });
    });

  test('JPF-EXCL-8: a theft by someone who is not an insured is covered (with the police report, JPF-DUTY-3)', () => {
    const decision = decide([proximate('theft')], { facts: { lossKind: 'theft', policeReportReference: 'NYPD-1' } });
    assert.deepEqual(decision, { outcome: 'covered', clauses: ['JPF-COVER-1'], exclusions: [], missing: [], notes: [] });
  });

  test('JPF-EXCL-5 / JPF-EXCL-6: war and civil authority must name their sub-case; a sub-letter the peril lacks is refused', () => {
    assert.deepEqual(checkCauses([proximate('war')]), [{ index: 0, field: 'subCase', code: 'sub_case_required' }]);
    assert.deepEqual(checkCauses([contributing('civil_authority'), proximate('fire')]), [{ index: 0, field: 'subCase', code: 'sub_case_required' }]);
    assert.deepEqual(checkCauses([proximate('civil_authority', { subCase: 'd' })]), [{ index: 0, field: 'subCase', code: 'sub_case_not_applicable' }]);
    assert.deepEqual(checkCauses([proximate('fire', { subCase: 'a' })]), [{ index: 0, field: 'subCase', code: 'sub_case_not_applicable' }]);
    assert.deepEqual(checkCauses([proximate('fire', { byInsured: true })]), [{ index: 0, field: 'byInsured', code: 'by_insured_only_for_theft' }]);
    assert.deepEqual(checkCauses([proximate('water', { resultsFromNuclearHazard: true })]), [
      { index: 0, field: 'resultsFromNuclearHazard', code: 'nuclear_origin_only_for_fire_explosion_smoke' },
    ]);
    assert.deepEqual(checkCauses([proximate('fire'), proximate('smoke')]), [{ index: 1, field: 'role', code: 'one_proximate_cause' }]);
  });
});

describe('coverage decision: concurrent causation and the resulting-fire exception', () => {
  test('JPF-EXCL: an excluded cause denies the loss whatever covered causes contributed, before or after it', () => {
    // Fire (covered) made worse by gradual deterioration (excluded): excluded, and the note says why the fire does not help.
    const before = decide([proximate('fire'), contributing('gradual_deterioration')]);
    const after = decide([proximate('gradual_deterioration'), contributing('fire')]);
    const expected = { outcome: 'excluded', clauses: ['JPF-EXCL', 'JPF-EXCL-2'], exclusions: ['JPF-EXCL-2'], missing: [], notes: ['concurrent_causation'] };
    assert.deepEqual(before, expected);
    assert.deepEqual(after, expected);
  });

  test('JPF-EXCL: several exclusions are all cited, in the form’s order', () => {
    const decision = decide([proximate('insects_or_vermin'), contributing('wear_and_tear'), contributing('war', { subCase: 'c' })]);
    assert.deepEqual(decision.clauses, ['JPF-EXCL', 'JPF-EXCL-1', 'JPF-EXCL-4', 'JPF-EXCL-5(c)']);
    assert.deepEqual(decision.notes, []);
  });

  test('JPF-EXCL-7: a fire resulting from a nuclear hazard is covered (fire is covered); the nuclear damage itself is not', () => {
    const decision = decide([proximate('nuclear_hazard', { subCase: 'b' }), contributing('fire', { resultsFromNuclearHazard: true })]);
    assert.deepEqual(decision, {
      outcome: 'covered',
      clauses: ['JPF-COVER-1', 'JPF-EXCL-7(b)'],
      exclusions: ['JPF-EXCL-7(b)'],
      missing: [],
      notes: ['nuclear_resulting_fire'],
    });
  });

  test('JPF-EXCL-7: a loss caused by nuclear hazard is not a loss caused by explosion or smoke: still excluded', () => {
    for (const peril of ['explosion', 'smoke'] as const) {
      const decision = decide([proximate('nuclear_hazard'), contributing(peril, { resultsFromNuclearHazard: true })]);
      assert.equal(decision.outcome, 'excluded', peril);
      assert.deepEqual(decision.clauses, ['JPF-EXCL', 'JPF-EXCL-7']);
    }
  });

  test('JPF-EXCL-7: a fire that did not result from the nuclear hazard does not lift the exclusion', () => {
    assert.equal(decide([proximate('nuclear_hazard'), contributing('fire')]).outcome, 'excluded');
  });

  test('JPF-EXCL-7: the resulting-fire exception lifts only the nuclear exclusion, not another one', () => {
    const decision = decide([proximate('nuclear_hazard'), contributing('fire', { resultsFromNuclearHazard: true }), contributing('wear_and_tear')]);
    assert.equal(decision.outcome, 'excluded');
    assert.deepEqual(decision.clauses, ['JPF-EXCL', 'JPF-EXCL-1', 'JPF-EXCL-7']);
  });
});

describe('coverage decision: covered and needs information', () => {
  test('JPF-COVER-1: direct physical loss or damage from a peril the form does not exclude is covered (all risks, worldwide)', () => {
    for (const peril of ['accidental_loss', 'mysterious_disappearance', 'accidental_damage', 'fire', 'water', 'flood', 'earthquake', 'transit'] as const)
      assert.deepEqual(decide([proximate(peril)]), { outcome: 'covered', clauses: ['JPF-COVER-1'], exclusions: [], missing: [], notes: [] }, peril);
  });

  test('JPF-COVER-1: no cause given, or an unknown cause, needs information first', () => {
    assert.deepEqual(decide([]), { outcome: 'needs_information', clauses: ['JPF-COVER-1'], exclusions: [], missing: ['cause_of_loss'], notes: [] });
    assert.deepEqual(decide([proximate('unknown')]).missing, ['cause_of_loss']);
    assert.deepEqual(decide([contributing('fire')]).missing, ['proximate_cause']);
  });

  test('JPF-DUTY-3: a theft, robbery, burglary or vandalism without a police report needs the report; with it, covered', () => {
    for (const peril of ['theft', 'robbery', 'burglary', 'vandalism'] as const) {
      assert.deepEqual(decide([proximate(peril)]), {
        outcome: 'needs_information',
        clauses: ['JPF-COVER-1', 'JPF-DUTY-3'],
        exclusions: [],
        missing: ['police_report'],
        notes: [],
      });
      assert.equal(decide([proximate(peril)], { facts: { lossKind: 'loss', policeReportReference: 'PV-77' } }).outcome, 'covered');
    }
    // A claim reported as theft needs the report whatever cause the adjuster records.
    assert.deepEqual(decide([proximate('mysterious_disappearance')], { facts: { lossKind: 'theft', policeReportReference: '  ' } }).missing, ['police_report']);
  });

  test('JPF-EXCL-8: a known exclusion denies the loss even while the police report is missing', () => {
    assert.equal(decide([proximate('theft', { byInsured: true })], { facts: { lossKind: 'theft', policeReportReference: null } }).outcome, 'excluded');
  });

  test('JPF-COND-4: property with a paid custodian is covered for the insured, and the decision notes no benefit to the bailee', () => {
    const decision = decide([proximate('accidental_damage')], { custodian: { kind: 'repair_shop', name: 'Quick Fix Jewelers' } });
    assert.deepEqual(decision, {
      outcome: 'covered',
      clauses: ['JPF-COVER-1', 'JPF-COND-4'],
      exclusions: [],
      missing: [],
      notes: ['bailee_no_benefit'],
    });
  });
});

describe('coverage decision: the adjuster’s override', () => {
  test('JPF-EXCL-3: an override to excluded names its exclusion; without one it cannot stand', () => {
    assert.deepEqual(overrideDecision({ outcome: 'excluded', exclusions: ['JPF-EXCL-3'], missing: [], custodian: null }), {
      ok: true,
      decision: { outcome: 'excluded', clauses: ['JPF-EXCL', 'JPF-EXCL-3'], exclusions: ['JPF-EXCL-3'], missing: [], notes: [] },
    });
    assert.deepEqual(overrideDecision({ outcome: 'excluded', exclusions: [], missing: [], custodian: null }), { ok: false, problem: 'exclusion_required' });
    assert.deepEqual(overrideDecision({ outcome: 'excluded', exclusions: ['JPF-COVER-1'], missing: [], custodian: null }), {
      ok: false,
      problem: 'exclusion_unknown',
    });
    // War is defined by its sub-letters: the bare clause cannot be cited.
    assert.deepEqual(overrideDecision({ outcome: 'excluded', exclusions: ['JPF-EXCL-5'], missing: [], custodian: null }), {
      ok: false,
      problem: 'exclusion_unknown',
    });
  });

  test('JPF-DUTY-3: an override to needs information names what is missing', () => {
    assert.deepEqual(overrideDecision({ outcome: 'needs_information', exclusions: [], missing: ['photos', 'police_report'], custodian: null }), {
      ok: true,
      decision: { outcome: 'needs_information', clauses: ['JPF-COVER-1', 'JPF-DUTY-3'], exclusions: [], missing: ['police_report', 'photos'], notes: [] },
    });
    assert.deepEqual(overrideDecision({ outcome: 'needs_information', exclusions: [], missing: [], custodian: null }), {
      ok: false,
      problem: 'missing_required',
    });
    assert.deepEqual(overrideDecision({ outcome: 'covered', exclusions: ['JPF-EXCL-1'], missing: [], custodian: null }), {
      ok: false,
      problem: 'not_applicable',
    });
  });

  test('every citable clause is quoted from the form', () => {
    for (const id of EXCLUSION_CLAUSE_IDS) assert.ok(clause(id).wording.length > 10, id);
    assert.equal(clause('JPF-EXCL-5(b)').wording, 'War. This means: A warlike act by a military force or by military personnel;');
    assert.equal(CLAUSES.length, new Set(CLAUSES.map((c) => c.id)).size);
  });
});

// ---- properties ----

const subCaseFor = (peril: ExcludedPeril): fc.Arbitrary<SubCase | null> => {
  const letters = (SUB_CASES as Partial<Record<ExcludedPeril, readonly SubCase[]>>)[peril];
  if (!letters) return fc.constant(null);
  return peril === 'nuclear_hazard' ? fc.option(fc.constantFrom(...letters), { nil: null }) : fc.constantFrom(...letters);
};

/** A valid cause of any peril (sub-case where needed, flags only where they apply). */
const anyCause = (role: Cause['role']): fc.Arbitrary<Cause> =>
  fc.constantFrom(...PERILS).chain((peril) => {
    const excluded = (EXCLUDED_PERILS as readonly string[]).includes(peril);
    return fc.record({
      peril: fc.constant(peril),
      role: fc.constant(role),
      subCase: excluded ? subCaseFor(peril as ExcludedPeril) : fc.constant(null),
      byInsured: peril === 'theft' ? fc.boolean() : fc.constant(false),
      resultsFromNuclearHazard: ['fire', 'explosion', 'smoke'].includes(peril) ? fc.boolean() : fc.constant(false),
    });
  });

const excludedCause: fc.Arbitrary<Cause> = fc.oneof(
  fc
    .constantFrom(...EXCLUDED_PERILS)
    .chain((peril) => fc.record({ peril: fc.constant(peril), role: fc.constant<'contributing'>('contributing'), subCase: subCaseFor(peril) })),
  fc.constant<Cause>({ peril: 'theft', role: 'contributing', byInsured: true }),
);

const causeList = fc
  .tuple(fc.option(anyCause('proximate'), { nil: null }), fc.array(anyCause('contributing'), { maxLength: 4 }))
  .map(([first, rest]) => (first ? [first, ...rest] : rest));

const anyFacts: fc.Arbitrary<CoverageFacts> = fc.record({
  lossKind: fc.constantFrom('damage', 'loss', 'theft', 'disappearance'),
  policeReportReference: fc.option(fc.constantFrom('NYPD-1', ''), { nil: null }),
});
const anyCustodian = fc.option(fc.record({ kind: fc.constantFrom('jeweler', 'repair_shop', 'carrier', 'other_bailee'), name: fc.constant('Keeper') }), {
  nil: null,
});

describe('coverage decision properties', () => {
  test('JPF-EXCL property: adding an excluded cause to any causes gives excluded — except nuclear hazard beside a fire resulting from it (JPF-EXCL-7)', () => {
    fc.assert(
      fc.property(causeList, excludedCause, anyFacts, anyCustodian, (causes, extra, facts, custodian) => {
        assert.deepEqual(checkCauses([...causes, extra]), []);
        const decision = decideCoverage({ causes: [...causes, extra], custodian, facts });
        const resultingFire = causes.some((c) => c.peril === 'fire' && c.resultsFromNuclearHazard);
        const onlyNuclear =
          [...causes, extra].every((c) => c.peril !== 'theft' || !c.byInsured) &&
          [...causes, extra].filter((c) => (EXCLUDED_PERILS as readonly string[]).includes(c.peril)).every((c) => c.peril === 'nuclear_hazard');
        if (resultingFire && onlyNuclear) return decision.outcome !== 'excluded' && decision.notes.includes('nuclear_resulting_fire');
        return decision.outcome === 'excluded' && decision.clauses[0] === 'JPF-EXCL';
      }),
    );
  });

  test('JPF-EXCL property: the decision does not depend on the order in which the causes are listed', () => {
    fc.assert(
      fc.property(
        causeList.chain((causes) => fc.tuple(fc.constant(causes), fc.shuffledSubarray(causes, { minLength: causes.length, maxLength: causes.length }))),
        anyFacts,
        anyCustodian,
        ([causes, shuffled], facts, custodian) => {
          assert.deepEqual(decideCoverage({ causes: shuffled, custodian, facts }), decideCoverage({ causes, custodian, facts }));
        },
      ),
    );
  });

  test('JPF-COVER-1 property: causes that are all covered perils, with a proximate one and a police report, are covered', () => {
    const coveredCause = (role: Cause['role']) => fc.constantFrom(...COVERED_PERILS).map((peril): Cause => ({ peril, role }));
    fc.assert(
      fc.property(coveredCause('proximate'), fc.array(coveredCause('contributing'), { maxLength: 3 }), anyCustodian, (first, rest, custodian) => {
        const decision = decideCoverage({ causes: [first, ...rest], custodian, facts: { lossKind: 'loss', policeReportReference: 'PR-1' } });
        return decision.outcome === 'covered' && decision.clauses[0] === 'JPF-COVER-1' && decision.clauses.includes('JPF-COND-4') === (custodian !== null);
      }),
    );
  });

  test('every decision cites at least one clause, and an excluded one cites each exclusion applying', () => {
    fc.assert(
      fc.property(causeList, anyFacts, anyCustodian, (causes, facts, custodian) => {
        const decision = decideCoverage({ causes, custodian, facts });
        assert.ok(decision.clauses.length > 0);
        if (decision.outcome === 'excluded') for (const id of decision.exclusions) assert.ok(decision.clauses.includes(id));
        if (decision.outcome === 'needs_information') assert.ok(decision.missing.length > 0);
      }),
    );
  });
});
