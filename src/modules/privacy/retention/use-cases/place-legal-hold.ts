import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { LegalHoldSubjectType } from '../../../../platform/db/schema.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid, newId } from '../../../../platform/ids.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { retentionErrors } from '../errors.ts';
import { findPolicyId, findUserId, insertLegalHold, type LegalHold } from '../legal-hold-repository.ts';

export type PlaceLegalHoldInput = {
  subjectType: LegalHoldSubjectType;
  /** A person by account id or email; a policy by id or policy number. */
  subject: string;
  reason: string;
};

/**
 * PRV-RET-1: a privacy officer places a legal hold on a person or a policy, with a reason. From then on
 * the retention purge and erasure leave the held data alone, until the hold is released. Audited; the
 * reason goes to the event's personal part (it may name people), the ids to the hashed part.
 */
export async function placeLegalHold(deps: Deps, actor: Actor, input: PlaceLegalHoldInput, origin: RequestOrigin): Promise<LegalHold> {
  requirePermission(actor, 'privacy:manage');
  if (actor.kind !== 'user') throw problems.forbidden();
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000)
    throw problems.validation([{ field: 'body.reason', code: 'reason_required', messageKey: 'privacy.retention.error.reason_required' }]);
  const ref = input.subject.trim();
  return inTransaction(deps.db, async (trx) => {
    const subjectId = await resolveSubject(trx, input.subjectType, ref);
    if (!subjectId) throw retentionErrors.subjectNotFound();
    const hold = await insertLegalHold(trx, {
      id: newId(),
      subject_type: input.subjectType,
      subject_id: subjectId,
      reason,
      placed_by: actor.userId,
      placed_at: nowText(deps.clock),
      released_by: null,
      released_at: null,
      release_reason: null,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'legal_hold.placed',
        subject: { type: 'legal_hold', id: hold.id },
        details: { subjectType: hold.subjectType, subjectId: hold.subjectId },
        personalDetails: { reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return hold;
  });
}

async function resolveSubject(trx: Parameters<typeof findUserId>[0], type: LegalHoldSubjectType, ref: string): Promise<string | null> {
  if (ref === '' || ref.length > 254) return null;
  switch (type) {
    case 'app_user':
      return findUserId(trx, isUuid(ref) ? { id: ref.toLowerCase() } : { email: ref.toLowerCase() });
    case 'policy':
      return findPolicyId(trx, isUuid(ref) ? { id: ref.toLowerCase() } : { policyNumber: ref.toUpperCase() });
  }
}
