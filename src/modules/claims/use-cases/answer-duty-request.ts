import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { requireAttachedFile } from '../../files/index.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import { dutyErrors } from '../duty-errors.ts';
import { type DutyRequest, findDutyRequest, markDutyRequestAnswered } from '../duty-repository.ts';
import { claimForDuties } from './duty-support.ts';

export type DutyAnswerInput = { fileIds: readonly string[]; note?: string | null };

/**
 * JPF-DUTY-5 (produce records) / JPF-DUTY-2 (confirm the loss in writing): the policyholder answers a document
 * request in the portal with documents they uploaded (purpose 'claim_document'), and a note. The files are linked
 * to the claim (so they become part of its record and can answer nothing else), the request is marked answered and
 * its diary entry closes: the insured's part is done and no more reminders go out; the adjuster then records the
 * fulfilment. Only the holder answers; anyone else gets 404, as if there were no such request. A refused answer
 * (a file that is not theirs, of another purpose, or already used) writes nothing.
 */
export async function answerDutyRequest(
  deps: Deps,
  actor: Actor,
  claimId: string,
  requestId: string,
  input: DutyAnswerInput,
  origin: RequestOrigin,
): Promise<DutyRequest> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimForDuties(trx, actor, claimId);
    if (claim.holderUserId !== actor.userId) throw problems.notFound();
    const request = await findDutyRequest(trx, claim.id, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (request.status === 'answered') throw dutyErrors.alreadyAnswered();
    if (request.status !== 'open') throw dutyErrors.requestClosed(request.status);
    const rule = DUTY_REQUEST_RULES[request.kind];
    if (!rule.answeredWithDocuments) throw dutyErrors.notAnswerable();
    const note = input.note?.trim() ? input.note.trim() : null;
    const fileIds = [...new Set(input.fileIds)];
    if (request.kind === 'produce_records' && fileIds.length === 0) throw dutyErrors.answerNeedsFiles();
    if (fileIds.length === 0 && note === null) throw dutyErrors.answerEmpty();
    for (const [index, fileId] of fileIds.entries()) {
      await requireAttachedFile(trx, actor, fileId, 'claim_document', {
        field: `body.fileIds.${index}`,
        link: { to: { type: 'claim', id: claim.id, itemIndex: null }, ownerUserId: claim.holderUserId, clock: deps.clock, requestId: origin.requestId },
      });
    }
    const now = nowText(deps.clock);
    await markDutyRequestAnswered(trx, request.id, { answeredBy: actor.userId, answeredAt: now, note, fileIds });
    await closeDiaryEntries(trx, claim.id, rule.diaryKind, 'done', now, request.id);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.duty_answered',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, requestId: request.id, kind: request.kind, clause: request.clause, fileIds },
        personalDetails: { note },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...request, status: 'answered', answeredBy: actor.userId, answeredAt: now, answerNote: note, fileIds };
  });
}
