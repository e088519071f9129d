import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findHolderContact, findPendingRequest, findSignatures } from '../cancellation-repository.ts';
import { findEndorsementSignatures, listEndorsementRequests, type RequestedChange } from '../endorsement-repository.ts';
import { findPolicyVisibleTo } from '../policies-repository.ts';
import { listOpenInvitations } from '../signing-invitation-repository.ts';

/** A request of the policy that waits for the signatures of named insureds (JPF-COND-9 removals, JPF-CANCEL-1). */
export type PendingSignatureRequest = {
  kind: 'endorsement' | 'cancellation';
  id: string;
  effectiveDate: string;
  createdAt: string;
  namedInsureds: string[];
  signed: string[];
  missing: string[];
  /** The changes asked for (endorsements only). */
  changes: RequestedChange[];
  /**
   * The reader is the holder and their own named insured has not signed yet, so they can sign it in the
   * portal (endorsements; a cancellation is signed by the holder as it is requested, JPF-CANCEL-1).
   */
  holderCanSign: boolean;
  /** JPF-COND-9 / JPF-CANCEL-1: the missing named insureds the holder may invite to sign by a mailed link (invite-to-sign.ts). */
  invitable: string[];
  /** Signing links sent and still open: to whom, until when. */
  invited: { namedInsured: string; expiresAt: string }[];
};

/**
 * Read only: the pending endorsement and cancellation requests of a policy with who has signed and who has
 * not, for whoever may see the policy (else 404). The holder's own name is matched as the sign use cases do
 * (sign-endorsement.ts, request-cancellation.ts): the named insured with the holder's display name, else the first.
 */
export async function listPendingSignatureRequests(deps: Deps, actor: Actor, policyId: string): Promise<PendingSignatureRequest[]> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const policy = await findPolicyVisibleTo(deps.db, actor, policyId);
  if (!policy) throw problems.notFound();
  const isHolder = actor.kind === 'user' && actor.userId === policy.holderUserId;
  const holder = isHolder ? await findHolderContact(deps.db, policy.holderUserId) : null;
  const ownName = (names: string[]) =>
    isHolder ? (names.find((name) => name.trim().toLowerCase() === holder?.displayName.trim().toLowerCase()) ?? names[0]) : undefined;

  const open = await listOpenInvitations(deps.db, policy.id, nowText(deps.clock));
  const invitedFor = (requestId: string) =>
    open.filter((invitation) => invitation.requestId === requestId).map(({ namedInsured, expiresAt }) => ({ namedInsured, expiresAt }));
  // The holder signs their own name in the portal; the others are invited.
  const invitableOf = (missing: string[], own: string | undefined) => (isHolder ? missing.filter((name) => name !== own) : []);

  const pending: PendingSignatureRequest[] = [];
  const endorsements = (await listEndorsementRequests(deps.db, policy.id)).filter((request) => request.status === 'pending');
  for (const request of endorsements) {
    const signed = (await findEndorsementSignatures(deps.db, request.id)).map((signature) => signature.namedInsured);
    const missing = request.namedInsureds.filter((name) => !signed.includes(name));
    const own = ownName(request.namedInsureds);
    pending.push({
      kind: 'endorsement',
      id: request.id,
      effectiveDate: request.effectiveDate,
      createdAt: request.createdAt,
      namedInsureds: request.namedInsureds,
      signed,
      missing,
      changes: request.changes,
      holderCanSign: own !== undefined && missing.includes(own),
      invitable: invitableOf(missing, own),
      invited: invitedFor(request.id),
    });
  }
  const cancellation = await findPendingRequest(deps.db, policy.id);
  if (cancellation) {
    const signed = (await findSignatures(deps.db, cancellation.id)).map((signature) => signature.namedInsured);
    const missing = cancellation.namedInsureds.filter((name) => !signed.includes(name));
    pending.push({
      kind: 'cancellation',
      id: cancellation.id,
      effectiveDate: cancellation.effectiveDate,
      createdAt: cancellation.createdAt,
      namedInsureds: cancellation.namedInsureds,
      signed,
      missing,
      changes: [],
      holderCanSign: false,
      invitable: invitableOf(missing, undefined),
      invited: invitedFor(cancellation.id),
    });
  }
  return pending;
}
