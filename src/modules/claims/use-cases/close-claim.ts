import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim, updateClaimStatus } from '../claims-repository.ts';
import { closingRefusal, diaryKindsEndedByClosing } from '../domain/claim-closing.ts';

export type ClosedClaim = { claimId: string; claimNumber: string; previousStatus: string; cancelledDiaryEntries: number };

/**
 * The adjuster closes a decided claim (settled or denied) with a note; its open deadlines end except the suit
 * limitation (JPF-SUIT-1). One transaction with the audit event; a claim that is not ready answers 409 with the reason
 * and nothing changes.
 */
export async function closeClaim(deps: Deps, actor: Actor, claimId: string, input: { note: string }, origin: RequestOrigin): Promise<ClosedClaim> {
  requirePermission(actor, 'claims:handle');
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    const awaiting = await trx
      .selectFrom('claim_payment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('claim_id', '=', claimId)
      .where('status', '=', 'awaiting_approval')
      .executeTakeFirstOrThrow();
    const appraisals = await trx
      .selectFrom('appraisal_dispute')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('claim_id', '=', claimId)
      .where('status', '<>', 'awarded')
      .executeTakeFirstOrThrow();
    const refusal = closingRefusal({ status: claim.status, paymentsAwaitingApproval: Number(awaiting.n), openAppraisals: Number(appraisals.n) });
    if (refusal) throw new AppError(409, refusal, `claims.close.${refusal}`, { status: claim.status });

    const now = nowText(deps.clock);
    const open = await trx.selectFrom('claim_diary_entry').select(['id', 'kind']).where('claim_id', '=', claimId).where('status', '=', 'open').execute();
    const ending = open.filter((entry) => diaryKindsEndedByClosing(entry.kind)).map((entry) => entry.id);
    if (ending.length > 0) await trx.updateTable('claim_diary_entry').set({ status: 'cancelled', closed_at: now }).where('id', 'in', ending).execute();
    await updateClaimStatus(trx, claimId, 'closed', now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.closed',
        subject: { type: 'claim', id: claimId },
        details: { claimNumber: claim.claimNumber, previousStatus: claim.status, cancelledDiaryEntries: ending.length },
        // Free text may name people: outside the hashed part, so erasure can remove it.
        personalDetails: { note: input.note.trim() },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { claimId, claimNumber: claim.claimNumber, previousStatus: claim.status, cancelledDiaryEntries: ending.length };
  });
}
