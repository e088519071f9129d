import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits, type RateLimitRule } from '../../../platform/http/rate-limit.ts';
import { newId } from '../../../platform/ids.ts';
import type { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { insertSignature } from '../cancellation-repository.ts';
import { insertEndorsementSignature, type RequestedChange } from '../endorsement-repository.ts';
import type { Application } from '../policies-repository.ts';
import { signingErrors } from '../signing-errors.ts';
import { findInvitationByTokenHash, markInvitationUsed, type SignableKind, type SigningInvitation } from '../signing-invitation-repository.ts';
import { loadTimeline } from '../timeline-repository.ts';
import { cancellationTerms } from './cancellation-terms.ts';
import { endorsementTerms, type LockedPolicy } from './endorsement-terms.ts';
import { type PendingToSign, pendingRequestToSign, requireUnsigned } from './invite-to-sign.ts';
import { executeWhenSigned } from './request-cancellation.ts';
import { executeEndorsementWhenSigned, lockedPolicyWithApplication } from './request-endorsement.ts';

/**
 * JPF-COND-9 / JPF-CANCEL-1: a named insured without a login signs a pending removal or cancellation through the link
 * mailed to them (invite-to-sign.ts). The link is the authority: it names one request and one named insured, so the
 * policy is read with the signing link's system actor. Signing records a signature with method 'emailed_link' and, when it
 * is the last one missing, executes the change in the same transaction exactly as a portal or paper signature does.
 */
const SIGNER = systemActor('policies.signing_link');
/** Guessing links: every open or sign attempt from one address counts, found or not. */
const LINK_ATTEMPTS_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 900 };
/** 32 random bytes, base64url: 43 characters. Anything else cannot be a link Bezel made. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type SigningLinkView = {
  kind: SignableKind;
  namedInsured: string;
  policyNumber: string;
  effectiveDate: string;
  /** The changes asked for (removals; empty for a cancellation). */
  changes: RequestedChange[];
  /** Endorsement: the premium change pro rata by day. Cancellation: the refund. Both as the execution computes them. */
  premiumChange: Money | null;
  refund: Money | null;
  expiresAt: string;
};

export type SignedByLink = SigningLinkView & { executed: boolean };

type Opened = { invitation: SigningInvitation; policy: LockedPolicy; application: Application; pending: PendingToSign };

async function countAttempt(deps: Deps, origin: RequestOrigin): Promise<void> {
  await enforceRateLimits(deps.db, deps.clock, [{ bucket: `signing-link:ip:${origin.ip ?? 'unknown'}`, rule: LINK_ATTEMPTS_PER_IP }]);
}

/** The invitation behind a token and the request it names, locked; a problem when the link cannot be used now. */
async function openLink(trx: Trx, deps: Deps, token: string, forUpdate: boolean): Promise<Opened> {
  if (!TOKEN.test(token)) throw signingErrors.linkInvalid();
  const invitation = await findInvitationByTokenHash(trx, sha256Hex(token), { forUpdate });
  if (!invitation) throw signingErrors.linkInvalid();
  if (invitation.usedAt !== null) throw signingErrors.linkUsed();
  if (invitation.revokedAt !== null) throw signingErrors.linkReplaced();
  if (Temporal.Instant.compare(deps.clock.now(), Temporal.Instant.from(invitation.expiresAt)) >= 0) throw signingErrors.linkExpired();
  const { policy, application } = await lockedPolicyWithApplication(trx, SIGNER, invitation.policyId);
  const pending = await pendingRequestToSign(trx, invitation.kind, policy.id, invitation.requestId);
  requireUnsigned(pending, invitation.namedInsured);
  return { invitation, policy, application, pending };
}

/** What is being signed, priced by the code that executes it; writes nothing. */
async function viewOf(trx: Trx, deps: Deps, opened: Opened): Promise<SigningLinkView> {
  const { invitation, policy, application, pending } = opened;
  const base = {
    kind: pending.kind,
    namedInsured: invitation.namedInsured,
    policyNumber: policy.policyNumber,
    effectiveDate: pending.request.effectiveDate,
    expiresAt: invitation.expiresAt,
  };
  if (pending.kind === 'cancellation') {
    const terms = await cancellationTerms(trx, deps, policy, 'insured', Temporal.PlainDate.from(pending.request.effectiveDate));
    return { ...base, changes: [], premiumChange: null, refund: terms.refund.refund };
  }
  const request = pending.request;
  const loaded = await loadTimeline(trx, policy);
  const input = { changes: request.changes, receivedEffectiveDate: Temporal.PlainDate.from(request.effectiveDate) };
  const terms = await endorsementTerms(trx, deps, SIGNER, policy, application, loaded, input, request.receivedVia);
  return { ...base, changes: request.changes, premiumChange: terms.premiumChange, refund: null };
}

/** The page behind a signing link: what the named insured is asked to sign. */
export async function openSigningLink(deps: Deps, token: string, origin: RequestOrigin): Promise<SigningLinkView> {
  await countAttempt(deps, origin);
  // Read-only: the transaction only holds the policy lock so the amounts shown are consistent.
  return inTransaction(deps.db, async (trx) => viewOf(trx, deps, await openLink(trx, deps, token, false)));
}

/** Signs as the invited named insured; the last missing signature executes the change in the same transaction. */
export async function signByLink(deps: Deps, token: string, origin: RequestOrigin): Promise<SignedByLink> {
  await countAttempt(deps, origin);
  return inTransaction(deps.db, async (trx) => {
    const opened = await openLink(trx, deps, token, true);
    const view = await viewOf(trx, deps, opened);
    const { invitation, policy, application, pending } = opened;
    const signatureId = newId();
    const signature = {
      namedInsured: invitation.namedInsured,
      signedAt: nowText(deps.clock),
      method: 'emailed_link' as const,
      recordedBy: invitation.invitedBy,
    };
    if (pending.kind === 'cancellation') await insertSignature(trx, pending.request.id, signatureId, signature);
    else await insertEndorsementSignature(trx, pending.request.id, signatureId, signature);
    await markInvitationUsed(trx, invitation.id, signatureId, signature.signedAt);
    await recordAuditEvent(
      trx,
      {
        // The signer has no login: the event names the invitation, the name stays out of the hashed part.
        actor: ANONYMOUS,
        action: pending.kind === 'cancellation' ? 'policy.cancellation_signature_recorded' : 'policy.endorsement_signed',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: pending.request.id, method: 'emailed_link', invitationId: invitation.id },
        personalDetails: { namedInsured: invitation.namedInsured },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    if (pending.kind === 'cancellation') {
      const state = await executeWhenSigned(trx, deps, SIGNER, policy, pending.request, origin);
      return { ...view, executed: state.executed !== null };
    }
    const state = await executeEndorsementWhenSigned(trx, deps, SIGNER, policy, application, pending.request, null, origin);
    return { ...view, executed: state.executed !== null };
  });
}
