import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import { dutyErrors } from '../duty-errors.ts';
import { type DutyRequest, findDutyRequest, markDutyRequestWithdrawn } from '../duty-repository.ts';
import { mailDutyWithdrawn } from './claim-mails.ts';
import { claimForDuties } from './duty-support.ts';

/** A reason says something: at least this many characters once trimmed. */
const MIN_REASON = 3;

/**
 * JPF-DUTY-5 ("as often as we reasonably request"): the adjuster withdraws a request that is no longer reasonable or
 * needed — the records came from elsewhere, the examination is not held. Only a request still waiting for the insured
 * is withdrawn: an answered one is recorded as done instead (409), a fulfilled or withdrawn one is closed (409).
 * One transaction: the request's status, its diary entry closed as cancelled (no more reminders), the mail telling the
 * insured they need not do it, and the audit event keeping the reason. A blank reason changes nothing (422).
 */
export async function withdrawDutyRequest(
  deps: Deps,
  actor: Actor,
  claimId: string,
  requestId: string,
  input: { reason: string },
  origin: RequestOrigin,
): Promise<DutyRequest> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON) throw dutyErrors.withdrawalReasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimForDuties(trx, actor, claimId);
    const request = await findDutyRequest(trx, claim.id, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (request.status === 'answered') throw dutyErrors.answeredNotWithdrawable();
    if (request.status !== 'open') throw dutyErrors.requestClosed(request.status);
    const now = nowText(deps.clock);
    await markDutyRequestWithdrawn(trx, request.id);
    const cancelled = await closeDiaryEntries(trx, claim.id, DUTY_REQUEST_RULES[request.kind].diaryKind, 'cancelled', now, request.id);
    const mailed = await mailDutyWithdrawn(trx, deps, claim, request);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.duty_withdrawn',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          requestId: request.id,
          kind: request.kind,
          clause: request.clause,
          diaryEntriesCancelled: cancelled,
          mailed,
        },
        // Free text of the adjuster's: kept out of the hashed part, so erasure can remove it.
        personalDetails: { reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...request, status: 'withdrawn' };
  });
}
