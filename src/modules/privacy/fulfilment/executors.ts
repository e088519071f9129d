import type { Actor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { translate } from '../../../platform/i18n/index.ts';
import type { PrivacyRequest } from '../requests/privacy-requests-repository.ts';
import { startAccessPackage } from './use-cases/access-package.ts';
import { erasePersonData } from './use-cases/erase-person.ts';
import { startRestriction } from './use-cases/restriction.ts';

/**
 * The fulfilment of verified privacy requests (requests/executors.ts delegates here): each runs in the
 * completion's transaction (trxDeps.db) and returns the summary told to the person and details for the audit.
 */
type Result = { summary: string; details: unknown };

function say(request: PrivacyRequest, key: Parameters<typeof translate>[1], params: Record<string, string> = {}): string {
  return translate(request.jurisdiction === 'NL' ? 'nl' : 'en', key, params);
}

function trxOf(trxDeps: Deps): Trx {
  return trxDeps.db as Trx;
}

/** PRV-RIGHT-1 / PRV-RIGHT-8: the package is built by a job; the person downloads it from the portal. */
export async function fulfilAccess(deps: Deps, trxDeps: Deps, actor: Actor, request: PrivacyRequest, purpose: 'access' | 'portability'): Promise<Result> {
  if (request.subjectUserId === null) return { summary: say(request, 'privacy.fulfilment.summary.no_account'), details: { packageId: null } };
  const { packageId } = await startAccessPackage(deps, trxOf(trxDeps), actor, request.subjectUserId, { purpose, privacyRequestId: request.id });
  return {
    summary: say(request, purpose === 'access' ? 'privacy.fulfilment.summary.access' : 'privacy.fulfilment.summary.portability'),
    details: { packageId, thirdPartyRecipient: request.thirdPartyRecipient !== null },
  };
}

/** PRV-RIGHT-3: erasure driven by the data map; the summary says what was kept and why. */
export async function fulfilErasure(deps: Deps, trxDeps: Deps, actor: Actor, request: PrivacyRequest): Promise<Result> {
  if (request.subjectUserId === null) return { summary: say(request, 'privacy.fulfilment.summary.no_account'), details: { erasureId: null } };
  const report = await erasePersonData(deps, trxOf(trxDeps), actor, request.subjectUserId, { privacyRequestId: request.id });
  const kept = [
    ...report.kept.map((entry) => `${entry.table}: ${keptReasonText(request, entry.reason)}`),
    ...report.refused.map((entry) => `${entry.table}: ${say(request, 'privacy.fulfilment.erasure.reason.legal_hold', { reason: entry.reason })}`),
  ];
  const summary =
    kept.length === 0
      ? say(request, 'privacy.fulfilment.summary.erasure_all')
      : `${say(request, 'privacy.fulfilment.summary.erasure_kept')}\n${[...new Set(kept)].join('\n')}`;
  return {
    summary,
    details: { erasureId: report.erasureId, erased: report.erased, keptTables: report.kept.map((entry) => entry.table), refused: report.refused.length },
  };
}

export function keptReasonText(request: PrivacyRequest | { jurisdiction: string }, reason: import('./domain/erasure-plan.ts').KeptReason): string {
  const locale = request.jurisdiction === 'NL' ? 'nl' : 'en';
  switch (reason.kind) {
    case 'basis':
      return reason.basis;
    case 'policy_in_force':
      return translate(locale, 'privacy.fulfilment.erasure.reason.policy_in_force');
    case 'claim_open':
      return translate(locale, 'privacy.fulfilment.erasure.reason.claim_open');
    case 'legal_hold':
      return translate(locale, 'privacy.fulfilment.erasure.reason.legal_hold', { reason: reason.reason });
  }
}

/** PRV-RIGHT-4: the restriction flag; processing that would use the data refuses until it is lifted. */
export async function fulfilRestriction(deps: Deps, trxDeps: Deps, actor: Actor, request: PrivacyRequest): Promise<Result> {
  if (request.subjectUserId === null) return { summary: say(request, 'privacy.fulfilment.summary.no_account'), details: { restrictionId: null } };
  const { restrictionId } = await startRestriction(deps, trxOf(trxDeps), actor, request.subjectUserId, {
    reason: request.details.trim() || `privacy request ${request.id}`,
    privacyRequestId: request.id,
  });
  return { summary: say(request, 'privacy.fulfilment.summary.restriction'), details: { restrictionId } };
}

/**
 * PRV-RIGHT-2: staff apply the correction in the review queue (contact_correction) or in the record itself;
 * completing the request reports the corrections decided for the person.
 */
export async function fulfilCorrection(_deps: Deps, trxDeps: Deps, _actor: Actor, request: PrivacyRequest): Promise<Result> {
  if (request.subjectUserId === null) return { summary: say(request, 'privacy.fulfilment.summary.no_account'), details: { corrections: [] } };
  const decided = await trxOf(trxDeps)
    .selectFrom('contact_correction')
    .select(['id', 'status'])
    .where('user_id', '=', request.subjectUserId)
    .where('status', '<>', 'pending')
    .execute();
  return { summary: say(request, 'privacy.fulfilment.summary.correction'), details: { corrections: decided } };
}
