import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findHolderContact } from '../cancellation-repository.ts';
import { findEndorsementRequest, findEndorsementSignatures, insertEndorsementSignature } from '../endorsement-repository.ts';
import { endorsementErrors, requireEndorsementAccess } from './endorsement-terms.ts';
import { type EndorsementRequestState, executeEndorsementWhenSigned, lockedPolicyWithApplication } from './request-endorsement.ts';

/**
 * JPF-COND-9: a named insured signs a pending removal. In the portal the holder signs as their own named insured;
 * staff who underwrite record a named insured's paper signature. The last missing signature executes the change
 * in the same transaction.
 */
export async function signEndorsement(
  deps: Deps,
  actor: Actor,
  policyId: string,
  requestId: string,
  input: { namedInsured?: string | undefined },
  origin: RequestOrigin,
): Promise<EndorsementRequestState> {
  requireEndorsementAccess(actor);
  return inTransaction(deps.db, async (trx) => {
    const { policy, application } = await lockedPolicyWithApplication(trx, actor, policyId);
    const request = await findEndorsementRequest(trx, policy.id, requestId);
    if (!request) throw problems.notFound();
    if (request.status !== 'pending') throw endorsementErrors.requestNotPending(request.status);
    const staff = can(actor, 'policies:underwrite');
    let name: string | undefined;
    if (staff) name = input.namedInsured;
    else {
      // Only the holder signs in the portal, and only for their own name.
      if (actor.userId !== policy.holderUserId) throw problems.forbidden();
      const holder = await findHolderContact(trx, actor.userId);
      name = request.namedInsureds.find((candidate) => candidate.trim().toLowerCase() === holder?.displayName.trim().toLowerCase()) ?? request.namedInsureds[0];
      if (input.namedInsured !== undefined && input.namedInsured !== name) throw problems.forbidden();
    }
    if (name === undefined || !request.namedInsureds.includes(name)) {
      const params = { name: name ?? '' };
      throw new AppError(422, 'not_a_named_insured', 'policies.cancel.not_a_named_insured', params, {
        errors: [{ field: 'body.namedInsured', code: 'not_a_named_insured', messageKey: 'policies.cancel.not_a_named_insured', params }],
      });
    }
    const signer = name;
    if ((await findEndorsementSignatures(trx, request.id)).some((signature) => signature.namedInsured === signer))
      throw new AppError(409, 'already_signed', 'policies.cancel.already_signed', { name: signer });
    await insertEndorsementSignature(trx, request.id, newId(), {
      namedInsured: signer,
      signedAt: nowText(deps.clock),
      method: staff ? 'paper' : 'portal',
      recordedBy: actor.userId,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.endorsement_signed',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: request.id, method: staff ? 'paper' : 'portal' },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return executeEndorsementWhenSigned(trx, deps, actor, policy, application, request, null, origin);
  });
}
