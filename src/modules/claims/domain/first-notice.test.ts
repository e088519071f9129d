import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { decodeCursor, encodeCursor, pageOf } from './claim-queue.ts';
import {
  allowedRelations,
  canWithdraw,
  channelOf,
  duplicateOf,
  INSURED_RELATIONS,
  type InsuredLookup,
  lossDateProblem,
  newlyPurchasedProblem,
  policeReportProblem,
  REPORTER_RELATIONS,
  type ReportingAs,
  reporterCheck,
  violatesLaw,
} from './first-notice.ts';

const d = (text: string) => Temporal.PlainDate.from(text);
/** Any calendar date from 2000 to 2060. */
const dates = fc.integer({ min: 0, max: 365 * 60 }).map((days) => d('2000-01-01').add({ days }));
const period = { firstDay: d('2026-12-01'), lastDay: d('2027-11-30') };

/** Carla and Carl are named insureds, Cody a resident relative (JPF-DEF-2). */
const insuredOf: InsuredLookup = (name) => {
  const key = name.trim().toLowerCase();
  if (key === 'carla customer' || key === 'carl customer') return { insured: true, as: 'named_insured' };
  if (key === 'cody customer') return { insured: true, as: 'resident_relative' };
  return { insured: false };
};

describe('JPF-DEF-2: the reporter is an insured or acts for one', () => {
  const cases: { as: ReportingAs; reporter: string; relation: (typeof REPORTER_RELATIONS)[number]; insured: string; expect: string }[] = [
    { as: 'holder', reporter: 'Carla Customer', relation: 'named_insured', insured: 'Carla Customer', expect: 'named_insured' },
    // The relation recorded is the policy's, whatever the reporter called it.
    { as: 'holder', reporter: 'Cody Customer', relation: 'spouse', insured: 'Carla Customer', expect: 'resident_relative' },
    { as: 'holder', reporter: 'Nosy Neighbour', relation: 'named_insured', insured: 'Carla Customer', expect: 'reporter_not_insured' },
    { as: 'holder', reporter: 'Lena Lawyer', relation: 'legal_representative', insured: 'Carla Customer', expect: 'legal_representative' },
    { as: 'holder', reporter: 'Lena Lawyer', relation: 'legal_representative', insured: 'Somebody Else', expect: 'insured_name_not_insured' },
    { as: 'holder', reporter: 'Carla Customer', relation: 'agent', insured: 'Carla Customer', expect: 'relation_not_allowed' },
    { as: 'agent', reporter: 'Adam Agent', relation: 'agent', insured: 'Carl Customer', expect: 'agent' },
    { as: 'agent', reporter: 'Adam Agent', relation: 'named_insured', insured: 'Carl Customer', expect: 'relation_not_allowed' },
    { as: 'jeweler', reporter: 'Julia Jeweler', relation: 'jeweler', insured: 'Carla Customer', expect: 'jeweler' },
    { as: 'jeweler', reporter: 'Julia Jeweler', relation: 'jeweler', insured: 'Nobody', expect: 'insured_name_not_insured' },
    // Staff write down what the caller says: any relation, still checked against the policy.
    { as: 'staff', reporter: 'Carl Customer', relation: 'named_insured', insured: 'Carl Customer', expect: 'named_insured' },
    { as: 'staff', reporter: 'Julia Jeweler', relation: 'jeweler', insured: 'Carla Customer', expect: 'jeweler' },
    { as: 'staff', reporter: 'Stranger', relation: 'minor_in_care', insured: 'Carla Customer', expect: 'reporter_not_insured' },
  ];
  for (const c of cases)
    test(`JPF-DEF-2: ${c.as} reporting as ${c.reporter} (${c.relation}) for ${c.insured} → ${c.expect}`, () => {
      const result = reporterCheck({ reporterName: c.reporter, reporterRelation: c.relation, insuredName: c.insured }, c.as, insuredOf);
      assert.equal(result.ok ? result.relation : result.problem.code, c.expect);
    });

  test('JPF-DEF-2: property — an accepted report always names an insured, and an insured relation is an insured reporter', () => {
    const names = fc.constantFrom('Carla Customer', 'Carl Customer', 'Cody Customer', 'Stranger', 'Julia Jeweler', '');
    const capacities = fc.constantFrom<ReportingAs>('holder', 'agent', 'jeweler', 'staff');
    fc.assert(
      fc.property(names, fc.constantFrom(...REPORTER_RELATIONS), names, capacities, (reporter, relation, insured, as) => {
        const result = reporterCheck({ reporterName: reporter, reporterRelation: relation, insuredName: insured }, as, insuredOf);
        if (!result.ok) return true;
        const reporterIsInsured = insuredOf(reporter).insured;
        const insuredRelation = (INSURED_RELATIONS as readonly string[]).includes(result.relation);
        return insuredOf(insured).insured && allowedRelations(as).includes(relation) && (!insuredRelation || reporterIsInsured);
      }),
    );
  });
});

