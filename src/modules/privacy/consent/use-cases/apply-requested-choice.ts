import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { newId } from '../../../../platform/ids.ts';
import { insertSuppression, liveSuppressionReasons, lockUserForConsent, withdrawLiveConsent } from '../consent-repository.ts';
import { CONSENT_PURPOSES } from '../domain/marketing.ts';

export type RequestedChoice = 'marketing_opt_out' | 'objection' | 'consent_withdrawal';

export type AppliedChoice = { suppressionId: string | null; withdrawnConsentIds: string[] };

/**
 * A verified privacy request that a privacy officer completes for the person (PRV-CONTACT-1: asked by
 * mail, phone, email or the public form), applied exactly as the person's own choice in the portal would
 * be, inside the completion's transaction (`trxDeps.db`):
 *  - PRV-OPTOUT-1 marketing opt-out: the live marketing consent ends and an 'opted_out' suppression starts;
 *  - PRV-RIGHT-5 objection: the same with an 'objected' suppression;
 *  - PRV-RIGHT-7 consent withdrawal: every live consent ends (earlier processing stays lawful, the rows stay),
 *    and marketing, which needs consent, stops with it.
 * sendMarketingMail refuses everyone with a live suppression or without a live consent, so each takes effect
 * from the next send. Audited as 'privacy.requested_choice_applied'.
 */
export async function applyRequestedChoice(
  trxDeps: Deps,
  actor: Actor,
  userId: string,
  choice: RequestedChoice,
  privacyRequestId: string,
): Promise<AppliedChoice> {
  // The completion's transaction (complete-request.ts opens it and hands it over as trxDeps.db).
  const trx = trxDeps.db as Trx;
  if (!(await lockUserForConsent(trx, userId))) throw problems.notFound();
  const now = nowText(trxDeps.clock);
  const purposes = choice === 'consent_withdrawal' ? CONSENT_PURPOSES : (['marketing_email'] as const);
  const withdrawnConsentIds: string[] = [];
  for (const purpose of purposes) {
    const withdrawn = await withdrawLiveConsent(trx, userId, purpose, now, 'privacy_request');
    if (withdrawn) withdrawnConsentIds.push(withdrawn);
  }
  let suppressionId: string | null = null;
  if (choice !== 'consent_withdrawal') {
    const reason = choice === 'objection' ? 'objected' : 'opted_out';
    if (!(await liveSuppressionReasons(trx, userId)).includes(reason)) {
      suppressionId = newId();
      await insertSuppression(trx, { id: suppressionId, userId, reason, source: 'privacy_request', recordedAt: now });
    }
  }
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'privacy.requested_choice_applied',
      subject: { type: 'user', id: userId },
      details: { choice, privacyRequestId, suppressionId, withdrawnConsentIds },
    },
    trxDeps.clock,
  );
  return { suppressionId, withdrawnConsentIds };
}
