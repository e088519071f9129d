import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { todayIn } from '../domain/claim-deadlines.ts';
import { checkFulfilment, DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import { dutyErrors } from '../duty-errors.ts';
import { type DutyRequest, findDutyRequest, markDutyRequestFulfilled } from '../duty-repository.ts';
import { claimForDuties } from './duty-support.ts';

/**
 * JPF-DUTY-5 / JPF-DUTY-2: the adjuster records that a requested duty was done (the examination held, the property
 * shown, the records or the written confirmation received) on a date between the request and today. The request's
 * diary entry closes as done in the same transaction; a second fulfilment is refused (409) and changes nothing.
 */
export async function fulfilDutyRequest(
  deps: Deps,
  actor: Actor,
  claimId: string,
  requestId: string,
  input: { fulfilledOn: string; note?: string | null },
  origin: RequestOrigin,
): Promise<DutyRequest> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimForDuties(trx, actor, claimId);
    const request = await findDutyRequest(trx, claim.id, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (request.status === 'fulfilled' || request.status === 'withdrawn') throw dutyErrors.requestClosed(request.status);
    const zone = claim.timeZone;
    const found = checkFulfilment(input.fulfilledOn, todayIn(zone, Temporal.Instant.from(request.requestedAt)), todayIn(zone, deps.clock.now()));
    if (found.length > 0) throw dutyErrors.fulfilmentInvalid(found);
    const now = nowText(deps.clock);
    const note = input.note?.trim() ? input.note.trim() : null;
    await markDutyRequestFulfilled(trx, request.id, { fulfilledOn: input.fulfilledOn, note, fulfilledBy: actor.userId, fulfilledAt: now });
    // Already done when the insured answered in the portal; closing again finds nothing open.
    await closeDiaryEntries(trx, claim.id, DUTY_REQUEST_RULES[request.kind].diaryKind, 'done', now, request.id);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.duty_fulfilled',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, requestId: request.id, kind: request.kind, clause: request.clause, fulfilledOn: input.fulfilledOn },
        personalDetails: { note },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...request, status: 'fulfilled', fulfilledOn: input.fulfilledOn, fulfilmentNote: note, fulfilledBy: actor.userId, fulfilledAt: now };
  });
}
