import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { findOathRequest, insertOathRequest, type OathRequest } from '../proof-of-loss-repository.ts';
import { settlementErrors } from '../settlement-errors.ts';

const NOT_OPEN = new Set(['denied', 'withdrawn', 'closed', 'settled']);

/**
 * JPF-DUTY-4 "under oath if requested": the adjuster asks that the claim's proof of loss be sworn. The insured's
 * next proof must then carry the oath (a proof already under review may be rejected for it). Asked once per claim.
 */
export async function requestSwornProof(deps: Deps, actor: Actor, claimId: string, note: string | null, origin: RequestOrigin): Promise<OathRequest> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    if (NOT_OPEN.has(claim.status)) throw settlementErrors.claimNotOpen(claim.status);
    const request: OathRequest = { claimId: claim.id, requestedBy: actor.userId, requestedAt: nowText(deps.clock), note: note?.trim() || null };
    if (await findOathRequest(trx, claim.id)) throw settlementErrors.oathAlreadyRequested();
    await insertOathRequest(trx, request);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.sworn_proof_requested',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, note: request.note },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return request;
  });
}
