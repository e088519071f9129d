import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { reserveReleased } from '../domain/reserve-rules.ts';
import { paymentErrors } from '../payment-errors.ts';
import { appendReserveEntry, currentReserve } from '../reserve-repository.ts';
import { lockedClaim } from './claim-payment-support.ts';
import { type ReserveView, reserveViewOf } from './read-claim-payments.ts';

/** Releases what is left of the claim's reserve (balance to zero), with a reason: a new ledger entry. */
export async function releaseClaimReserve(deps: Deps, actor: Actor, claimId: string, input: { reason: string }, origin: RequestOrigin): Promise<ReserveView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    const reason = input.reason.trim();
    const outcome = reserveReleased(await currentReserve(trx, claim.id, claim.currency), reason);
    if (!outcome.ok) throw paymentErrors.reserve(outcome.code);
    await appendReserveEntry(trx, {
      claimId: claim.id,
      draft: outcome.entry,
      reason,
      paymentId: null,
      recordedBy: actor.userId,
      recordedAt: nowText(deps.clock),
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.reserve_released',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, change: outcome.entry.change.toJSON(), reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return reserveViewOf(trx, claim);
  });
}
