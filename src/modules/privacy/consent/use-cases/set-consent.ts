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
import {
  findCurrentNoticeVersion,
  insertConsentRecord,
  insertSuppression,
  liftSuppressions,
  liveSuppressionReasons,
  lockUserForConsent,
  withdrawLiveConsent,
} from '../consent-repository.ts';
import type { ConsentPurposeName } from '../domain/marketing.ts';
import { getMyConsents, type MyConsents } from './read-consents.ts';
import { insurerToday } from './today.ts';

export type ConsentChange = { purpose: ConsentPurposeName; given: boolean };

/**
 * PRV-RIGHT-7 and PRV-OPTOUT-1: a person gives or withdraws their own consent for one purpose.
 * Withdrawing ends the live record from now on (the row stays: earlier processing stays lawful).
 * For marketing mail, withdrawing is the opt-out and is kept as a suppression; giving it again is
 * an explicit opt-in that lifts earlier suppressions. Doing what is already so changes nothing.
 */
export async function setConsent(
  deps: Deps,
  actor: Actor,
  change: ConsentChange,
  source: Exclude<ConsentSource, 'unsubscribe_link' | 'privacy_request'>,
  origin: RequestOrigin,
): Promise<MyConsents> {
  requirePermission(actor, 'profile:write');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const userId = actor.userId;
  await inTransaction(deps.db, async (trx) => {
    // One person's consent changes take turns, so two tabs cannot both create a live consent.
    if (!(await lockUserForConsent(trx, userId))) throw problems.notFound();
    const now = nowText(deps.clock);
    let changed: Record<string, unknown> | null = null;
    if (change.given) {
      const noticeVersion = (await findCurrentNoticeVersion(trx, insurerToday(deps))) ?? 1;
      const live = await trx
        .selectFrom('consent_record')
        .select('id')
        .where('user_id', '=', userId)
        .where('purpose', '=', change.purpose)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      const lifted = change.purpose === 'marketing_email' ? await liftSuppressions(trx, userId, now) : 0;
      if (!live) {
        const id = newId();
        await insertConsentRecord(trx, { id, userId, purpose: change.purpose, noticeVersion, source, givenAt: now });
        changed = { consentRecordId: id, noticeVersion, liftedSuppressions: lifted };
      } else if (lifted > 0) changed = { consentRecordId: live.id, liftedSuppressions: lifted };
    } else {
      const withdrawn = await withdrawLiveConsent(trx, userId, change.purpose, now, source);
      let suppressed = false;
      if (change.purpose === 'marketing_email' && !(await liveSuppressionReasons(trx, userId)).includes('opted_out')) {
        await insertSuppression(trx, { id: newId(), userId, reason: 'opted_out', source, recordedAt: now });
        suppressed = true;
      }
      if (withdrawn || suppressed) changed = { consentRecordId: withdrawn, optedOut: suppressed };
    }
    if (changed)
      await recordAuditEvent(
        trx,
        {
          actor,
          action: change.given ? 'privacy.consent_given' : 'privacy.consent_withdrawn',
          subject: { type: 'user', id: userId },
          details: { purpose: change.purpose, source, ...changed },
          requestId: origin.requestId,
        },
        deps.clock,
      );
  });
  return getMyConsents(deps, actor);
}
