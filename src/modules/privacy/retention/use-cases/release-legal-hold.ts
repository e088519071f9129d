import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { type AppError, problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { retentionErrors } from '../errors.ts';
import { findLegalHold, type LegalHold, markReleased } from '../legal-hold-repository.ts';

/**
 * PRV-RET-1: the privacy officer releases a legal hold with a reason; the held data follows its
 * retention rules again from the next purge. A hold is released once: a second release answers 409
 * with nothing changed, and the refused attempt is audited.
 */
export async function releaseLegalHold(deps: Deps, actor: Actor, holdId: string, input: { reason: string }, origin: RequestOrigin): Promise<LegalHold> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.forbidden();
  if (!isUuid(holdId)) throw problems.notFound();
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000)
    throw problems.validation([{ field: 'body.reason', code: 'reason_required', messageKey: 'privacy.retention.error.reason_required' }]);
  const result = await inTransaction(deps.db, async (trx): Promise<{ ok: true; hold: LegalHold } | { ok: false; error: AppError }> => {
    const hold = await findLegalHold(trx, holdId, { forUpdate: true });
    if (!hold) throw problems.notFound();
    const audit = { actor, subject: { type: 'legal_hold', id: hold.id }, requestId: origin.requestId, personalDetails: { reason } };
    if (hold.released) {
      await recordAuditEvent(trx, { ...audit, action: 'legal_hold.release_refused', outcome: 'denied', details: { refusal: 'already_released' } }, deps.clock);
      return { ok: false, error: retentionErrors.alreadyReleased() };
    }
    const at = nowText(deps.clock);
    await markReleased(trx, hold.id, actor.userId, at, reason);
    await recordAuditEvent(trx, { ...audit, action: 'legal_hold.released', details: { subjectType: hold.subjectType, subjectId: hold.subjectId } }, deps.clock);
    return { ok: true, hold: { ...hold, released: { by: actor.userId, at, reason } } };
  });
  if (!result.ok) throw result.error;
  return result.hold;
}
