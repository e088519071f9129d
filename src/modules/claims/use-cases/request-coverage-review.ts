import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { coverageErrors } from '../coverage-errors.ts';
import { insertReviewRequest, listCoverageEntries, listReviewRequests, type ReviewRequest } from '../coverage-repository.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { HUMAN_REVIEW_DAYS, todayIn } from './coverage-support.ts';

/**
 * PRV-RIGHT-6: the insured (the claim's policyholder, in the portal or through the API) asks for a person to review the
 * automatic proposal on their claim, with their reason. The request becomes a review task for claims staff — the
 * claim's diary gets a 'human_review_due' entry (party insurer, 30 days, clause PRV-RIGHT-6) that the adjuster's next
 * decision closes. One request per automatic proposal; a claim out of reach is not found, someone else who reaches
 * the claim (agent, jeweler, staff) may not ask in the insured's name.
 */
export async function requestCoverageReview(
  deps: Deps,
  actor: Actor,
  claimId: string,
  input: { reason: string },
  origin: RequestOrigin,
): Promise<ReviewRequest> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000)
    throw problems.validation([{ field: 'body.reason', code: 'reason_required', messageKey: 'claims_coverage.error.review_reason_required' }]);
  return inTransaction(deps.db, async (trx) => {
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    if (claim.holderUserId !== actor.userId) throw problems.forbidden();
    await lockClaim(trx, claimId);
    const proposal = (await listCoverageEntries(trx, claimId)).findLast((entry) => entry.kind === 'proposal');
    if (!proposal?.automatic) throw coverageErrors.noAutomaticProposal();
    if ((await listReviewRequests(trx, claimId)).some((request) => request.proposalId === proposal.id)) throw coverageErrors.reviewAlreadyRequested();
    const now = nowText(deps.clock);
    const request: ReviewRequest = {
      id: newId(),
      claimId,
      proposalId: proposal.id,
      requestedBy: actor.userId,
      reason,
      status: 'open',
      // 30 days from today in the claim's time zone, e.g. asked 2027-01-20 → review due 2027-02-19.
      dueOn: todayIn(deps.clock, claim.timeZone).add({ days: HUMAN_REVIEW_DAYS }).toString(),
      createdAt: now,
      closedAt: null,
      decisionId: null,
    };
    await insertReviewRequest(trx, request);
    await addDiaryEntries(
      trx,
      [{ claimId, kind: 'human_review_due', party: 'insurer', dueOn: request.dueOn, clause: 'PRV-RIGHT-6', note: null, referenceId: request.id }],
      now,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.coverage_review_requested',
        subject: { type: 'claim', id: claimId },
        details: { reviewRequestId: request.id, proposalId: proposal.id, dueOn: request.dueOn },
        // The insured's own words may name people: kept out of the hashed part.
        personalDetails: { reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return request;
  });
}
