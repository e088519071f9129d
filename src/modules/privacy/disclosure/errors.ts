import { AppError } from '../../../platform/http/problem.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { DisclosureRefusal } from './domain/disclosure-rules.ts';

/** Expected failures of disclosures, partner authorisations, incidents and surveys; with each, nothing is written. */
export const disclosureErrors = {
  /** PRV-DISC-1 / PRV-DISC-3 / PRV-PROC-1: a disclosure that may not happen (the refusal itself is audited). */
  refused: (reason: DisclosureRefusal) =>
    new AppError(
      422,
      `disclosure_${reason}`,
      `privacy_disclosure.refused.${reason}` satisfies MessageKey,
      {},
      {
        errors: [{ field: fieldOf(reason), code: reason, messageKey: `privacy_disclosure.refused.${reason}` satisfies MessageKey }],
      },
    ),
  userNotFound: (field: string) =>
    new AppError(
      422,
      'user_not_found',
      'privacy_disclosure.user_not_found',
      {},
      { errors: [{ field, code: 'user_not_found', messageKey: 'privacy_disclosure.user_not_found' }] },
    ),
  recipientNotFound: () =>
    new AppError(
      422,
      'recipient_not_found',
      'privacy_disclosure.recipient_not_found',
      {},
      {
        errors: [{ field: 'body.recipientId', code: 'recipient_not_found', messageKey: 'privacy_disclosure.recipient_not_found' }],
      },
    ),
  recipientRetired: () => new AppError(409, 'recipient_retired', 'privacy_disclosure.refused.recipient_retired'),
  agreementNotForType: () => new AppError(422, 'agreement_not_for_type', 'privacy_disclosure.agreement_not_for_type'),
  agreementDates: () =>
    new AppError(
      422,
      'agreement_dates_invalid',
      'privacy_disclosure.agreement_dates_invalid',
      {},
      {
        errors: [{ field: 'body.endsOn', code: 'agreement_dates_invalid', messageKey: 'privacy_disclosure.agreement_dates_invalid' }],
      },
    ),
  recipientNotPartner: () =>
    new AppError(
      422,
      'recipient_not_partner',
      'privacy_disclosure.recipient_not_partner',
      {},
      {
        errors: [{ field: 'body.recipientId', code: 'recipient_not_partner', messageKey: 'privacy_disclosure.recipient_not_partner' }],
      },
    ),
  alreadyAuthorised: () => new AppError(409, 'already_authorised', 'privacy_disclosure.already_authorised'),
  incidentClosed: () => new AppError(409, 'incident_closed', 'privacy_disclosure.incident_closed'),
  policyNotFound: () =>
    new AppError(
      422,
      'policy_not_found',
      'privacy_disclosure.policy_not_found',
      {},
      {
        errors: [{ field: 'body.policyId', code: 'policy_not_found', messageKey: 'privacy_disclosure.policy_not_found' }],
      },
    ),
  surveyAnswersInvalid: () =>
    new AppError(
      422,
      'survey_answers_invalid',
      'privacy_disclosure.survey_answers_invalid',
      {},
      {
        errors: [{ field: 'body.ratings', code: 'survey_answers_invalid', messageKey: 'privacy_disclosure.survey_answers_invalid' }],
      },
    ),
  /** Unknown, expired or used: one answer for all three, so a guessed token learns nothing. */
  surveyLinkInvalid: () => new AppError(404, 'survey_link_invalid', 'privacy_disclosure.survey_link_invalid'),
};

function fieldOf(reason: DisclosureRefusal): string {
  switch (reason) {
    case 'basis_not_allowed':
    case 'basis_not_for_recipient':
      return 'body.basis';
    case 'categories_invalid':
    case 'categories_beyond_basis':
      return 'body.categories';
    case 'recipient_retired':
    case 'no_processor_agreement':
    case 'partner_not_authorised':
    case 'agent_not_of_insured':
      return 'body.recipientId';
  }
}