describe('JPF-COND-3 / JPF-COVER-1: the loss happened while the policy was in force, and not after today', () => {
  const today = d('2027-01-15');
  const cases = [
    { loss: '2027-01-10', status: 'in_force', expect: null },
    { loss: '2027-01-15', status: 'in_force', expect: null },
    { loss: '2027-01-16', status: 'in_force', expect: 'loss_date_in_future' },
    { loss: '2026-11-30', status: 'not_yet_in_force', expect: 'loss_date_outside_cover' },
    { loss: '2027-01-10', status: 'cancelled', expect: 'loss_date_outside_cover' },
    { loss: '2027-01-10', status: 'void', expect: 'loss_date_outside_cover' },
    { loss: '2026-12-01', status: 'ended', expect: 'loss_date_outside_cover' },
  ] as const;
  for (const c of cases)
    test(`a loss on ${c.loss} with the policy ${c.status} then → ${c.expect ?? 'accepted'}`, () => {
      assert.equal(lossDateProblem(d(c.loss), today, c.status)?.code ?? null, c.expect);
    });
});

describe('JPF-DUTY-3: a theft or other violation of law needs the police report', () => {
  const cases = [
    { kind: 'theft', violation: false, reference: null, expect: 'police_report_required' },
    { kind: 'theft', violation: false, reference: '  ', expect: 'police_report_required' },
    { kind: 'theft', violation: false, reference: 'NYPD-1', expect: null },
    { kind: 'damage', violation: true, reference: null, expect: 'police_report_required' },
    { kind: 'damage', violation: false, reference: null, expect: null },
    { kind: 'loss', violation: false, reference: null, expect: null },
    { kind: 'disappearance', violation: false, reference: null, expect: null },
  ] as const;
  for (const c of cases)
    test(`JPF-DUTY-3: ${c.kind}, violation of law ${c.violation}, reference ${JSON.stringify(c.reference)} → ${c.expect ?? 'accepted'}`, () => {
      assert.equal(policeReportProblem(c.kind, c.violation, c.reference)?.code ?? null, c.expect);
    });

  test('JPF-DUTY-3: a theft is always a violation of law', () => {
    assert.equal(violatesLaw('theft', false), true);
    assert.equal(violatesLaw('loss', false), false);
  });
});

