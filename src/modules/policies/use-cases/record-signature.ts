import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findRequest, findSignatures, insertSignature } from '../cancellation-repository.ts';
import { type CancellationRequestState, executeWhenSigned, lockedPolicyFor } from './request-cancellation.ts';

/**
 * JPF-CANCEL-1: staff record a named insured's signature on paper for a pending cancellation request.
 * The last missing signature executes the cancellation in the same transaction.
 */
export async function recordSignature(
  deps: Deps,
  actor: Actor,
  policyId: string,
  requestId: string,
  input: { namedInsured: string },
  origin: RequestOrigin,
): Promise<CancellationRequestState> {
  requirePermission(actor, 'policies:underwrite');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    const request = await findRequest(trx, policy.id, requestId);
    if (!request) throw problems.notFound();
    if (request.status !== 'pending')
      throw new AppError(409, 'cancellation_request_not_pending', 'policies.cancel.request_not_pending', { status: request.status });
    if (!request.namedInsureds.includes(input.namedInsured)) {
      const params = { name: input.namedInsured };
      throw new AppError(422, 'not_a_named_insured', 'policies.cancel.not_a_named_insured', params, {
        errors: [{ field: 'body.namedInsured', code: 'not_a_named_insured', messageKey: 'policies.cancel.not_a_named_insured', params }],
      });
    }
    if ((await findSignatures(trx, request.id)).some((signature) => signature.namedInsured === input.namedInsured))
      throw new AppError(409, 'already_signed', 'policies.cancel.already_signed', { name: input.namedInsured });
    await insertSignature(trx, request.id, newId(), {
      namedInsured: input.namedInsured,
      signedAt: nowText(deps.clock),
      method: 'paper',
      recordedBy: actor.userId,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.cancellation_signature_recorded',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, requestId: request.id, method: 'paper' },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return executeWhenSigned(trx, deps, actor, policy, request, origin);
  });
}
