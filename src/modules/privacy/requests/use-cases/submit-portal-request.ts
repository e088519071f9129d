import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { findPersonById, insertPrivacyRequest, type PrivacyRequest } from '../privacy-requests-repository.ts';
import { newPrivacyRequest, type RequestInput } from './new-request.ts';
import { auditRequest, insurerToday } from './request-support.ts';

/**
 * The portal's privacy centre (issue #5): a logged-in customer asks about themselves. The session is the
 * identity check (PRV-RIGHT-10), so the request is verified at once and the name and address are the
 * account's own; the deadline runs from today (PRV-RIGHT-11).
 */
export async function submitPortalRequest(
  deps: Deps,
  actor: Actor,
  input: Omit<RequestInput, 'requesterName' | 'requesterEmail'>,
  origin: RequestOrigin,
): Promise<PrivacyRequest> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const person = await findPersonById(trx, actor.userId);
    if (!person) throw problems.unauthenticated();
    const created = newPrivacyRequest(deps, input, {
      channel: 'portal',
      receivedOn: insurerToday(deps),
      person: { id: person.id, name: person.displayName, email: person.email },
    });
    const request: PrivacyRequest = { ...created, status: 'in_progress', verificationMethod: 'session', verifiedAt: nowText(deps.clock) };
    await insertPrivacyRequest(trx, request);
    await auditRequest(trx, deps, actor, request, 'received', origin, {
      details: { channel: request.channel, jurisdiction: request.jurisdiction, dueOn: request.dueOn, deadlineRule: request.deadlineRule },
    });
    await auditRequest(trx, deps, actor, request, 'verified', origin, { details: { method: 'session' } });
    return request;
  });
}
