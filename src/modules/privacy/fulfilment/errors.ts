import { AppError } from '../../../platform/http/problem.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';

function fieldError(status: number, code: string, messageKey: MessageKey, field: string, params: Record<string, string> = {}): AppError {
  return new AppError(status, code, messageKey, params, { errors: [{ field: `body.${field}`, code, messageKey, params }] });
}

/** Expected failures of privacy fulfilment, each with a stable code and a translated detail. */
export const fulfilmentErrors = {
  /** PRV-RIGHT-4: processing that would use a restricted person's data refuses. */
  restricted: () => new AppError(409, 'processing_restricted', 'privacy.fulfilment.processing_restricted'),
  alreadyRestricted: () => new AppError(409, 'already_restricted', 'privacy.fulfilment.already_restricted'),
  notRestricted: () => new AppError(409, 'not_restricted', 'privacy.fulfilment.not_restricted'),
  reasonRequired: () => fieldError(422, 'reason_required', 'privacy.fulfilment.reason_required', 'reason'),
  packageNotReady: () => new AppError(409, 'package_not_ready', 'privacy.fulfilment.package_not_ready'),
  packageExpired: () => new AppError(410, 'package_expired', 'privacy.fulfilment.package_expired'),
  passwordAlreadyShown: () => new AppError(409, 'password_already_shown', 'privacy.fulfilment.password_already_shown'),
  recipientInvalid: (field: 'recipientName' | 'recipientEmail') => fieldError(422, 'recipient_invalid', 'privacy.fulfilment.recipient_invalid', field),
  contactInvalid: (field: string, code: string) => fieldError(422, code, `privacy.fulfilment.contact.${code}` as MessageKey, field),
  correctionDecided: () => new AppError(409, 'correction_already_decided', 'privacy.fulfilment.correction_already_decided'),
  accountClosed: () => new AppError(409, 'account_closed', 'privacy.fulfilment.account_closed'),
};
