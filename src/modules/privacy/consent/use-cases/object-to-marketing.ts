import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { ConsentSource } from '../../../../platform/db/schema.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { insertSuppression, liveSuppressionReasons, lockUserForConsent, withdrawLiveConsent } from '../consent-repository.ts';
import { getMyConsents, type MyConsents } from './read-consents.ts';

/**
 * PRV-RIGHT-5: the person objects to direct marketing. Recorded as an 'objected' suppression (and
 * any live marketing consent ends), so no marketing mail reaches them until they opt in again.
 */
export async function objectToMarketing(
  deps: Deps,
  actor: Actor,
  source: Exclude<ConsentSource, 'unsubscribe_link' | 'privacy_request'>,
  origin: RequestOrigin,
): Promise<MyConsents> {
  requirePermission(actor, 'profile:write');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const userId = actor.userId;
  await inTransaction(deps.db, async (trx) => {
    if (!(await lockUserForConsent(trx, userId))) throw problems.notFound();
    const now = nowText(deps.clock);
    const withdrawn = await withdrawLiveConsent(trx, userId, 'marketing_email', now, source);
    if ((await liveSuppressionReasons(trx, userId)).includes('objected') && !withdrawn) return;
    const id = newId();
    await insertSuppression(trx, { id, userId, reason: 'objected', source, recordedAt: now });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.marketing_objection',
        subject: { type: 'user', id: userId },
        details: { suppressionId: id, withdrawnConsentId: withdrawn, source },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
  return getMyConsents(deps, actor);
}
