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
