import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { DutyProblem } from './domain/duty-requests.ts';

/** The expected failures of the claim's duties and diary (issue #4), each with a stable code; nothing is written. */

function fieldProblem(problem: DutyProblem): FieldProblem {
  return { field: `body.${problem.field}`, code: problem.code, messageKey: `claims_diary.problem.${problem.code}` as const satisfies MessageKey };
}

function fieldError(status: number, code: string, messageKey: MessageKey, field: string): AppError {
  return new AppError(status, code, messageKey, {}, { errors: [{ field: `body.${field}`, code, messageKey }] });
}

export const dutyErrors = {
  /** A withdrawn or closed claim takes no new requests, records or answers. */
  claimClosed: (status: string) => new AppError(409, 'claim_closed', 'claims_diary.error.claim_closed', { status }),
  requestInvalid: (problems: readonly DutyProblem[]) =>
    new AppError(422, 'duty_request_invalid', 'claims_diary.error.duty_request_invalid', {}, { errors: problems.map(fieldProblem) }),
  recordInvalid: (problems: readonly DutyProblem[]) =>
    new AppError(422, 'duty_record_invalid', 'claims_diary.error.duty_record_invalid', {}, { errors: problems.map(fieldProblem) }),
  fulfilmentInvalid: (problems: readonly DutyProblem[]) =>
    new AppError(422, 'fulfilment_invalid', 'claims_diary.error.fulfilment_invalid', {}, { errors: problems.map(fieldProblem) }),
  /** Fulfilled or withdrawn already: a second fulfilment or answer changes nothing. */
  requestClosed: (status: string) => new AppError(409, 'duty_request_closed', 'claims_diary.error.request_closed', { status }),
  /** Answered in the portal already; the adjuster records the fulfilment. */
  alreadyAnswered: () => new AppError(409, 'duty_request_answered', 'claims_diary.error.already_answered'),
  /** An examination or an inspection is attended, not answered with documents: the adjuster records it. */
  notAnswerable: () => new AppError(409, 'duty_request_not_answerable', 'claims_diary.error.not_answerable'),
  /** A request for records is answered with at least one document. */
  answerNeedsFiles: () => fieldError(422, 'answer_needs_files', 'claims_diary.error.answer_needs_files', 'fileIds'),
  /** A written confirmation is a document or a written note. */
  answerEmpty: () => fieldError(422, 'answer_empty', 'claims_diary.error.answer_empty', 'note'),
  /** JPF-DUTY-5: a request is withdrawn with a reason (at least 3 characters). */
  withdrawalReasonRequired: () => fieldError(422, 'withdrawal_reason_required', 'claims_polish.withdraw.reason_required', 'reason'),
  /** JPF-DUTY-5: the insured has answered; the adjuster records the request as done rather than withdrawing it. */
  answeredNotWithdrawable: () => new AppError(409, 'duty_request_answered', 'claims_polish.error.request_answered'),
};