describe('JPF-ADD-1 / JPF-ADD-2: jewelry bought within 30 days before the loss, during the period', () => {
  const cases = [
    // The purchase day is day 0: 2026-12-11 + 30 days = 2027-01-10, the loss date: still covered.
    { bought: '2026-12-11', loss: '2027-01-10', expect: null },
    { bought: '2026-12-10', loss: '2027-01-10', expect: 'purchased_too_long_before_loss' },
    { bought: '2027-01-10', loss: '2027-01-10', expect: null },
    { bought: '2027-01-11', loss: '2027-01-10', expect: 'purchased_after_loss' },
    { bought: '2026-11-28', loss: '2026-12-15', expect: 'purchased_outside_period' },
  ];
  for (const c of cases)
    test(`JPF-ADD-2: bought ${c.bought}, lost ${c.loss} → ${c.expect ?? 'accepted'}`, () => {
      assert.equal(newlyPurchasedProblem(d(c.bought), d(c.loss), period, 'purchaseDate')?.code ?? null, c.expect);
    });

  test('JPF-ADD-2: property — accepted exactly when bought in the period and 0 to 30 days before the loss', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -10, max: 60 }), (loss, daysBefore) => {
        const bought = loss.subtract({ days: daysBefore });
        const inPeriod = Temporal.PlainDate.compare(bought, period.firstDay) >= 0 && Temporal.PlainDate.compare(bought, period.lastDay) <= 0;
        const accepted = newlyPurchasedProblem(bought, loss, period, 'purchaseDate') === null;
        return accepted === (inPeriod && daysBefore >= 0 && daysBefore <= 30);
      }),
    );
  });
});

describe('duplicate reports of the same loss', () => {
  const ring = { itemNo: 1, description: 'Ring' };
  const bracelet = { itemNo: null, description: 'Gold bracelet' };
  test('the same scheduled item, or a newly purchased piece of the same description, is a duplicate unless withdrawn', () => {
    const first = { id: 'a', status: 'reported' as const, items: [ring] };
    const earlier = [first];
    assert.equal(duplicateOf(earlier, [{ itemNo: 1, description: 'anything' }])?.id, 'a');
    assert.equal(duplicateOf(earlier, [{ itemNo: 2, description: 'Ring' }]), null);
    assert.equal(duplicateOf([{ ...first, status: 'withdrawn' as const }], [ring]), null);
    const withBracelet = [{ id: 'b', status: 'covered' as const, items: [bracelet] }];
    assert.equal(duplicateOf(withBracelet, [{ itemNo: null, description: '  gold  BRACELET ' }])?.id, 'b');
    assert.equal(duplicateOf(withBracelet, [{ itemNo: null, description: 'Silver bracelet' }]), null);
  });
});

describe('withdrawal and channels', () => {
  test('a claim is withdrawn only before a decision', () => {
    assert.deepEqual((['reported', 'needs_information', 'covered', 'denied', 'settled', 'closed', 'withdrawn'] as const).filter(canWithdraw), [
      'reported',
      'needs_information',
    ]);
  });

  test('the channel follows the capacity, and an API token makes it the API', () => {
    assert.deepEqual(
      (['holder', 'agent', 'jeweler', 'staff'] as const).map((as) => channelOf(as, false)),
      ['portal', 'portal', 'jeweler', 'phone'],
    );
    assert.equal(channelOf('jeweler', true), 'api');
  });
});

describe('the adjuster queue’s cursor', () => {
  const uuids = fc.uuid().map((id) => id.toLowerCase());
  const instants = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString());

  test('property — a cursor decodes to what it encodes', () => {
    fc.assert(fc.property(instants, uuids, (reportedAt, id) => assert.deepEqual(decodeCursor(encodeCursor({ reportedAt, id })), { reportedAt, id })));
  });

  test('tokens the queue did not make are refused', () => {
    for (const token of ['', 'not a cursor', Buffer.from('2027-01-01T00:00:00Z').toString('base64url'), Buffer.from('yesterday|x').toString('base64url')])
      assert.equal(decodeCursor(token), null, token);
  });

  test('a page of limit + 1 rows has a next cursor at its last shown row; a shorter one has none', () => {
    const rows = [1, 2, 3].map((n) => ({ reportedAt: `2027-01-0${n}T00:00:00Z`, id: `00000000-0000-4000-8000-00000000000${n}` }));
    const page = pageOf(rows, 2);
    assert.equal(page.items.length, 2);
    assert.deepEqual(decodeCursor(page.nextCursor ?? ''), rows[1]);
    assert.equal(pageOf(rows, 3).nextCursor, null);
  });
});
