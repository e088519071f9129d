import { constantTimeEqual, hmacBase64Url } from '../../../../platform/crypto.ts';
import { isUuid } from '../../../../platform/ids.ts';

/**
 * PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7: who may receive marketing mail. Marketing needs a live
 * consent for 'marketing_email' and no live suppression (an opt-out, an objection, an unsubscribe).
 * Pure: no I/O.
 */

export const CONSENT_PURPOSES = ['marketing_email', 'satisfaction_survey'] as const;
export type ConsentPurposeName = (typeof CONSENT_PURPOSES)[number];

export const SUPPRESSION_REASONS = ['opted_out', 'objected', 'unsubscribed'] as const;
export type SuppressionReasonName = (typeof SUPPRESSION_REASONS)[number];

export type MarketingStatus = { sendable: true } | { sendable: false; reason: 'no_consent' | 'withdrawn' | 'restricted' | SuppressionReasonName };

export type ConsentFacts = {
  /** The newest consent record for marketing_email, if any. */
  latestConsent: { withdrawnAt: string | null } | null;
  /** Reasons of suppressions not lifted. */
  liveSuppressions: readonly SuppressionReasonName[];
  /** PRV-RIGHT-4: the person's processing is restricted (their data is used for nothing but legal claims). */
  restricted?: boolean;
};

/** An objection weighs most (PRV-RIGHT-5), then an unsubscribe, then an opt-out: the reason shown is the strongest. */
const SUPPRESSION_ORDER: readonly SuppressionReasonName[] = ['objected', 'unsubscribed', 'opted_out'];

export function marketingStatus(facts: ConsentFacts): MarketingStatus {
  // PRV-RIGHT-4: restriction stops marketing whatever the consents say.
  if (facts.restricted) return { sendable: false, reason: 'restricted' };
  const suppression = SUPPRESSION_ORDER.find((reason) => facts.liveSuppressions.includes(reason));
  if (suppression) return { sendable: false, reason: suppression };
  if (!facts.latestConsent) return { sendable: false, reason: 'no_consent' };
  if (facts.latestConsent.withdrawnAt !== null) return { sendable: false, reason: 'withdrawn' };
  return { sendable: true };
}

/**
 * PRV-OPTOUT-1: the unsubscribe link works without login, so it carries its own proof: the person's
 * id signed with the app secret. It only ever unsubscribes that one person, so it needs no expiry
 * (an old mail's link must still work).
 */
function unsubscribeSignature(appSecret: string, userId: string): string {
  return hmacBase64Url(appSecret, `unsubscribe:${userId}`);
}

export function unsubscribeToken(appSecret: string, userId: string): string {
  return `${userId}.${unsubscribeSignature(appSecret, userId)}`;
}

/** The person the token names, or null when it was not made by this Bezel. */
export function verifyUnsubscribeToken(appSecret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [userId = '', signature = '', ...rest] = token.split('.');
  if (rest.length > 0 || !isUuid(userId)) return null;
  const lower = userId.toLowerCase();
  return constantTimeEqual(signature, unsubscribeSignature(appSecret, lower)) ? lower : null;
}
