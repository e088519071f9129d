import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closingRefusal, diaryKindsEndedByClosing } from './claim-closing.ts';

test('closing a claim: only settled or denied claims, with no payment waiting and no appraisal open (JPF-APPR-1)', () => {
  const ready = { paymentsAwaitingApproval: 0, openAppraisals: 0 };
  assert.equal(closingRefusal({ status: 'settled', ...ready }), null);
  assert.equal(closingRefusal({ status: 'denied', ...ready }), null);
  for (const status of ['reported', 'needs_information', 'covered', 'closed', 'withdrawn'] as const)
    assert.equal(closingRefusal({ status, ...ready }), 'claim_not_closable', status);
  assert.equal(closingRefusal({ status: 'settled', paymentsAwaitingApproval: 1, openAppraisals: 0 }), 'payment_awaiting_approval');
  assert.equal(closingRefusal({ status: 'denied', paymentsAwaitingApproval: 0, openAppraisals: 1 }), 'appraisal_open');
});

test('JPF-SUIT-1: closing a claim keeps the suit limitation in the diary and ends the other deadlines', () => {
  assert.equal(diaryKindsEndedByClosing('suit_limitation'), false);
  for (const kind of ['proof_of_loss_due', 'settlement_due', 'document_request_due', 'human_review_due']) assert.equal(diaryKindsEndedByClosing(kind), true);
});
