import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { clauseText, dueText, dutyText } from '../diary-words.ts';
import { deadlineEntry, todayIn } from '../domain/claim-deadlines.ts';
import { checkDutyRequest, DUTY_REQUEST_RULES, type DutyRequestInput } from '../domain/duty-requests.ts';
import { dutyErrors } from '../duty-errors.ts';
import { type DutyRequest, insertDutyRequest } from '../duty-repository.ts';
import { claimForDuties, holderContact } from './duty-support.ts';

const trimmed = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

/**
 * JPF-DUTY-5 / JPF-DUTY-2: the adjuster asks the insured for an examination under oath, to exhibit the property,
 * to produce records, or to confirm the loss in writing, by a due date. One transaction: the request, its diary
 * entry (the insured's move; the reminder job mails as it comes near), the mail telling the insured what is
 * asked, and the audit event. A bad request (a date in the past, an examination without a place) writes nothing.
 */
export async function requestDuty(deps: Deps, actor: Actor, claimId: string, input: DutyRequestInput, origin: RequestOrigin): Promise<DutyRequest> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimForDuties(trx, actor, claimId);
    const now = nowText(deps.clock);
    const today = todayIn(claim.timeZone, deps.clock.now());
    const found = checkDutyRequest(input, today);
    if (found.length > 0) throw dutyErrors.requestInvalid(found);
    const rule = DUTY_REQUEST_RULES[input.kind];
    const examination = input.kind === 'examination_under_oath';
    const request: DutyRequest = {
      id: newId(),
      claimId: claim.id,
      kind: input.kind,
      clause: rule.clause,
      details: trimmed(input.details),
      examinationOn: examination ? (input.examinationOn ?? null) : null,
      examinationTime: examination ? trimmed(input.examinationTime) : null,
      place: trimmed(input.place),
      dueOn: input.dueOn,
      status: 'open',
      requestedBy: actor.userId,
      requestedAt: now,
      answeredBy: null,
      answeredAt: null,
      answerNote: null,
      fulfilledOn: null,
      fulfilmentNote: null,
      fulfilledBy: null,
      fulfilledAt: null,
      fileIds: [],
    };
    await insertDutyRequest(trx, request);
    const note = [request.details, request.place].filter((part) => part !== null).join(' — ') || null;
    await addDiaryEntries(trx, [deadlineEntry(claim.id, rule.diaryKind, request.dueOn, { referenceId: request.id, note })], now);
    const holder = await holderContact(trx, claim.holderUserId);
    if (holder) {
      await enqueueMail(
        trx,
        {
          to: holder.email,
          locale: holder.locale,
          template: 'claim_duty_requested',
          params: {
            name: holder.name,
            link: `${deps.config.publicUrl}/portal/claims/${claim.id}`,
            claimNumber: claim.claimNumber,
            duty: dutyText(holder.locale, rule.diaryKind, note),
            due: dueText(holder.locale, request.dueOn, today),
            clause: clauseText(holder.locale, rule.diaryKind),
          },
        },
        deps.clock,
      );
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.duty_requested',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          requestId: request.id,
          kind: request.kind,
          clause: request.clause,
          dueOn: request.dueOn,
          mailed: holder !== null,
        },
        personalDetails: { details: request.details, place: request.place },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return request;
  });
}
