import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { checkDutyRecord, checkDutyRequest, checkFulfilment, DUTY_REQUEST_KINDS, DUTY_REQUEST_RULES } from './duty-requests.ts';

const today = Temporal.PlainDate.from('2027-01-15');
const lossDate = Temporal.PlainDate.from('2027-01-10');

describe('JPF-DUTY-5 / JPF-DUTY-2: duty requests', () => {
  test('JPF-DUTY-5: an examination under oath needs its date and place, and is due on the examination day', () => {
    const base = { kind: 'examination_under_oath' as const, dueOn: '2027-02-01' };
    assert.deepEqual(checkDutyRequest({ ...base, examinationOn: '2027-02-01', place: 'Bezel office, 5th Avenue' }, today), []);
    assert.deepEqual(checkDutyRequest(base, today), [
      { field: 'examinationOn', code: 'examination_details_missing' },
      { field: 'place', code: 'examination_details_missing' },
    ]);
    assert.deepEqual(checkDutyRequest({ ...base, examinationOn: '2027-02-02', place: 'Office' }, today), [
      { field: 'examinationOn', code: 'examination_date_differs' },
    ]);
  });
  test('JPF-DUTY-5: a request for records names the records', () => {
    assert.deepEqual(checkDutyRequest({ kind: 'produce_records', dueOn: '2027-02-01', details: '  ' }, today), [
      { field: 'details', code: 'records_not_named' },
    ]);
    assert.deepEqual(checkDutyRequest({ kind: 'produce_records', dueOn: '2027-02-01', details: 'Purchase receipt of the ring' }, today), []);
  });
  test('JPF-DUTY-2: written confirmation of the notice may be asked with a due date today or later, not in the past', () => {
    assert.deepEqual(checkDutyRequest({ kind: 'written_confirmation', dueOn: '2027-01-15' }, today), []);
    assert.deepEqual(checkDutyRequest({ kind: 'written_confirmation', dueOn: '2027-01-14' }, today), [{ field: 'dueOn', code: 'due_before_today' }]);
  });
  test('JPF-DUTY-5 / JPF-DUTY-2: each kind keeps its clause and has a diary kind; records and confirmations are answered with documents', () => {
    assert.deepEqual(
      DUTY_REQUEST_KINDS.map((kind) => [
        kind,
        DUTY_REQUEST_RULES[kind].clause,
        DUTY_REQUEST_RULES[kind].diaryKind,
        DUTY_REQUEST_RULES[kind].answeredWithDocuments,
      ]),
      [
        ['examination_under_oath', 'JPF-DUTY-5', 'examination_under_oath', false],
        ['exhibit_property', 'JPF-DUTY-5', 'exhibit_property_due', false],
        ['produce_records', 'JPF-DUTY-5', 'document_request_due', true],
        ['written_confirmation', 'JPF-DUTY-2', 'written_confirmation_due', true],
      ],
    );
  });
  test('JPF-DUTY-5: a fulfilment lies between the request and today', () => {
    const requested = Temporal.PlainDate.from('2027-01-12');
    assert.deepEqual(checkFulfilment('2027-01-12', requested, today), []);
    assert.deepEqual(checkFulfilment('2027-01-15', requested, today), []);
    assert.deepEqual(checkFulfilment('2027-01-11', requested, today), [{ field: 'fulfilledOn', code: 'fulfilled_before_request' }]);
    assert.deepEqual(checkFulfilment('2027-01-16', requested, today), [{ field: 'fulfilledOn', code: 'fulfilled_in_future' }]);
  });
  test('property — any due date before today is refused, today or later is accepted (exhibit property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), (offset) => {
        const problems = checkDutyRequest({ kind: 'exhibit_property', dueOn: today.add({ days: offset }).toString() }, today);
        assert.equal(problems.length, offset < 0 ? 1 : 0);
      }),
    );
  });
});

describe('JPF-DUTY-6 / JPF-DUTY-7: duty records', () => {
  test('JPF-DUTY-7: an abandonment offer is refused by default', () => {
    const result = checkDutyRecord(
      { kind: 'abandonment_offer', occurredOn: '2027-01-12', description: 'Insured offered the broken ring to us' },
      lossDate,
      today,
    );
    assert.deepEqual(result, { ok: true, value: { decision: 'refused', consentReference: null } });
  });
  test('JPF-DUTY-7: the insurer consents only in writing — consent without a written consent reference is refused', () => {
    const offer = { kind: 'abandonment_offer' as const, occurredOn: '2027-01-12', description: 'Offer', decision: 'consented' as const };
    assert.deepEqual(checkDutyRecord(offer, lossDate, today), { ok: false, problems: [{ field: 'consentReference', code: 'consent_reference_missing' }] });
    assert.deepEqual(checkDutyRecord({ ...offer, consentReference: ' LTR-2027-7 ' }, lossDate, today), {
      ok: true,
      value: { decision: 'consented', consentReference: 'LTR-2027-7' },
    });
    assert.deepEqual(checkDutyRecord({ ...offer, decision: 'refused', consentReference: 'LTR-1' }, lossDate, today), {
      ok: false,
      problems: [{ field: 'consentReference', code: 'consent_reference_not_allowed' }],
    });
  });
  test('JPF-DUTY-6: a cooperation issue has no decision, happened after the loss and not after today', () => {
    const issue = { kind: 'cooperation_issue' as const, occurredOn: '2027-01-13', description: 'Did not attend the examination' };
    assert.deepEqual(checkDutyRecord(issue, lossDate, today), { ok: true, value: { decision: null, consentReference: null } });
    assert.deepEqual(checkDutyRecord({ ...issue, decision: 'refused' }, lossDate, today), {
      ok: false,
      problems: [{ field: 'decision', code: 'decision_not_allowed' }],
    });
    assert.deepEqual(checkDutyRecord({ ...issue, occurredOn: '2027-01-16' }, lossDate, today), {
      ok: false,
      problems: [{ field: 'occurredOn', code: 'occurred_in_future' }],
    });
    assert.deepEqual(checkDutyRecord({ ...issue, occurredOn: '2027-01-09' }, lossDate, today), {
      ok: false,
      problems: [{ field: 'occurredOn', code: 'occurred_before_loss' }],
    });
  });
});
