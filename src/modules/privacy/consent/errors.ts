import { AppError } from '../../../platform/http/problem.ts';

/** Expected failures of consent and marketing (issue #5), each with a stable code. */
export const consentErrors = {
  /** PRV-OPTOUT-1: an unsubscribe link that this Bezel did not sign (forged, cut short). */
  unsubscribeLinkInvalid: () => new AppError(400, 'unsubscribe_link_invalid', 'privacy_consent.error.unsubscribe_link_invalid'),
  /** PRV-CHANGE-1: a notice version must follow the last one and be published today or later. */
  noticeVersionInvalid: () => new AppError(422, 'notice_version_invalid', 'privacy_consent.error.notice_version_invalid'),
};
