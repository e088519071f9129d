/** Consent, cookies and marketing (issue #5): the part of the privacy module's surface that privacy/index.ts re-exports. */

export type { MarketingStatus } from './domain/marketing.ts';
export { consentApi } from './http/api-routes.ts';
export { consentPages } from './http/consent-pages.tsx';
export { cookiePages } from './http/cookie-pages.tsx';
export { type AppliedChoice, applyRequestedChoice, type RequestedChoice } from './use-cases/apply-requested-choice.ts';
export { objectToMarketing } from './use-cases/object-to-marketing.ts';
export { type NoticeVersionInput, publishNoticeVersion } from './use-cases/publish-notice-version.ts';
export { getMyConsents, marketingStatusOf } from './use-cases/read-consents.ts';
export { currentNoticeVersion, readPrivacyNotice } from './use-cases/read-privacy-notice.ts';
export { type MarketingMail, type MarketingMailOutcome, sendMarketingMail, unsubscribeLinkFor } from './use-cases/send-marketing-mail.ts';
export { setConsent } from './use-cases/set-consent.ts';
export { unsubscribeByLink } from './use-cases/unsubscribe.ts';
