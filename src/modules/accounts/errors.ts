import { AppError } from '../../platform/http/problem.ts';

/** The accounts module's expected failures, each with a stable code. */
export const accountErrors = {
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'accounts.invalid_credentials'),
  emailNotConfirmed: () => new AppError(403, 'email_not_confirmed', 'accounts.email_not_confirmed'),
  accountDisabled: () => new AppError(403, 'account_disabled', 'accounts.account_disabled'),
  linkInvalid: () => new AppError(400, 'link_invalid', 'accounts.link_invalid'),
  emailTaken: () => new AppError(409, 'email_taken', 'accounts.email_taken'),
  lastAdmin: () => new AppError(409, 'last_admin', 'accounts.last_admin'),
  scopeNotAllowed: (scopes: string[]) => new AppError(403, 'scope_not_allowed', 'accounts.scope_not_allowed', { scopes: scopes.join(', ') }),
  tokenAlreadyRevoked: () => new AppError(409, 'token_already_revoked', 'accounts.token_already_revoked'),
};
