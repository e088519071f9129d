import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { isOpen } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import { findPrivacyRequest, type PrivacyRequest, savePrivacyRequest } from '../privacy-requests-repository.ts';
import { auditRequest, authorityOf, mailRequester, requestReference, touched } from './request-support.ts';

/**
 * The privacy officer rejects a request with a reason (e.g. the identity could not be verified); the
 * person is told why and which supervisory authority they may complain to (PRV-RIGHT-13).
 */
export async function rejectRequest(deps: Deps, actor: Actor, requestId: string, input: { reason: string }, origin: RequestOrigin): Promise<PrivacyRequest> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000) throw privacyRequestErrors.reasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const request = await findPrivacyRequest(trx, actor, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (!isOpen(request.status)) throw privacyRequestErrors.closed();
    const now = nowText(deps.clock);
    const rejected: PrivacyRequest = { ...touched(request, deps), status: 'rejected', rejectionReason: reason, closedAt: now, closedBy: actor.userId };
    await savePrivacyRequest(trx, rejected);
    const authority = authorityOf(rejected);
    await mailRequester(trx, deps, rejected, 'privacy_request_rejected', { reference: requestReference(rejected.id), reason, authority });
    await auditRequest(trx, deps, actor, rejected, 'rejected', origin, { details: { reason, authority } });
    return rejected;
  });
}
