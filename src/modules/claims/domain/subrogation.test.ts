import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { assessWaiver, recoveryPosition, type SubrogationRecord, subrogationBlock, subrogationDateProblems } from './subrogation.ts';

const LOSS = '2027-01-10';
const empty: SubrogationRecord = { thirdParty: null, assignmentRequired: false, assignmentSignedOn: null, waiver: null, impairment: null };
const jeweler = { name: 'Gem Repairs Ltd', details: 'Held the ring for resizing', kind: 'bailee' as const, custodianRole: 'jeweler' as const };

describe('subrogation (JPF-SUBRO-1, JPF-COND-4)', () => {
  const waivers: [string, string, boolean, ReturnType<typeof assessWaiver>][] = [
    // The clause: "may be waived in writing before a loss occurs".
    ['JPF-SUBRO-1: a written waiver the day before the loss counts', '2027-01-09', true, { counts: true }],
    ['JPF-SUBRO-1: a written waiver a year before the loss (a storage contract) counts', '2026-01-10', true, { counts: true }],
    [
      'JPF-SUBRO-1: a waiver dated on the loss day cannot be shown to precede the loss: impairment',
      '2027-01-10',
      true,
      { counts: false, impairment: 'waiver_after_loss' },
    ],
    ['JPF-SUBRO-1: a written waiver after the loss does not count: impairment', '2027-01-11', true, { counts: false, impairment: 'waiver_after_loss' }],
    ['JPF-SUBRO-1: an oral waiver before the loss does not count: impairment', '2026-12-01', false, { counts: false, impairment: 'waiver_not_in_writing' }],
  ];
  for (const [name, writtenOn, inWriting, expected] of waivers) {
    test(name, () => assert.deepEqual(assessWaiver({ writtenOn, inWriting }, LOSS), expected));
  }

  test('JPF-SUBRO-1: a waiver before the loss leaves settlement open; after the loss it blocks settlement as an impairment', () => {
    const before = { ...empty, thirdParty: jeweler, waiver: { writtenOn: '2026-12-20', inWriting: true } };
    assert.deepEqual(recoveryPosition(before, LOSS), { kind: 'waived' });
    assert.equal(subrogationBlock(before, LOSS), null);
    const afterLoss = { ...before, waiver: { writtenOn: '2027-01-12', inWriting: true } };
    assert.deepEqual(recoveryPosition(afterLoss, LOSS), { kind: 'impaired', causes: ['waiver_after_loss'] });
    assert.equal(subrogationBlock(afterLoss, LOSS), 'recovery_rights_impaired');
  });

  test('JPF-SUBRO-1: an impairment recorded by the adjuster blocks settlement ("We will not settle a loss if you impair our right to recover")', () => {
    const impaired = {
      ...empty,
      thirdParty: jeweler,
      impairment: { reason: 'Signed a release for the jeweler after the loss', recordedAt: '2027-01-20T10:00:00Z' },
    };
    assert.equal(subrogationBlock(impaired, LOSS), 'recovery_rights_impaired');
    assert.deepEqual(recoveryPosition(impaired, LOSS), { kind: 'impaired', causes: ['recorded_by_adjuster'] });
  });

  test('JPF-SUBRO-1: when the assignment of recovery rights is required, settlement waits for the signed assignment', () => {
    const required = { ...empty, thirdParty: jeweler, assignmentRequired: true };
    assert.equal(subrogationBlock(required, LOSS), 'recovery_assignment_unsigned');
    assert.equal(subrogationBlock({ ...required, assignmentSignedOn: '2027-01-15' }, LOSS), null);
    assert.equal(subrogationBlock(empty, LOSS), null);
  });

  test('JPF-COND-4: a bailee (the jeweler holding the ring) is recovered from, and the insurance gives them no benefit', () => {
    const position = recoveryPosition({ ...empty, thirdParty: jeweler }, LOSS);
    assert.deepEqual(position, { kind: 'pursue', from: jeweler, bailee: true, benefitToBailee: false, assignment: 'not_required' });
    const person = { name: 'A. Thief', details: null, kind: 'person' as const, custodianRole: null };
    assert.deepEqual(recoveryPosition({ ...empty, thirdParty: person }, LOSS), {
      kind: 'pursue',
      from: person,
      bailee: false,
      benefitToBailee: false,
      assignment: 'not_required',
    });
  });

  test('dates: an assignment before the loss or in the future is refused; a waiver may be old but not in the future', () => {
    const today = '2027-02-01';
    assert.deepEqual(subrogationDateProblems({ assignmentSignedOn: '2027-01-09', waiverWrittenOn: '2020-05-01' }, LOSS, today), [
      { field: 'assignmentSignedOn', code: 'before_loss' },
    ]);
    assert.deepEqual(subrogationDateProblems({ assignmentSignedOn: '2027-02-02', waiverWrittenOn: '2027-02-02' }, LOSS, today), [
      { field: 'assignmentSignedOn', code: 'date_in_future' },
      { field: 'waiverWrittenOn', code: 'date_in_future' },
    ]);
    assert.deepEqual(subrogationDateProblems({ assignmentSignedOn: LOSS, waiverWrittenOn: null }, LOSS, today), []);
  });

  test('JPF-SUBRO-1 property: a written waiver counts exactly when it is dated before the loss', () => {
    const day = fc.integer({ min: -800, max: 800 });
    fc.assert(
      fc.property(day, (offset) => {
        const writtenOn = Temporal.PlainDate.from(LOSS).add({ days: offset }).toString();
        const record = { ...empty, waiver: { writtenOn, inWriting: true } };
        assert.equal(assessWaiver(record.waiver, LOSS).counts, offset < 0);
        assert.equal(subrogationBlock(record, LOSS) === 'recovery_rights_impaired', offset >= 0);
      }),
    );
  });
});
