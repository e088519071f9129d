import { createHmac, randomInt } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { constantTimeEqual } from '../../../../platform/crypto.ts';

/**
 * PRV-RIGHT-10: a request made without an account is verified by a one-time 6-digit code sent to the
 * address given. The code is stored only as an HMAC keyed with the app secret and bound to the request,
 * expires after 15 minutes, allows at most 5 wrong attempts, and works once.
 */
export const CODE_TTL_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;

export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashVerificationCode(secret: string, requestId: string, code: string): string {
  return createHmac('sha256', secret).update(`privacy-request-code:${requestId}:${code}`).digest('hex');
}

export type StoredCode = { codeHash: string; expiresAt: Temporal.Instant; failedAttempts: number; usedAt: Temporal.Instant | null };

export type CodeOutcome = 'accepted' | 'wrong' | 'expired' | 'used' | 'too_many_attempts' | 'malformed';

/** Decides one attempt; the order matters: a used or locked code says so even when the right code is given. */
export function checkVerificationCode(stored: StoredCode, givenHash: string | null, now: Temporal.Instant): CodeOutcome {
  if (givenHash === null) return 'malformed';
  if (stored.usedAt !== null) return 'used';
  if (stored.failedAttempts >= MAX_CODE_ATTEMPTS) return 'too_many_attempts';
  if (Temporal.Instant.compare(now, stored.expiresAt) >= 0) return 'expired';
  return constantTimeEqual(stored.codeHash, givenHash) ? 'accepted' : 'wrong';
}

export function isWellFormedCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}
