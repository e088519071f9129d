import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { findCurrentNoticeVersion, insertCookieConsent } from '../consent-repository.ts';
import {
  type CookieCategories,
  type CookieChoiceMethod,
  type CookieChoiceRequest,
  decideCookieChoice,
  maskIp,
  proofUserAgent,
} from '../domain/cookie-choice.ts';
import { insurerToday } from './today.ts';

export type CookieChoiceInput = {
  /** The browser's consent id from its functional cookie; a new one is made when it has none. */
  consentId: string | null;
  /** What the visitor chose, or 'gpc' when only the browser's Global Privacy Control signal answered. */
  choice: CookieChoiceRequest | { kind: 'gpc' };
  gpc: boolean;
};

export type RecordedCookieChoice = { proofId: string; consentId: string; noticeVersion: number; method: CookieChoiceMethod; categories: CookieCategories };

/**
 * PRV-COOKIE-1: stores a cookie choice as proof (notice version, categories, method, time, masked IP,
 * user agent, the user when logged in) and audits it, in one transaction. Anyone may answer the
 * banner, so there is no permission to check.
 */
export async function recordCookieChoice(deps: Deps, actor: Actor, input: CookieChoiceInput, origin: RequestOrigin): Promise<RecordedCookieChoice> {
  const decided = input.choice.kind === 'gpc' ? decideCookieChoice({ kind: 'refuse_all' }, true) : decideCookieChoice(input.choice, input.gpc);
  const method: CookieChoiceMethod = input.choice.kind === 'gpc' ? 'gpc' : decided.method;
  const consentId = input.consentId ?? newId();
  return inTransaction(deps.db, async (trx) => {
    // PRV-CHANGE-1: the proof names the notice version the visitor saw.
    const noticeVersion = (await findCurrentNoticeVersion(trx, insurerToday(deps))) ?? 1;
    const proofId = newId();
    await insertCookieConsent(trx, {
      id: proofId,
      consentId,
      noticeVersion,
      categories: decided.categories,
      method,
      gpc: input.gpc,
      userId: actor.kind === 'user' ? actor.userId : null,
      maskedIp: maskIp(origin.ip),
      userAgent: proofUserAgent(origin.userAgent ?? undefined),
      recordedAt: nowText(deps.clock),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.cookie_choice',
        subject: { type: 'cookie_consent', id: proofId },
        details: { method, noticeVersion, analytics: decided.categories.analytics, advertising: decided.categories.advertising, gpc: input.gpc },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { proofId, consentId, noticeVersion, method, categories: decided.categories };
  });
}
