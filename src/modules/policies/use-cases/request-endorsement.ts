import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { requireAttachedFile } from '../../files/index.ts';
import { findHolderContact, type Signature } from '../cancellation-repository.ts';
import {
  type EndorsementRequest,
  findEndorsementSignatures,
  insertEndorsementRequest,
  insertEndorsementSignature,
  markEndorsementExecuted,
} from '../endorsement-repository.ts';
import { type Application, findApplicationVisibleTo } from '../policies-repository.ts';
import { loadTimeline } from '../timeline-repository.ts';
import {
  type EndorsementInput,
  type EndorsementTerms,
  type ExecutedEndorsement,
  endorsementTerms,
  executeEndorsement,
  type LockedPolicy,
  receivedViaOf,
  requireEndorsementAccess,
} from './endorsement-terms.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

export type EndorsementRequestState = {
  request: EndorsementRequest;
  terms: EndorsementTerms;
  signatures: Signature[];
  missingSignatures: string[];
  executed: ExecutedEndorsement | null;
};

export async function lockedPolicyWithApplication(trx: Trx, actor: Actor, policyId: string): Promise<{ policy: LockedPolicy; application: Application }> {
  const policy = await lockedPolicyFor(trx, actor, policyId);
  const application = await findApplicationVisibleTo(trx, actor, policy.applicationId);
  if (!application) throw problems.notFound();
  return { policy, application };
}

/**
 * JPF-COND-9: a written request to add, change or remove items, or to remove a named insured. Priced now with the
 * code that executes it; a change that only adds or changes items executes at once. A removal waits for the
 * signature of every named insured: the holder signs in the portal as they submit (as their own named insured),
 * staff record the others' paper signatures (sign-endorsement.ts); the last signature executes it, priced again
 * at that moment (the same effective date, so the same amount unless another change came in between).
 */
export async function requestEndorsement(
  deps: Deps,
  actor: Actor,
  policyId: string,
  input: EndorsementInput,
  origin: RequestOrigin,
): Promise<EndorsementRequestState> {
  requireEndorsementAccess(actor);
  const receivedVia = receivedViaOf(actor, input);
  return inTransaction(deps.db, async (trx) => {
    const { policy, application } = await lockedPolicyWithApplication(trx, actor, policyId);
    const loaded = await loadTimeline(trx, policy);
    const terms = await endorsementTerms(trx, deps, actor, policy, application, loaded, input, receivedVia);
    const now = nowText(deps.clock);
    const request: EndorsementRequest = {
      id: newId(),
      policyId: policy.id,
      requestedBy: actor.userId,
      effectiveDate: terms.effectiveDate.toString(),
      receivedVia,
      changes: input.changes,
      namedInsureds: terms.signaturesRequired ? policy.namedInsureds : [],
      status: 'pending',
      createdAt: now,
      executedAt: null,
      policyTransactionId: null,
    };
    await insertEndorsementRequest(trx, request);
    // JPF-COND-9: an uploaded appraisal is checked by content and linked to the item it supports.
    for (const [index, change] of input.changes.entries()) {
      if ((change.op !== 'add' && change.op !== 'change') || change.appraisalFileId === undefined) continue;
      const itemChange = terms.itemChanges[index];
      const itemNo = itemChange && itemChange.op !== 'remove_named_insured' ? itemChange.itemNo : null;
      await requireAttachedFile(trx, actor, change.appraisalFileId, 'appraisal', {
        field: `body.changes.${index}.appraisalFileId`,
        link: { to: { type: 'policy', id: policy.id, itemIndex: itemNo }, ownerUserId: policy.holderUserId, clock: deps.clock, requestId: origin.requestId },
      });
    }
    if (terms.signaturesRequired && actor.userId === policy.holderUserId) {
      const holder = await findHolderContact(trx, actor.userId);
      const own = policy.namedInsureds.find((name) => name.trim().toLowerCase() === holder?.displayName.trim().toLowerCase()) ?? policy.namedInsureds[0];
      if (own !== undefined)
        await insertEndorsementSignature(trx, request.id, newId(), { namedInsured: own, signedAt: now, method: 'portal', recordedBy: actor.userId });
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.endorsement_requested',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: request.id, effectiveDate: request.effectiveDate, receivedVia },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return executeEndorsementWhenSigned(trx, deps, actor, policy, application, request, terms, origin);
  });
}

/** Executes the request once every named insured has signed (none need to for additions and changes). */
export async function executeEndorsementWhenSigned(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: LockedPolicy,
  application: Application,
  request: EndorsementRequest,
  pricedTerms: EndorsementTerms | null,
  origin: RequestOrigin,
): Promise<EndorsementRequestState> {
  const signatures = await findEndorsementSignatures(trx, request.id);
  const signed = new Set(signatures.map((signature) => signature.namedInsured));
  const missingSignatures = request.namedInsureds.filter((name) => !signed.has(name));
  const loaded = await loadTimeline(trx, policy);
  // Priced again from the stored request: the holder's request as received, with its original effective date.
  const terms =
    pricedTerms ??
    (await endorsementTerms(
      trx,
      deps,
      actor,
      policy,
      application,
      loaded,
      { changes: request.changes, receivedEffectiveDate: Temporal.PlainDate.from(request.effectiveDate) },
      request.receivedVia,
    ));
  const state = { request, terms, signatures, missingSignatures, executed: null };
  if (missingSignatures.length > 0) return state;
  // The request takes effect on its postmark or submission date, even when the last signature comes later.
  const executed = await executeEndorsement(trx, deps, actor, policy, terms, { requestId: request.id, signedBy: signatures }, origin);
  await markEndorsementExecuted(trx, request.id, executed.transactionId, nowText(deps.clock));
  return { ...state, request: { ...request, status: 'executed', policyTransactionId: executed.transactionId }, executed };
}
