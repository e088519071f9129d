import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { checkProofOfLoss, type ProofCheckInput } from './proof-of-loss.ts';

const complete: ProofCheckInput = {
  claimLineNos: [1, 2],
  inventoryLineNos: [1, 2],
  lossDate: '2027-01-10',
  today: Temporal.PlainDate.from('2027-01-20'),
  fileCount: 1,
  oathRequested: false,
  sworn: false,
};
const codes = (input: Partial<ProofCheckInput>) => checkProofOfLoss({ ...complete, ...input }).map((problem) => `${problem.field}:${problem.code}`);

test('JPF-DUTY-4: a complete proof of loss has no problems', () => {
  assert.deepEqual(codes({}), []);
});

test('JPF-DUTY-4 e: the inventory has one line per claimed item — none missing, unknown or twice', () => {
  assert.deepEqual(codes({ inventoryLineNos: [1] }), ['inventory:inventory_line_missing']);
  assert.deepEqual(codes({ inventoryLineNos: [1, 2, 3] }), ['inventory.2.claimLineNo:inventory_line_unknown']);
  assert.deepEqual(codes({ inventoryLineNos: [2, 1, 2] }), ['inventory.2.claimLineNo:inventory_line_duplicate']);
});

test('JPF-DUTY-4 e: the bills and receipts must be attached', () => {
  assert.deepEqual(codes({ fileCount: 0 }), ['fileIds:attachments_required']);
});

test('JPF-DUTY-4 a: the loss cannot be dated after today', () => {
  assert.deepEqual(codes({ lossDate: '2027-01-21' }), ['lossDate:loss_date_in_future']);
  assert.deepEqual(codes({ lossDate: '2027-01-20' }), []);
});

test('JPF-DUTY-4: "under oath if requested" — a requested oath must be sworn; an insured may swear unasked', () => {
  assert.deepEqual(codes({ oathRequested: true, sworn: false }), ['signature.sworn:oath_required']);
  assert.deepEqual(codes({ oathRequested: true, sworn: true }), []);
  assert.deepEqual(codes({ oathRequested: false, sworn: true }), []);
});

test('JPF-DUTY-4 e: every permutation of the claimed lines is a complete inventory', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }), fc.integer(), (lineNos, seed) => {
      const shuffled = [...lineNos].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
      assert.deepEqual(checkProofOfLoss({ ...complete, claimLineNos: lineNos, inventoryLineNos: shuffled }), []);
      // Leaving any one line out is always found.
      const [, ...missingFirst] = shuffled;
      assert.equal(checkProofOfLoss({ ...complete, claimLineNos: lineNos, inventoryLineNos: missingFirst }).length, 1);
    }),
  );
});
