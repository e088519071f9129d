import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { governingVersion, type VersionRevision } from './governing-version.ts';
import { d, period as periodArbitrary } from './test-arbitraries.ts';

// The test policy of the API tests: sold under version 1, period 2026-12-01 … 2027-11-30 (365 days).
// Six months before the first day: 2026-12-01 − 6 months = 2026-06-01.
const sold = { id: 'v1', version: 1, effectiveFrom: d('2026-01-01') };
const period = { firstDay: d('2026-12-01'), lastDay: d('2027-11-30') };
const revision = (version: number, adoptedOn: string, broadening = true): VersionRevision => ({
  id: `v${version}`,
  version,
  broadening,
  adoptedOn: d(adoptedOn),
});
const governing = (revisions: VersionRevision[], on: string) => {
  const result = governingVersion(sold, revisions, period, d(on));
  return { version: result.version, basis: result.basis, appliesFrom: result.appliesFrom?.toString() ?? null };
};

describe('the product version that governs a policy (JPF-COND-3)', () => {
  test('JPF-COND-3: with no later revision the policy keeps the version it was sold under', () => {
    assert.deepEqual(governing([], '2027-05-01'), { version: 1, basis: 'sold', appliesFrom: null });
  });

  test('JPF-COND-3: adopted exactly 6 months before the first day (2026-06-01) applies, from the first day', () => {
    const revisions = [revision(2, '2026-06-01')];
    // Before the period the policy has no cover to broaden: still the sold terms.
    assert.deepEqual(governing(revisions, '2026-11-30'), { version: 1, basis: 'sold', appliesFrom: null });
    assert.deepEqual(governing(revisions, '2026-12-01'), { version: 2, basis: 'liberalization', appliesFrom: '2026-12-01' });
    assert.deepEqual(governing(revisions, '2027-11-30'), { version: 2, basis: 'liberalization', appliesFrom: '2026-12-01' });
  });

  test('JPF-COND-3: adopted one day earlier than 6 months before (2026-05-31) does not apply', () => {
    const revisions = [revision(2, '2026-05-31')];
    for (const on of ['2026-12-01', '2027-06-01', '2027-11-30']) assert.deepEqual(governing(revisions, on), { version: 1, basis: 'sold', appliesFrom: null });
  });

  test('JPF-COND-3: adopted during the period applies from the day of adoption', () => {
    const revisions = [revision(2, '2027-01-15')];
    assert.deepEqual(governing(revisions, '2027-01-14'), { version: 1, basis: 'sold', appliesFrom: null });
    assert.deepEqual(governing(revisions, '2027-01-15'), { version: 2, basis: 'liberalization', appliesFrom: '2027-01-15' });
    assert.deepEqual(governing(revisions, '2027-11-30'), { version: 2, basis: 'liberalization', appliesFrom: '2027-01-15' });
  });

  test('JPF-COND-3: adopted on the last day applies on the last day; adopted the day after it never applies', () => {
    assert.deepEqual(governing([revision(2, '2027-11-30')], '2027-11-30'), { version: 2, basis: 'liberalization', appliesFrom: '2027-11-30' });
    assert.deepEqual(governing([revision(2, '2027-12-01')], '2027-12-01'), { version: 1, basis: 'sold', appliesFrom: null });
    assert.deepEqual(governing([revision(2, '2027-12-01')], '2028-03-01'), { version: 1, basis: 'sold', appliesFrom: null });
  });

  test('JPF-COND-3: a revision that does not broaden coverage never governs, even adopted during the period', () => {
    const revisions = [revision(2, '2027-01-15', false)];
    for (const on of ['2027-01-15', '2027-06-01', '2027-11-30']) assert.deepEqual(governing(revisions, on), { version: 1, basis: 'sold', appliesFrom: null });
  });

  test('JPF-COND-3: of two broadening revisions the latest that has taken hold governs; a narrowing one in between changes nothing', () => {
    const revisions = [revision(4, '2027-03-01'), revision(3, '2027-02-01', false), revision(2, '2027-01-15')];
    assert.deepEqual(governing(revisions, '2027-02-15'), { version: 2, basis: 'liberalization', appliesFrom: '2027-01-15' });
    assert.deepEqual(governing(revisions, '2027-03-01'), { version: 4, basis: 'liberalization', appliesFrom: '2027-03-01' });
  });

  test('JPF-COND-3: a revision older than the sold version never governs (the sold version already has it)', () => {
    const soldV3 = { id: 'v3', version: 3, effectiveFrom: d('2026-10-01') };
    const result = governingVersion(soldV3, [revision(2, '2026-09-01')], period, d('2027-01-01'));
    assert.equal(result.basis, 'sold');
    assert.equal(result.version, 3);
  });

  const governingEnded = (revisions: VersionRevision[], coverEndsOn: string, on: string) => {
    const result = governingVersion(sold, revisions, { ...period, coverEndsOn: d(coverEndsOn) }, d(on));
    return { version: result.version, basis: result.basis, appliesFrom: result.appliesFrom?.toString() ?? null };
  };
  const soldTerms = { version: 1, basis: 'sold', appliesFrom: null };

  test('JPF-COND-3: a policy cancelled with effect 2027-02-15 never takes a revision adopted 2027-03-01, on any date', () => {
    // In force 2026-12-01 … 2027-02-14; the revision was adopted 14 days after the cover ended.
    for (const on of ['2027-02-14', '2027-03-01', '2027-06-01', '2027-11-30'])
      assert.deepEqual(governingEnded([revision(2, '2027-03-01')], '2027-02-15', on), soldTerms, on);
  });

  test('JPF-COND-3: a cancellation effective on the adoption day (2027-03-01) ends the cover before the revision takes hold', () => {
    // The last day in force is 2027-02-28; the revision would take hold on 2027-03-01, the first day without cover.
    assert.deepEqual(governingEnded([revision(2, '2027-03-01')], '2027-03-01', '2027-03-01'), soldTerms);
  });

  test('JPF-COND-3: adopted 2027-03-01 while in force, cancelled with effect 2027-04-01: applies from 2027-03-01, not before', () => {
    const revisions = [revision(2, '2027-03-01')];
    assert.deepEqual(governingEnded(revisions, '2027-04-01', '2027-02-28'), soldTerms);
    assert.deepEqual(governingEnded(revisions, '2027-04-01', '2027-03-01'), { version: 2, basis: 'liberalization', appliesFrom: '2027-03-01' });
    assert.deepEqual(governingEnded(revisions, '2027-04-01', '2027-03-31'), { version: 2, basis: 'liberalization', appliesFrom: '2027-03-01' });
  });

  test('JPF-COND-3: a voided policy (cover ends on its first day, 2026-12-01) takes no revision, even one adopted within the six months before', () => {
    // 2026-09-01 is 3 months before the first day: it would apply from 2026-12-01 to a policy in force.
    for (const adopted of ['2026-09-01', '2027-01-15'])
      for (const on of ['2026-12-01', '2027-06-01']) assert.deepEqual(governingEnded([revision(2, adopted)], '2026-12-01', on), soldTerms, `${adopted} ${on}`);
    assert.deepEqual(governing([revision(2, '2026-09-01')], '2026-12-01'), { version: 2, basis: 'liberalization', appliesFrom: '2026-12-01' });
  });

  const revisionsArbitrary = (firstDay: Temporal.PlainDate) =>
    fc
      .array(
        fc.record({
          version: fc.integer({ min: 1, max: 12 }),
          broadening: fc.boolean(),
          // From well before the six months to well after a 24-month term.
          offset: fc.option(fc.integer({ min: -400, max: 900 }), { nil: null }),
        }),
        { maxLength: 8 },
      )
      .map((rows) =>
        rows.map((row) => ({
          id: `v${row.version}`,
          version: row.version,
          broadening: row.broadening,
          adoptedOn: row.offset === null ? null : firstDay.add({ days: row.offset }),
        })),
      );

  const scenario = periodArbitrary().chain((p) =>
    fc.record({
      period: fc.constant(p),
      soldVersion: fc.integer({ min: 1, max: 6 }),
      revisions: revisionsArbitrary(p.firstDay),
      offsets: fc.tuple(fc.integer({ min: -30, max: 800 }), fc.integer({ min: 0, max: 400 })),
    }),
  );

  test('JPF-COND-3 (property): the governing version is never older than the sold one, and only a broadening revision adopted by then governs', () => {
    fc.assert(
      fc.property(scenario, ({ period: p, soldVersion, revisions, offsets: [offset] }) => {
        const soldVersionRecord = { id: 'sold', version: soldVersion, effectiveFrom: p.firstDay.subtract({ days: 30 }) };
        const on = p.firstDay.add({ days: offset });
        const result = governingVersion(soldVersionRecord, revisions, p, on);
        assert.ok(result.version >= soldVersion);
        if (result.basis === 'sold') assert.equal(result.id, 'sold');
        else {
          const chosen = revisions.find((r) => r.id === result.id && r.broadening && r.adoptedOn?.equals(result.adoptedOn));
          assert.ok(chosen, 'a liberalization names a broadening revision');
          assert.ok(result.version > soldVersion);
          assert.ok(Temporal.PlainDate.compare(result.appliesFrom, on) <= 0, 'it has taken hold by the date');
          assert.ok(Temporal.PlainDate.compare(result.adoptedOn, p.lastDay) <= 0, 'adopted no later than the last day');
        }
      }),
    );
  });

  test('JPF-COND-3 (property): a non-broadening revision never governs', () => {
    fc.assert(
      fc.property(scenario, ({ period: p, soldVersion, revisions, offsets: [offset] }) => {
        const narrowing = revisions.map((r) => ({ ...r, broadening: false }));
        const result = governingVersion({ id: 'sold', version: soldVersion, effectiveFrom: p.firstDay }, narrowing, p, p.firstDay.add({ days: offset }));
        assert.equal(result.basis, 'sold');
        assert.equal(result.version, soldVersion);
      }),
    );
  });

  test('JPF-COND-3 (property): once broadened, cover is not narrowed again later in the period (the version only grows with the date)', () => {
    fc.assert(
      fc.property(scenario, ({ period: p, soldVersion, revisions, offsets: [offset, later] }) => {
        const soldVersionRecord = { id: 'sold', version: soldVersion, effectiveFrom: p.firstDay };
        const on = p.firstDay.add({ days: offset });
        const earlier = governingVersion(soldVersionRecord, revisions, p, on);
        const afterwards = governingVersion(soldVersionRecord, revisions, p, on.add({ days: later }));
        assert.ok(afterwards.version >= earlier.version);
      }),
    );
  });
});
