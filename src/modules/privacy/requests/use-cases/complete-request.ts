import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { type AppError, problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import type { RequestType } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import {
  type Executor,
  executeAccess,
  executeAutomatedDecisionReview,
  executeComplaint,
  executeConsentWithdrawal,
  executeCorrection,
  executeErasure,
  executeMarketingOptOut,
  executeObjection,
  executePortability,
  executeRestriction,
} from '../executors.ts';
import { findPrivacyRequest, type PrivacyRequest, savePrivacyRequest } from '../privacy-requests-repository.ts';
import { auditRequest, authorityOf, mailRequester, requestReference, touched } from './request-support.ts';

/** One executor per type; the switch is exhaustive, so a new type does not compile without one. */
export function executorFor(type: RequestType): Executor {
  switch (type) {
    case 'access':
      return executeAccess;
    case 'portability':
      return executePortability;
    case 'correction':
      return executeCorrection;
    case 'erasure':
      return executeErasure;
    case 'restriction':
      return executeRestriction;
    case 'objection':
      return executeObjection;
    case 'automated_decision_review':
      return executeAutomatedDecisionReview;
    case 'consent_withdrawal':
      return executeConsentWithdrawal;
    case 'marketing_opt_out':
      return executeMarketingOptOut;
    case 'complaint':
      return executeComplaint;
  }
}

/**
 * The privacy officer completes a verified request (PRV-RIGHT-10: never before verification): its
 * executor does the work in this transaction, the request is closed with the executor's summary, and the
 * person is told, with the supervisory authority named (PRV-RIGHT-13). Audited (PRV-RIGHT-12).
 */
export async function completeRequest(deps: Deps, actor: Actor, requestId: string, origin: RequestOrigin): Promise<PrivacyRequest> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const outcome = await inTransaction(deps.db, async (trx): Promise<{ ok: true; request: PrivacyRequest } | { ok: false; error: AppError }> => {
    const request = await findPrivacyRequest(trx, actor, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    if (request.status !== 'in_progress') {
      // Refused with nothing done, and the attempt is kept on the request's timeline (issue #5 "Bad input").
      await auditRequest(trx, deps, actor, request, 'completion_refused', origin, { outcome: 'denied', details: { status: request.status } });
      return { ok: false, error: request.status === 'awaiting_verification' ? privacyRequestErrors.notVerified() : privacyRequestErrors.closed() };
    }
    const result = await executorFor(request.type)(deps, { ...deps, db: trx }, actor, request);
    const now = nowText(deps.clock);
    const completed: PrivacyRequest = {
      ...touched(request, deps),
      status: 'completed',
      outcomeSummary: result.summary.slice(0, 2000),
      closedAt: now,
      closedBy: actor.userId,
    };
    await savePrivacyRequest(trx, completed);
    const authority = authorityOf(completed);
    await mailRequester(trx, deps, completed, 'privacy_request_completed', {
      reference: requestReference(completed.id),
      summary: completed.outcomeSummary ?? '',
      authority,
    });
    await auditRequest(trx, deps, actor, completed, 'completed', origin, {
      details: { authority },
      personalDetails: { summary: completed.outcomeSummary, result: result.details as Record<string, unknown> },
    });
    return { ok: true, request: completed };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.request;
}
