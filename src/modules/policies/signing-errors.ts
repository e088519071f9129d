import { AppError } from '../../platform/http/problem.ts';

/**
 * Expected failures of signing invitations and signing links (JPF-COND-9, JPF-CANCEL-1). A forged or unknown link is
 * simply not found; a real link that expired, was used or was replaced says so, so the named insured knows to ask again.
 */
export const signingErrors = {
  emailInvalid: () =>
    new AppError(
      422,
      'email_invalid',
      'policies.signing.email_invalid',
      {},
      { errors: [{ field: 'body.email', code: 'email_invalid', messageKey: 'policies.signing.email_invalid' }] },
    ),
  notANamedInsured: (name: string) =>
    new AppError(
      422,
      'not_a_named_insured',
      'policies.cancel.not_a_named_insured',
      { name },
      { errors: [{ field: 'body.namedInsured', code: 'not_a_named_insured', messageKey: 'policies.cancel.not_a_named_insured', params: { name } }] },
    ),
  alreadySigned: (name: string) => new AppError(409, 'already_signed', 'policies.signing.already_signed', { name }),
  requestNotPending: (status: string) => new AppError(409, 'request_not_pending', 'policies.signing.request_not_pending', { status }),
  linkInvalid: () => new AppError(404, 'signing_link_invalid', 'policies.signing.link_invalid'),
  linkExpired: () => new AppError(410, 'signing_link_expired', 'policies.signing.link_expired'),
  linkUsed: () => new AppError(410, 'signing_link_used', 'policies.signing.link_used'),
  linkReplaced: () => new AppError(410, 'signing_link_replaced', 'policies.signing.link_replaced'),
};
