import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { canWithdraw } from '../domain/first-notice.ts';
import { markWithdrawn } from '../first-notice-repository.ts';
import { firstNoticeErrors } from './first-notice-errors.ts';
import { type ClaimDetail, getClaimDetail } from './read-claims.ts';

/**
 * The reporter or the policyholder withdraws a claim before it is decided (status reported or needs information);
 * staff who handle claims may record a withdrawal told by phone. The claim becomes 'withdrawn', its open deadlines
 * are cancelled (no proof of loss is due for a loss no longer claimed), all in one transaction with the audit event.
 * A withdrawn claim no longer counts as an earlier report of the same loss.
 */
export async function withdrawClaim(deps: Deps, actor: Actor, claimId: string, input: { reason: string }, origin: RequestOrigin): Promise<ClaimDetail> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  await inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    const mayWithdraw = actor.userId === claim.reportedByUserId || actor.userId === claim.holderUserId || can(actor, 'claims:handle');
    if (!mayWithdraw) throw problems.forbidden();
    if (!canWithdraw(claim.status)) throw firstNoticeErrors.notWithdrawable(claim.status);
    const now = nowText(deps.clock);
    const cancelled = await markWithdrawn(trx, claim.id, input.reason.trim(), now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.withdrawn',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, previousStatus: claim.status, cancelledDiaryEntries: cancelled, reason: input.reason.trim() },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
  return getClaimDetail(deps, actor, claimId);
}
