import { AppError, type FieldProblem } from '../../../platform/http/problem.ts';

/** The privacy requests' expected failures, each with a stable code; details are translated (EN + NL). */
export const privacyRequestErrors = {
  typeUnknown: (type: string) =>
    new AppError(
      422,
      'privacy_request_type_unknown',
      'privacy_requests.error.type_unknown',
      { type: type.slice(0, 60) },
      {
        errors: [{ field: 'body.type', code: 'type_unknown', messageKey: 'privacy_requests.error.type_unknown', params: { type: type.slice(0, 60) } }],
      },
    ),
  invalid: (errors: FieldProblem[]) => new AppError(422, 'privacy_request_invalid', 'privacy_requests.error.invalid', {}, { errors }),
  notVerified: () => new AppError(409, 'privacy_request_not_verified', 'privacy_requests.error.not_verified'),
  alreadyVerified: () => new AppError(409, 'privacy_request_already_verified', 'privacy_requests.error.already_verified'),
  closed: () => new AppError(409, 'privacy_request_closed', 'privacy_requests.error.closed'),
  alreadyExtended: () => new AppError(409, 'privacy_request_already_extended', 'privacy_requests.error.already_extended'),
  deadlinePassed: (dueOn: string) => new AppError(409, 'privacy_request_deadline_passed', 'privacy_requests.error.deadline_passed', { dueOn }),
  reasonRequired: (field = 'body.reason') =>
    new AppError(
      400,
      'validation_failed',
      'error.validation_failed',
      {},
      {
        errors: [{ field, code: 'required', messageKey: 'privacy_requests.error.reason_required' }],
      },
    ),
  authorisationNotChecked: () =>
    new AppError(
      422,
      'authorisation_not_checked',
      'privacy_requests.error.authorisation_not_checked',
      {},
      {
        errors: [{ field: 'body.authorisationChecked', code: 'required', messageKey: 'privacy_requests.error.authorisation_not_checked' }],
      },
    ),
  codeWrong: (attemptsLeft: number) => new AppError(422, 'verification_code_wrong', 'privacy_requests.error.code_wrong', { attemptsLeft }),
  codeExpired: () => new AppError(422, 'verification_code_expired', 'privacy_requests.error.code_expired'),
  codeUsed: () => new AppError(409, 'verification_code_used', 'privacy_requests.error.code_used'),
  codeLocked: () => new AppError(422, 'verification_code_locked', 'privacy_requests.error.code_locked'),
  codeMalformed: () =>
    new AppError(
      400,
      'validation_failed',
      'error.validation_failed',
      {},
      {
        errors: [{ field: 'body.code', code: 'malformed', messageKey: 'privacy_requests.error.code_malformed' }],
      },
    ),
  fulfilmentUnavailable: (type: string) => new AppError(409, 'fulfilment_unavailable', 'privacy_requests.error.fulfilment_unavailable', { type }),
  reviewTaskNotOpen: () => new AppError(409, 'review_task_not_open', 'privacy_requests.error.review_task_not_open'),
};
