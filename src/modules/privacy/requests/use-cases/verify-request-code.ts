import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { enforceRateLimits, type RateLimitRule } from '../../../../platform/http/rate-limit.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { type CodeOutcome, checkVerificationCode, hashVerificationCode, isWellFormedCode, MAX_CODE_ATTEMPTS } from '../domain/verification-code.ts';
import { privacyRequestErrors } from '../errors.ts';
import {
  countFailedCodeAttempt,
  findPrivacyRequest,
  findRequestCode,
  markCodeUsed,
  type PrivacyRequest,
  savePrivacyRequest,
} from '../privacy-requests-repository.ts';
import { auditRequest, touched } from './request-support.ts';

/** Like the login limits (login-rate-limits.ts): per address, and per request on top of its 5 attempts. */
export const CODE_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };
export const CODE_PER_REQUEST: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };

/**
 * PRV-RIGHT-10: the person enters the one-time code mailed to them. A right code within 15 minutes
 * verifies the request once; a forged, expired, replayed or over-tried code is refused with a clear error.
 * Every attempt is an audit event, and a wrong one counts, so the attempt is committed before the refusal.
 */
export async function verifyRequestCode(deps: Deps, actor: Actor, requestId: string, code: string, origin: RequestOrigin): Promise<PrivacyRequest> {
  await enforceRateLimits(deps.db, deps.clock, [
    { bucket: `privacy_code:ip:${origin.ip ?? 'unknown'}`, rule: CODE_PER_IP },
    { bucket: `privacy_code:request:${requestId}`, rule: CODE_PER_REQUEST },
  ]);
  const result = await inTransaction(deps.db, async (trx): Promise<{ outcome: CodeOutcome; attemptsLeft: number; request: PrivacyRequest }> => {
    const request = await findPrivacyRequest(trx, 'anyone', requestId, { forUpdate: true });
    const stored = request ? await findRequestCode(trx, request.id) : null;
    if (!request || !stored) throw problems.notFound();
    const given = code.trim();
    const outcome = checkVerificationCode(
      {
        codeHash: stored.codeHash,
        expiresAt: Temporal.Instant.from(stored.expiresAt),
        failedAttempts: stored.failedAttempts,
        usedAt: stored.usedAt ? Temporal.Instant.from(stored.usedAt) : null,
      },
      isWellFormedCode(given) ? hashVerificationCode(deps.appSecret, request.id, given) : null,
      deps.clock.now(),
    );
    let failed = stored.failedAttempts;
    if (outcome === 'wrong' || outcome === 'malformed') failed = await countFailedCodeAttempt(trx, request.id);
    await auditRequest(trx, deps, actor, request, 'code_attempt', origin, {
      outcome: outcome === 'accepted' ? 'success' : 'failure',
      details: { result: outcome },
      personalDetails: { ip: origin.ip },
    });
    if (outcome !== 'accepted') return { outcome, attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - failed), request };
    const now = nowText(deps.clock);
    await markCodeUsed(trx, request.id, now);
    const verified: PrivacyRequest = { ...touched(request, deps), status: 'in_progress', verificationMethod: 'email_code', verifiedAt: now };
    await savePrivacyRequest(trx, verified);
    await auditRequest(trx, deps, actor, verified, 'verified', origin, { details: { method: 'email_code' } });
    return { outcome, attemptsLeft: MAX_CODE_ATTEMPTS - failed, request: verified };
  });
  switch (result.outcome) {
    case 'accepted':
      return result.request;
    case 'wrong':
      throw result.attemptsLeft > 0 ? privacyRequestErrors.codeWrong(result.attemptsLeft) : privacyRequestErrors.codeLocked();
    case 'malformed':
      throw privacyRequestErrors.codeMalformed();
    case 'expired':
      throw privacyRequestErrors.codeExpired();
    case 'used':
      throw privacyRequestErrors.codeUsed();
    case 'too_many_attempts':
      throw privacyRequestErrors.codeLocked();
  }
}
