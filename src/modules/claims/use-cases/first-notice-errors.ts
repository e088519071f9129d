import { AppError, type FieldProblem } from '../../../platform/http/problem.ts';
import type { MessageKey, MessageParams } from '../../../platform/i18n/index.ts';
import type { FirstNoticeProblem } from '../domain/first-notice.ts';

/**
 * The first notice's refusals (issue #4 "Bad input"): each a stable code with a message in the reporter's language
 * (src/platform/i18n/messages/claims-fnol.ts), on the request field it is about, and nothing written.
 */
export const FIRST_NOTICE_CODES = [
  'loss_date_in_future',
  'loss_date_outside_cover',
  'relation_not_allowed',
  'insured_name_not_insured',
  'reporter_not_insured',
  'protection_not_confirmed',
  'police_report_required',
  'item_not_on_policy',
  'item_claimed_twice',
  'item_already_scheduled',
  'purchased_after_loss',
  'purchased_outside_period',
  'purchased_too_long_before_loss',
  'part_description_required',
] as const;
export type FirstNoticeCode = (typeof FIRST_NOTICE_CODES)[number];

function keyOf(code: string): MessageKey {
  return `claims_fnol.problem.${code as FirstNoticeCode}`;
}

/** 422 with every problem found, the first one's code on top (what a program branches on). */
export function firstNoticeRefused(found: readonly FirstNoticeProblem[], params: MessageParams = {}): AppError {
  const [first] = found;
  if (!first) throw new Error('firstNoticeRefused needs a problem');
  const errors: FieldProblem[] = found.map((problem) => ({ field: problem.field, code: problem.code, messageKey: keyOf(problem.code), params }));
  return new AppError(422, first.code, keyOf(first.code), params, { errors });
}

export const firstNoticeErrors = {
  /** Unknown policy number, or (for a jeweler) a number whose insureds do not include the name given: the same answer. */
  policyNotFound: () => new AppError(404, 'policy_not_found', 'claims_fnol.error.policy_not_found'),
  /** Another report of the same loss (same policy, loss date and item) that was not withdrawn. */
  duplicate: (claimNumber: string) =>
    new AppError(
      409,
      'duplicate_claim',
      'claims_fnol.error.duplicate_claim',
      { claimNumber },
      {
        errors: [{ field: 'body.lossDate', code: 'duplicate_claim', messageKey: 'claims_fnol.error.duplicate_claim', params: { claimNumber } }],
      },
    ),
  notWithdrawable: (status: string) => new AppError(409, 'claim_not_withdrawable', 'claims_fnol.error.not_withdrawable', { status }),
  notAnAdjuster: () =>
    new AppError(
      422,
      'not_an_adjuster',
      'claims_fnol.error.not_an_adjuster',
      {},
      {
        errors: [{ field: 'body.adjusterUserId', code: 'not_an_adjuster', messageKey: 'claims_fnol.error.not_an_adjuster' }],
      },
    ),
  cursorInvalid: () =>
    new AppError(
      400,
      'validation_failed',
      'error.validation_failed',
      {},
      {
        errors: [{ field: 'querystring.cursor', code: 'cursor_invalid', messageKey: 'claims_fnol.error.cursor_invalid' }],
      },
    ),
};
