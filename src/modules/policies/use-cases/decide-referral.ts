import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { policyErrors } from '../errors.ts';
import { type Application, findApplicationVisibleTo, updateApplicationStatus } from '../policies-repository.ts';

/** An underwriter approves or declines a referred application, with a reason (issue #3). */
export async function decideReferral(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'decline'; reason: string },
  origin: RequestOrigin,
): Promise<Application> {
  requirePermission(actor, 'policies:underwrite');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const application = await findApplicationVisibleTo(trx, actor, id, { forUpdate: true });
    if (!application) throw problems.notFound();
    if (application.status !== 'referred') throw policyErrors.notReferred(application.status);
    const status = input.decision === 'approve' ? 'approved' : 'declined';
    const decision = { by: actor.userId, automatic: false, reason: input.reason.trim(), at: nowText(deps.clock) };
    await updateApplicationStatus(trx, id, status, decision);
    await recordAuditEvent(
      trx,
      { actor, action: `application.${status}`, subject: { type: 'application', id }, details: { reason: decision.reason }, requestId: origin.requestId },
      deps.clock,
    );
    return { ...application, status, decision };
  });
}
