import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import type { Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isRestricted } from '../../fulfilment/index.ts';
import { type ConsentRecord, listConsentRecords, liveSuppressionReasons } from '../consent-repository.ts';
import { type MarketingStatus, marketingStatus } from '../domain/marketing.ts';

/**
 * PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7: may this person be sent marketing now? The one check every
 * marketing send goes through (exported from privacy/index.ts for other modules).
 */
export async function marketingStatusOf(db: Db | Trx, userId: string): Promise<MarketingStatus> {
  const [records, suppressions, restricted] = await Promise.all([listConsentRecords(db, userId), liveSuppressionReasons(db, userId), isRestricted(db, userId)]);
  const latest = records.find((record) => record.purpose === 'marketing_email') ?? null;
  return marketingStatus({ latestConsent: latest, liveSuppressions: suppressions, restricted });
}

export type MyConsents = { marketing: MarketingStatus; records: ConsentRecord[] };

/** A person's own consents (live and withdrawn) and whether marketing reaches them. */
export async function getMyConsents(deps: Deps, actor: Actor): Promise<MyConsents> {
  requirePermission(actor, 'profile:read');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const [records, marketing] = await Promise.all([listConsentRecords(deps.db, actor.userId), marketingStatusOf(deps.db, actor.userId)]);
  return { marketing, records };
}
