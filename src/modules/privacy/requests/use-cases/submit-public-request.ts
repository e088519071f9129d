import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { enforceRateLimits, type RateLimitRule } from '../../../../platform/http/rate-limit.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { CODE_TTL_MINUTES, hashVerificationCode, newVerificationCode } from '../domain/verification-code.ts';
import { findPersonByEmail, insertPrivacyRequest, type PrivacyRequest, upsertRequestCode } from '../privacy-requests-repository.ts';
import { newPrivacyRequest, type RequestInput, requestTypeOf } from './new-request.ts';
import { auditRequest, insurerToday, mailRequester } from './request-support.ts';

/** The same brakes as registration and password reset (login-rate-limits.ts): per address and per email. */
export const PUBLIC_REQUEST_PER_IP: RateLimitRule = { limit: 10, windowSeconds: 60 * 60 };
export const PUBLIC_REQUEST_PER_EMAIL: RateLimitRule = { limit: 3, windowSeconds: 60 * 60 };

/**
 * The public form `/privacy/requests/new` (issue #5): anyone, without an account, with a name, an email
 * address, a jurisdiction, a type and details. Nothing is acted on until the one-time code sent to that
 * address is entered (PRV-RIGHT-10); the deadline still runs from receipt (decision 0011).
 */
export async function submitPublicRequest(deps: Deps, actor: Actor, input: RequestInput, origin: RequestOrigin): Promise<PrivacyRequest> {
  requestTypeOf(input);
  const email = (input.requesterEmail ?? '').trim().toLowerCase();
  await enforceRateLimits(deps.db, deps.clock, [
    { bucket: `privacy_request:ip:${origin.ip ?? 'unknown'}`, rule: PUBLIC_REQUEST_PER_IP },
    { bucket: `privacy_request:email:${email}`, rule: PUBLIC_REQUEST_PER_EMAIL },
  ]);
  return inTransaction(deps.db, async (trx) => {
    const created = newPrivacyRequest(deps, input, { channel: 'web_form', receivedOn: insurerToday(deps), person: null });
    // The request is about the account with that address, if there is one; the code proves the address.
    const account = await findPersonByEmail(trx, created.requesterEmail);
    const request: PrivacyRequest = { ...created, subjectUserId: account?.id ?? null };
    await insertPrivacyRequest(trx, request);
    await auditRequest(trx, deps, actor, request, 'received', origin, {
      details: { channel: request.channel, jurisdiction: request.jurisdiction, dueOn: request.dueOn, deadlineRule: request.deadlineRule },
      personalDetails: { name: request.requesterName, email: request.requesterEmail, ip: origin.ip },
    });
    await sendCode(trx, deps, actor, request, origin);
    return request;
  });
}

async function sendCode(trx: Parameters<typeof insertPrivacyRequest>[0], deps: Deps, actor: Actor, request: PrivacyRequest, origin: RequestOrigin) {
  const code = newVerificationCode();
  const now = deps.clock.now();
  const expiresAt = Temporal.Instant.from(now.toString()).add({ minutes: CODE_TTL_MINUTES });
  await upsertRequestCode(trx, request.id, hashVerificationCode(deps.appSecret, request.id, code), nowText(deps.clock), expiresAt.toString());
  await mailRequester(trx, deps, request, 'privacy_request_code', { code, minutes: String(CODE_TTL_MINUTES) });
  await auditRequest(trx, deps, actor, request, 'code_sent', origin, { details: { expiresAt: expiresAt.toString() } });
}
