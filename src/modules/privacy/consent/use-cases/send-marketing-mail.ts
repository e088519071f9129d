import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { enqueueMail } from '../../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { findMarketingRecipient, lockUserForConsent } from '../consent-repository.ts';
import { type MarketingStatus, unsubscribeToken } from '../domain/marketing.ts';
import { marketingStatusOf } from './read-consents.ts';

export type MarketingMail = { userId: string; headline: string; body: string };

export type MarketingMailOutcome =
  | { outcome: 'queued'; jobId: string }
  | { outcome: 'suppressed'; reason: Exclude<MarketingStatus, { sendable: true }>['reason'] };

/** PRV-OPTOUT-1: the signed link that unsubscribes this person without logging in. */
export function unsubscribeLinkFor(deps: Deps, userId: string): string {
  return `${deps.config.publicUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(deps.appSecret, userId))}`;
}

/**
 * PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7: sends one marketing mail through the mail outbox, only to a
 * person with a live marketing consent and no suppression (opted out, objected, unsubscribed,
 * withdrawn); a refused send is an expected outcome and is audited too. Every mail carries the
 * person's unsubscribe link. For the system (campaign jobs) and privacy managers.
 */
export async function sendMarketingMail(deps: Deps, actor: Actor, mail: MarketingMail, origin: RequestOrigin): Promise<MarketingMailOutcome> {
  if (actor.kind !== 'system') requirePermission(actor, 'privacy:manage');
  return inTransaction(deps.db, async (trx) => {
    // Taken with the same lock as consent changes: an unsubscribe that commits first is always seen.
    if (!(await lockUserForConsent(trx, mail.userId))) throw problems.notFound();
    const recipient = await findMarketingRecipient(trx, mail.userId);
    if (!recipient) throw problems.notFound();
    const status = await marketingStatusOf(trx, mail.userId);
    if (!status.sendable) {
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'privacy.marketing_suppressed',
          subject: { type: 'user', id: mail.userId },
          details: { reason: status.reason },
          requestId: origin.requestId,
        },
        deps.clock,
      );
      return { outcome: 'suppressed', reason: status.reason };
    }
    const queued = await enqueueMail(
      trx,
      {
        to: recipient.email,
        locale: recipient.locale,
        template: 'marketing_message',
        params: {
          name: recipient.displayName,
          link: `${deps.config.publicUrl}/portal`,
          headline: mail.headline,
          body: mail.body,
          unsubscribeLink: unsubscribeLinkFor(deps, mail.userId),
        },
      },
      deps.clock,
    );
    // Without a dedupe key enqueueJob always inserts, so there is always a job id.
    const jobId = 'id' in queued ? queued.id : '';
    await recordAuditEvent(
      trx,
      { actor, action: 'privacy.marketing_sent', subject: { type: 'user', id: mail.userId }, details: { jobId }, requestId: origin.requestId },
      deps.clock,
    );
    return { outcome: 'queued', jobId };
  });
}
