import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { saveImpairment } from '../recovery-repository.ts';
import { type RecoveryView, recoveryViewOf } from './read-recovery.ts';
import { lockedClaimFor } from './recovery-support.ts';

/**
 * JPF-SUBRO-1: "We will not settle a loss if you impair our right to recover." The adjuster records that the insured
 * did something after the loss that impairs the insurer's recovery (released the jeweler, settled with the thief's
 * family, let the evidence go) and why. From then on the claim's settlement is blocked (SETTLEMENT_BLOCKS,
 * 'recovery_rights_impaired'). Recording again replaces the reason. Audited.
 */
export async function recordImpairment(deps: Deps, actor: Actor, claimId: string, input: { reason: string }, origin: RequestOrigin): Promise<RecoveryView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaimFor(trx, actor, claimId);
    const reason = input.reason.trim();
    await saveImpairment(trx, claim.id, reason, actor.userId, nowText(deps.clock));
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.recovery_rights_impaired',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, cause: 'recorded_by_adjuster', reason, clause: 'JPF-SUBRO-1' },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return recoveryViewOf(trx, claim);
  });
}
