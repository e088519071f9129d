import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { enforceRateLimits, type RateLimitRule } from '../../../platform/http/rate-limit.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail, isMailAddress } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type CancellationRequest, findHolderContact, findRequest, findSignatures, type Signature } from '../cancellation-repository.ts';
import { type EndorsementRequest, findEndorsementRequest, findEndorsementSignatures } from '../endorsement-repository.ts';
import { signingErrors } from '../signing-errors.ts';
import { insertInvitation, revokeOpenInvitations, type SignableKind } from '../signing-invitation-repository.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

/** JPF-COND-9 / JPF-CANCEL-1: a signing link works for 14 days. */
export const SIGNING_LINK_DAYS = 14;
/** At most this many invitations per user a day: each one mails an address someone typed in. */
const INVITATIONS_PER_USER: RateLimitRule = { limit: 20, windowSeconds: 86_400 };

export type SentInvitation = { id: string; kind: SignableKind; requestId: string; namedInsured: string; expiresAt: string };

/** A request that may still be signed, with the signatures it has. */
export type PendingToSign =
  | { kind: 'cancellation'; request: CancellationRequest; signatures: Signature[] }
  | { kind: 'endorsement'; request: EndorsementRequest; signatures: Signature[] };

/** The request of the policy with its signatures, when it may still be signed; else a problem. */
export async function pendingRequestToSign(trx: Trx, kind: SignableKind, policyId: string, requestId: string): Promise<PendingToSign> {
  if (kind === 'cancellation') {
    const request = await findRequest(trx, policyId, requestId);
    if (!request) throw problems.notFound();
    if (request.status !== 'pending') throw signingErrors.requestNotPending(request.status);
    return { kind, request, signatures: await findSignatures(trx, request.id) };
  }
  const request = await findEndorsementRequest(trx, policyId, requestId);
  if (!request) throw problems.notFound();
  if (request.status !== 'pending') throw signingErrors.requestNotPending(request.status);
  return { kind, request, signatures: await findEndorsementSignatures(trx, request.id) };
}

/** The named insured must be on the request and must not have signed it yet. */
export function requireUnsigned(pending: PendingToSign, namedInsured: string): void {
  if (!pending.request.namedInsureds.includes(namedInsured)) throw signingErrors.notANamedInsured(namedInsured);
  if (pending.signatures.some((signature) => signature.namedInsured === namedInsured)) throw signingErrors.alreadySigned(namedInsured);
}

/**
 * JPF-COND-9 / JPF-CANCEL-1: the holder (or staff who underwrite) invites a named insured who has not signed a pending
 * removal or cancellation yet. A random 32-byte link is mailed (outbox, in the holder's language) to the address given;
 * only its SHA-256 is stored. It expires after 14 days, works once, and is bound to this request and this named insured;
 * a newer invitation for the same name replaces an open one. The address stays out of the hashed audit details.
 */
export async function inviteToSign(
  deps: Deps,
  actor: Actor,
  target: { kind: SignableKind; policyId: string; requestId: string },
  input: { namedInsured: string; email: string },
  origin: RequestOrigin,
): Promise<SentInvitation> {
  const staff = can(actor, 'policies:underwrite');
  if (!staff) requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const email = input.email.trim();
  if (!isMailAddress(email)) throw signingErrors.emailInvalid();
  // Counted outside the transaction, so refused attempts count too.
  await enforceRateLimits(deps.db, deps.clock, [{ bucket: `signing-invite:user:${actor.userId}`, rule: INVITATIONS_PER_USER }]);
  return inTransaction(deps.db, async (trx) => {
    // Another customer's policy is not found (404); an agent sees the policy but does not sign for the insureds.
    const policy = await lockedPolicyFor(trx, actor, target.policyId);
    if (!staff && actor.userId !== policy.holderUserId) throw problems.forbidden();
    const pending = await pendingRequestToSign(trx, target.kind, policy.id, target.requestId);
    requireUnsigned(pending, input.namedInsured);
    const request = pending.request;

    const now = nowText(deps.clock);
    const expiresAt = Temporal.Instant.from(now)
      .add({ hours: 24 * SIGNING_LINK_DAYS })
      .toString();
    const replaced = await revokeOpenInvitations(trx, target.kind, request.id, input.namedInsured, now);
    const token = randomToken();
    const invitation = { id: newId(), policyId: policy.id, kind: target.kind, requestId: request.id, namedInsured: input.namedInsured, expiresAt };
    await insertInvitation(trx, { ...invitation, email, tokenHash: sha256Hex(token), invitedBy: actor.userId, createdAt: now });
    const holder = await findHolderContact(trx, policy.holderUserId);
    if (!holder) throw new Error('The policy holder’s login is missing');
    await enqueueMail(
      trx,
      {
        to: email,
        locale: holder.locale,
        template: 'signing_invitation',
        params: {
          name: input.namedInsured,
          link: `${deps.config.publicUrl}/sign/${token}`,
          policyNumber: policy.policyNumber,
          requester: holder.displayName,
          days: String(SIGNING_LINK_DAYS),
        },
      },
      deps.clock,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.signing_invitation_sent',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, kind: target.kind, requestId: request.id, invitationId: invitation.id, expiresAt, replaced },
        personalDetails: { namedInsured: input.namedInsured, email },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return invitation;
  });
}
