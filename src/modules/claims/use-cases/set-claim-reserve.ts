import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { reserveSetTo } from '../domain/reserve-rules.ts';
import { paymentErrors } from '../payment-errors.ts';
import { appendReserveEntry, currentReserve } from '../reserve-repository.ts';
import { lockedClaim } from './claim-payment-support.ts';
import { type ReserveView, reserveViewOf } from './read-claim-payments.ts';

/**
 * Sets the claim's reserve to an amount (issue #4: "Reserves per claim (set, changed with reason, released)"):
 * the first amount sets it, any later one changes it and must give a reason. Each is a new ledger entry with the
 * balance after it; nothing is edited.
 */
export async function setClaimReserve(
  deps: Deps,
  actor: Actor,
  claimId: string,
  input: { amount: string; reason?: string | null | undefined },
  origin: RequestOrigin,
): Promise<ReserveView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    const amount = Money.of(input.amount, claim.currency);
    const current = await currentReserve(trx, claim.id, claim.currency);
    const reason = input.reason?.trim() || null;
    const outcome = reserveSetTo(current, amount, reason);
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
        action: outcome.entry.kind === 'set' ? 'claim.reserve_set' : 'claim.reserve_changed',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, change: outcome.entry.change.toJSON(), balance: outcome.entry.balance.toJSON(), reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return reserveViewOf(trx, claim);
  });
}
