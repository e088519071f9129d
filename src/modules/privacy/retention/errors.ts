import { AppError, problems } from '../../../platform/http/problem.ts';

/** Expected failures of legal holds and the retention purge (PRV-RET-1); with any of them nothing is written. */
export const retentionErrors = {
  /** The person (id or email) or policy (id or number) to hold does not exist. */
  subjectNotFound: () =>
    new AppError(
      422,
      'legal_hold_subject_not_found',
      'privacy.retention.error.subject_not_found',
      {},
      {
        errors: [{ field: 'body.subject', code: 'legal_hold_subject_not_found', messageKey: 'privacy.retention.error.subject_not_found' }],
      },
    ),
  /** A hold is released once; a second release changes nothing. */
  alreadyReleased: () => problems.conflict('legal_hold_already_released', 'privacy.retention.error.already_released'),
};
