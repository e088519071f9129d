import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { findHandler, setAdjuster } from '../first-notice-repository.ts';
import { firstNoticeErrors } from './first-notice-errors.ts';
import { type ClaimDetail, getClaimDetail } from './read-claims.ts';

/**
 * Assigns a claim to an adjuster (claims:handle): the target must be an active user with the adjuster or admin
 * role, else 422 and nothing changes. Reassigning is the same act; the audit event keeps who had it before.
 */
export async function assignClaim(deps: Deps, actor: Actor, claimId: string, input: { adjusterUserId: string }, origin: RequestOrigin): Promise<ClaimDetail> {
  requirePermission(actor, 'claims:handle');
  await inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    const adjuster = await findHandler(trx, input.adjusterUserId);
    if (!adjuster) throw firstNoticeErrors.notAnAdjuster();
    await setAdjuster(trx, claim.id, adjuster.id, nowText(deps.clock));
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.assigned',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, adjusterUserId: adjuster.id, previousAdjusterUserId: claim.adjusterUserId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
  return getClaimDetail(deps, actor, claimId);
}
