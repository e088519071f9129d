import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import {
  type CancellationRequest,
  findHolderContact,
  findPendingRequest,
  findSignatures,
  insertRequest,
  insertSignature,
  lockPolicy,
  markRequestExecuted,
  type Signature,
} from '../cancellation-repository.ts';
import { findApplicationVisibleTo, findPolicyVisibleTo, type MailingAddress, type Policy } from '../policies-repository.ts';
import { cancellationErrors, cancellationTerms, type ExecutedCancellation, executeCancellation } from './cancellation-terms.ts';

export type CancellationRequestState = {
  request: CancellationRequest;
  signatures: Signature[];
  missingSignatures: string[];
  executed: ExecutedCancellation | null;
};

/** The policy the actor may reach, locked, with the declarations data of its application; else 404. */
export async function lockedPolicyFor(trx: Trx, actor: Actor, policyId: string): Promise<Policy & { namedInsureds: string[]; mailingAddress: MailingAddress }> {
  await lockPolicy(trx, policyId);
  const policy = await findPolicyVisibleTo(trx, actor, policyId);
  if (!policy) throw problems.notFound();
  const application = await findApplicationVisibleTo(trx, actor, policy.applicationId);
  if (!application) throw problems.notFound();
  return { ...policy, namedInsureds: application.namedInsureds, mailingAddress: application.mailingAddress };
}

/**
 * JPF-CANCEL-1: the holder (or their agent) asks to cancel from an effective date. The request must be
 * signed by every named insured: the holder signs it in the portal as their own named insured (the one
 * whose name is the holder's display name, else the first); staff record the others' paper signatures
 * (record-signature.ts). With the last signature the cancellation executes in the same transaction.
 * The effective date is checked now (the same rules as at execution), so a wrong date saves nothing.
 */
export async function requestCancellation(
  deps: Deps,
  actor: Actor,
  policyId: string,
  input: { effectiveDate: string },
  origin: RequestOrigin,
): Promise<CancellationRequestState> {
  requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    if (policy.status !== 'in_force') throw cancellationErrors.notInForce(policy.status);
    const pending = await findPendingRequest(trx, policy.id);
    if (pending) throw cancellationErrors.alreadyRequested(pending.id);
    const effectiveDate = Temporal.PlainDate.from(input.effectiveDate);
    await cancellationTerms(trx, deps, policy, 'insured', effectiveDate); // refuses a date outside the period

    const now = nowText(deps.clock);
    const request: CancellationRequest = {
      id: newId(),
      policyId: policy.id,
      requestedBy: actor.userId,
      effectiveDate: effectiveDate.toString(),
      namedInsureds: policy.namedInsureds,
      status: 'pending',
      createdAt: now,
    };
    await insertRequest(trx, request);
    if (actor.userId === policy.holderUserId) {
      const holder = await findHolderContact(trx, actor.userId);
      const own = policy.namedInsureds.find((name) => name.trim().toLowerCase() === holder?.displayName.trim().toLowerCase()) ?? policy.namedInsureds[0];
      if (own !== undefined) await insertSignature(trx, request.id, newId(), { namedInsured: own, signedAt: now, method: 'portal', recordedBy: actor.userId });
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.cancellation_requested',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: request.id, effectiveDate: request.effectiveDate },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return executeWhenSigned(trx, deps, actor, policy, request, origin);
  });
}

/** Executes the request once every named insured has signed; otherwise says who is still missing. */
export async function executeWhenSigned(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: Policy & { mailingAddress: MailingAddress },
  request: CancellationRequest,
  origin: RequestOrigin,
): Promise<CancellationRequestState> {
  const signatures = await findSignatures(trx, request.id);
  const signed = new Set(signatures.map((signature) => signature.namedInsured));
  const missingSignatures = request.namedInsureds.filter((name) => !signed.has(name));
  if (missingSignatures.length > 0) return { request, signatures, missingSignatures, executed: null };
  const terms = await cancellationTerms(trx, deps, policy, 'insured', Temporal.PlainDate.from(request.effectiveDate));
  const executed = await executeCancellation(trx, deps, actor, policy, terms, { requestId: request.id, signedBy: signatures }, origin);
  await markRequestExecuted(trx, request.id, executed.transactionId, nowText(deps.clock));
  return { request: { ...request, status: 'executed' }, signatures, missingSignatures, executed };
}
