import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { checkVerificationCode, hashVerificationCode, isWellFormedCode, MAX_CODE_ATTEMPTS, newVerificationCode } from './verification-code.ts';

const now = Temporal.Instant.from('2026-11-21T12:00:00Z');
const hash = hashVerificationCode('secret', 'req-1', '123456');
const stored = { codeHash: hash, expiresAt: now.add({ minutes: 15 }), failedAttempts: 0, usedAt: null };

test('PRV-RIGHT-10: a one-time code is six digits and stored only as a keyed hash bound to its request', () => {
  for (let i = 0; i < 50; i += 1) assert.ok(isWellFormedCode(newVerificationCode()));
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.notEqual(hash, hashVerificationCode('secret', 'req-2', '123456'));
  assert.notEqual(hash, hashVerificationCode('other', 'req-1', '123456'));
});

test('PRV-RIGHT-10: the right code within 15 minutes is accepted; forged, expired, replayed and over-tried codes are refused', () => {
  assert.equal(checkVerificationCode(stored, hash, now.add({ minutes: 14, seconds: 59 })), 'accepted');
  assert.equal(checkVerificationCode(stored, hashVerificationCode('secret', 'req-1', '654321'), now), 'wrong');
  assert.equal(checkVerificationCode(stored, hash, now.add({ minutes: 15 })), 'expired');
  assert.equal(checkVerificationCode({ ...stored, usedAt: now }, hash, now), 'used');
  assert.equal(checkVerificationCode({ ...stored, failedAttempts: MAX_CODE_ATTEMPTS }, hash, now), 'too_many_attempts');
  assert.equal(checkVerificationCode(stored, null, now), 'malformed');
});
