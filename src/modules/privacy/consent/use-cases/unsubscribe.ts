import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { systemActor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { insertSuppression, liveSuppressionReasons, lockUserForConsent, withdrawLiveConsent } from '../consent-repository.ts';
import { verifyUnsubscribeToken } from '../domain/marketing.ts';
import { consentErrors } from '../errors.ts';

/** The actor of an unsubscribe by link: whoever holds the mail, without logging in. */
const UNSUBSCRIBE_LINK = systemActor('unsubscribe-link');

/** PRV-OPTOUT-1: a signed link names its person; checked before any form is shown. */
export function unsubscribeTokenIsValid(deps: Deps, token: unknown): boolean {
  return verifyUnsubscribeToken(deps.appSecret, token) !== null;
}

/**
 * PRV-OPTOUT-1: the unsubscribe link of a marketing mail, working without login. Ends the live
 * marketing consent and records an 'unsubscribed' suppression; a second use changes nothing.
 */
export async function unsubscribeByLink(deps: Deps, token: unknown, origin: RequestOrigin): Promise<{ outcome: 'unsubscribed' | 'already_unsubscribed' }> {
  const userId = verifyUnsubscribeToken(deps.appSecret, token);
  if (!userId) throw consentErrors.unsubscribeLinkInvalid();
  return inTransaction(deps.db, async (trx) => {
    // A signed link for a person who no longer exists (erased): nothing to suppress.
    if (!(await lockUserForConsent(trx, userId))) return { outcome: 'already_unsubscribed' as const };
    const now = nowText(deps.clock);
    const withdrawn = await withdrawLiveConsent(trx, userId, 'marketing_email', now, 'unsubscribe_link');
    if (!withdrawn && (await liveSuppressionReasons(trx, userId)).includes('unsubscribed')) return { outcome: 'already_unsubscribed' as const };
    const id = newId();
    await insertSuppression(trx, { id, userId, reason: 'unsubscribed', source: 'unsubscribe_link', recordedAt: now });
    await recordAuditEvent(
      trx,
      {
        actor: UNSUBSCRIBE_LINK,
        action: 'privacy.marketing_unsubscribed',
        subject: { type: 'user', id: userId },
        details: { suppressionId: id, withdrawnConsentId: withdrawn },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { outcome: 'unsubscribed' as const };
  });
}
