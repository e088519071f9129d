import { AppError, type FieldProblem } from '../../../platform/http/problem.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { ChildIntakeProblem } from './domain/child-intake.ts';

/** Expected failures of privacy protection (PRV-SEC-1, PRV-REC-1, PRV-CHILD-1); with any of them nothing is written. */
export const protectionErrors = {
  /** PRV-CHILD-1: the application names a minor without a guardian's consent, or a birth date is wrong. */
  childIntake: (found: readonly ChildIntakeProblem[]) =>
    new AppError(
      422,
      found.some((problem) => problem.code === 'guardian_consent_required') ? 'guardian_consent_required' : 'birth_date_invalid',
      found.some((problem) => problem.code === 'guardian_consent_required')
        ? 'privacy.protection.guardian_consent_required'
        : 'privacy.protection.intake_invalid',
      {},
      { errors: found.map(intakeFieldProblem) },
    ),
  recordingInvalid: () =>
    new AppError(
      422,
      'recording_invalid',
      'privacy.protection.recording_invalid',
      {},
      { errors: [{ field: 'body.recording', code: 'recording_invalid', messageKey: 'privacy.protection.recording_invalid' }] },
    ),
  recordedInFuture: () =>
    new AppError(
      422,
      'recorded_in_future',
      'privacy.protection.recorded_in_future',
      {},
      { errors: [{ field: 'body.recordedAt', code: 'recorded_in_future', messageKey: 'privacy.protection.recorded_in_future' }] },
    ),
  /** PRV-RET-1: a recording older than 180 days is past its retention; it is not taken in. */
  recordingPastRetention: () =>
    new AppError(
      422,
      'recording_past_retention',
      'privacy.protection.recording_past_retention',
      {},
      { errors: [{ field: 'body.recordedAt', code: 'recording_past_retention', messageKey: 'privacy.protection.recording_past_retention' }] },
    ),
  userNotFound: (field: string) =>
    new AppError(
      422,
      'user_not_found',
      'privacy.protection.user_not_found',
      {},
      { errors: [{ field, code: 'user_not_found', messageKey: 'privacy.protection.user_not_found' }] },
    ),
};

function intakeFieldProblem(problem: ChildIntakeProblem): FieldProblem {
  return {
    field: `body.${problem.field}`,
    code: problem.code,
    messageKey:
      problem.code === 'guardian_consent_required'
        ? 'privacy.protection.guardian_consent_required.field'
        : (`privacy.protection.${problem.code}` as const satisfies MessageKey),
    params: { value: problem.value ?? '' },
  };
}
