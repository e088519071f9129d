import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { AppError } from '../../../../platform/http/problem.ts';
import { problems } from '../../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { decideExtension } from '../domain/deadlines.ts';
import { isOpen } from '../domain/request-types.ts';
import { privacyRequestErrors } from '../errors.ts';
import { findPrivacyRequest, type PrivacyRequest, savePrivacyRequest } from '../privacy-requests-repository.ts';
import { auditRequest, authorityOf, insurerToday, mailRequester, requestReference, touched } from './request-support.ts';

/**
 * PRV-RIGHT-11: the privacy officer extends a request's deadline once, with a reason, before the first
 * deadline; the person is told in writing (a mail through the outbox, in the same transaction, so it is
 * queued before the deadline passes). A second extension, or one on or after the deadline, is refused
 * (409) with nothing changed; the refused attempt is audited.
 */
export async function extendRequest(deps: Deps, actor: Actor, requestId: string, input: { reason: string }, origin: RequestOrigin): Promise<PrivacyRequest> {
  requirePermission(actor, 'privacy:manage');
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000) throw privacyRequestErrors.reasonRequired();
  const result = await inTransaction(deps.db, async (trx): Promise<{ ok: true; request: PrivacyRequest } | { ok: false; error: AppError }> => {
    const request = await findPrivacyRequest(trx, actor, requestId, { forUpdate: true });
    if (!request) throw problems.notFound();
    const decision = decideExtension({
      rule: request.deadlineRule,
      dueOn: Temporal.PlainDate.from(request.dueOn),
      alreadyExtended: request.extendedDueOn !== null,
      open: isOpen(request.status),
      today: insurerToday(deps),
      reason,
    });
    if (!decision.ok) {
      await auditRequest(trx, deps, actor, request, 'extension_refused', origin, { outcome: 'denied', details: { refusal: decision.reason } });
      switch (decision.reason) {
        case 'already_extended':
          return { ok: false, error: privacyRequestErrors.alreadyExtended() };
        case 'deadline_passed':
          return { ok: false, error: privacyRequestErrors.deadlinePassed(request.dueOn) };
        case 'request_closed':
          return { ok: false, error: privacyRequestErrors.closed() };
        case 'reason_required':
          return { ok: false, error: privacyRequestErrors.reasonRequired() };
      }
    }
    const extended: PrivacyRequest = {
      ...touched(request, deps),
      extendedDueOn: decision.newDueOn.toString(),
      extensionReason: reason,
      extendedAt: nowText(deps.clock),
    };
    await savePrivacyRequest(trx, extended);
    await mailRequester(trx, deps, extended, 'privacy_request_extended', {
      reference: requestReference(extended.id),
      reason,
      dueOn: extended.extendedDueOn ?? '',
      authority: authorityOf(extended),
    });
    await auditRequest(trx, deps, actor, extended, 'extended', origin, {
      details: { previousDueOn: request.dueOn, newDueOn: extended.extendedDueOn, reason, noticeSent: true },
    });
    return { ok: true, request: extended };
  });
  if (!result.ok) throw result.error;
  return result.request;
}
