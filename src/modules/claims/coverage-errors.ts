import type { ClaimStatus } from '../../platform/db/schema-claims.ts';
import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { CauseProblem } from './domain/cause-of-loss.ts';
import type { OverrideProblem } from './domain/coverage-decision.ts';

/** The coverage decision's expected failures (issue #4): stable codes, messages in the claims-coverage catalog. */
export const coverageErrors = {
  /** A withdrawn, settled or closed claim's cover is not decided any more. */
  claimNotOpen: (status: ClaimStatus) => new AppError(409, 'claim_not_open', 'claims_coverage.error.claim_not_open', { status }),
  noProposal: () => new AppError(409, 'no_coverage_proposal', 'claims_coverage.error.no_proposal'),
  /** An override without its reason, or a reconsideration of a decided claim without one. */
  reasonRequired: (reconsideration: boolean) => {
    const messageKey = reconsideration ? 'claims_coverage.error.reconsideration_reason_required' : 'claims_coverage.error.reason_required';
    const code = reconsideration ? 'reconsideration_reason_required' : 'override_reason_required';
    return new AppError(400, code, messageKey, {}, { errors: [{ field: 'body.reason', code, messageKey } satisfies FieldProblem] });
  },
  causesInvalid: (problems: readonly CauseProblem[]) =>
    new AppError(
      400,
      'causes_invalid',
      'claims_coverage.error.causes_invalid',
      {},
      {
        errors: problems.map(
          (problem): FieldProblem => ({
            field: `body.causes.${problem.index}.${problem.field}`,
            code: problem.code,
            messageKey: `claims_coverage.cause_problem.${problem.code}`,
          }),
        ),
      },
    ),
  overrideInvalid: (problem: OverrideProblem) =>
    new AppError(
      400,
      'override_invalid',
      'claims_coverage.error.override_invalid',
      {},
      {
        errors: [
          {
            field: problem === 'missing_required' ? 'body.missing' : 'body.exclusions',
            code: problem,
            messageKey: `claims_coverage.override_problem.${problem}`,
          } satisfies FieldProblem,
        ],
      },
    ),
  noAutomaticProposal: () => new AppError(409, 'no_automatic_proposal', 'claims_coverage.error.no_automatic_proposal'),
  reviewAlreadyRequested: () => new AppError(409, 'review_already_requested', 'claims_coverage.error.review_already_requested'),
};

/** The form's error codes whose field messages say it all (platform/ui/forms.ts FailureOptions). */
export const COVERAGE_FIELD_CODES = [
  'validation_failed',
  'causes_invalid',
  'override_invalid',
  'override_reason_required',
  'reconsideration_reason_required',
] as const;
