import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { ApplicationProblem } from './domain/application-rules.ts';
import type { InceptionProblem } from './domain/inception.ts';

/** The policies module's expected failures, each with a stable code and field-level errors where useful. */
export const policyErrors = {
  applicationInvalid: (found: readonly (ApplicationProblem | { field: string; code: 'time_zone_invalid'; value: string })[]) =>
    new AppError(422, 'application_invalid', 'policies.application_invalid', {}, { errors: found.map(applicationFieldProblem) }),
  clientRequired: () =>
    new AppError(
      422,
      'client_required',
      'policies.client_required',
      {},
      { errors: [{ field: 'body.clientUserId', code: 'client_required', messageKey: 'policies.client_required' }] },
    ),
  clientNotFound: () =>
    new AppError(
      422,
      'client_not_found',
      'policies.client_not_found',
      {},
      { errors: [{ field: 'body.clientUserId', code: 'client_not_found', messageKey: 'policies.client_not_found' }] },
    ),
  notReferred: (status: string) => new AppError(409, 'application_not_referred', 'policies.not_referred', { status }),
  notApproved: (status: string) => new AppError(409, 'application_not_approved', 'policies.not_approved', { status }),
  alreadyBound: (policyNumber: string) => new AppError(409, 'application_already_bound', 'policies.already_bound', { policyNumber }),
  inception: (problem: InceptionProblem) =>
    problem.code === 'inception_in_past'
      ? new AppError(422, problem.code, 'policies.inception_in_past', { today: problem.today })
      : new AppError(422, problem.code, 'policies.inception_too_far_ahead', { latest: problem.latest }),
};

function applicationFieldProblem(problem: ApplicationProblem | { field: string; code: 'time_zone_invalid'; value: string }): FieldProblem {
  return {
    field: `body.${problem.field}`,
    code: problem.code,
    messageKey: `policies.application.${problem.code}` as const satisfies MessageKey,
    params: problem.value === undefined ? {} : { value: problem.value },
  };
}

function fieldError(status: number, code: string, messageKey: MessageKey, field: string, params: Record<string, string> = {}): AppError {
  return new AppError(status, code, messageKey, params, { errors: [{ field: `body.${field}`, code, messageKey, params }] });
}

/** Staff actions on a policy: void (JPF-COND-5), reinstatement, assignment (JPF-COND-1). */
export const staffActionErrors = {
  /** A change to a policy that is not in force: a void policy accepts none (JPF-COND-5). */
  notChangeable: (status: string) =>
    status === 'void'
      ? new AppError(409, 'policy_void', 'policies.staff.policy_void')
      : status === 'cancelled'
        ? new AppError(409, 'policy_cancelled', 'policies.cancel.policy_cancelled')
        : new AppError(409, 'policy_not_in_force', 'policies.cancel.policy_not_in_force', { status }),
  voidCategoryInvalid: () => fieldError(422, 'void_category_invalid', 'policies.staff.void_category_invalid', 'category'),
  reasonRequired: () => fieldError(422, 'reason_required', 'policies.staff.reason_required', 'reason'),
  notCancelled: () => new AppError(409, 'policy_not_cancelled', 'policies.staff.policy_not_cancelled'),
  notReinstatable: (status: string) => new AppError(409, 'policy_not_reinstatable', 'policies.staff.policy_not_reinstatable', { status }),
  periodEnded: (lastDay: string) => new AppError(422, 'reinstatement_after_period', 'policies.staff.reinstatement_after_period', { lastDay }),
  assigneeNotFound: () => fieldError(422, 'assignee_not_found', 'policies.staff.assignee_not_found', 'assigneeEmail'),
  assigneeIsHolder: () => fieldError(422, 'assignee_is_holder', 'policies.staff.assignee_is_holder', 'assigneeEmail'),
  assignmentAlreadyRequested: (requestId: string) =>
    new AppError(409, 'assignment_already_requested', 'policies.staff.assignment_already_requested', { requestId }),
  assignmentDecided: (status: string) => new AppError(409, 'assignment_already_decided', 'policies.staff.assignment_already_decided', { status }),
  consentRequired: (field: 'consentDate' | 'consentReference') => fieldError(422, 'consent_required', 'policies.staff.consent_required', field),
  consentDateInFuture: (today: string) => fieldError(422, 'consent_date_in_future', 'policies.staff.consent_date_in_future', 'consentDate', { today }),
};
