import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { proofOfLossDue } from '../domain/claim-deadlines.ts';
import { listProofsOfLoss, decideProofOfLoss as recordDecision } from '../proof-of-loss-repository.ts';
import { settlementErrors } from '../settlement-errors.ts';
import { mailProofAccepted, mailProofRejected } from './claim-mails.ts';
import { addSettlementDueWhenReady } from './settlement-due.ts';

export type ProofDecisionInput = { decision: 'accept' } | { decision: 'reject'; reason: string };
export type ProofDecided = { proofId: string; status: 'accepted' | 'rejected'; settlementDueOn: string | null; proofDueOn: string | null };

const FINISHED = new Set(['withdrawn', 'closed']);

/**
 * The adjuster accepts a proof of loss as satisfactory — with the amount agreed in writing, that starts the 30 days
 * of JPF-SETTLE-9 (the 'settlement_due' diary entry) — or rejects it with the reason, which the insured sees; they
 * then send a new one, still due 90 days after the loss (JPF-DUTY-4: the diary entry opens again). A proof already
 * decided is not decided again (409). The insured is mailed the decision: the reason and the deadline for a new one,
 * or the acceptance with what starts the 30 days.
 */
export async function decideProofOfLoss(
  deps: Deps,
  actor: Actor,
  claimId: string,
  proofId: string,
  input: ProofDecisionInput,
  origin: RequestOrigin,
): Promise<ProofDecided> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const reason = input.decision === 'reject' ? input.reason.trim() : null;
  if (input.decision === 'reject' && (reason ?? '').length < 3) throw settlementErrors.rejectionReasonRequired();
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    const proof = (await listProofsOfLoss(trx, claim.id, claim.currency)).find((candidate) => candidate.id === proofId);
    if (!proof) throw problems.notFound();
    if (FINISHED.has(claim.status)) throw settlementErrors.claimNotOpen(claim.status);
    if (proof.status !== 'submitted') throw settlementErrors.proofDecided(proof.status);
    const now = nowText(deps.clock);
    const status = input.decision === 'accept' ? 'accepted' : 'rejected';
    if (!(await recordDecision(trx, claim.id, proof.id, { status, by: actor.userId, at: now, reason }))) throw settlementErrors.proofDecided('decided');
    let settlementDueOn: string | null = null;
    let proofDueOn: string | null = null;
    if (status === 'accepted') settlementDueOn = await addSettlementDueWhenReady(trx, claim, now);
    else {
      // JPF-DUTY-4: the duty is not yet met; the deadline stays 90 days after the loss.
      proofDueOn = proofOfLossDue(claim.lossDate).toString();
      await addDiaryEntries(
        trx,
        [{ claimId: claim.id, kind: 'proof_of_loss_due', party: 'insured', dueOn: proofDueOn, clause: 'JPF-DUTY-4', note: reason, referenceId: proof.id }],
        now,
      );
    }
    // JPF-DUTY-4: the insured is told either way — the reason and the new deadline, or that it was accepted.
    const mailed =
      status === 'accepted'
        ? await mailProofAccepted(trx, deps, claim, settlementDueOn)
        : await mailProofRejected(trx, deps, claim, reason ?? '', proofDueOn ?? proofOfLossDue(claim.lossDate).toString());
    await recordAuditEvent(
      trx,
      {
        actor,
        action: status === 'accepted' ? 'claim.proof_of_loss_accepted' : 'claim.proof_of_loss_rejected',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, proofId: proof.id, submissionNo: proof.submissionNo, reason, settlementDueOn, proofDueOn, mailed },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { proofId: proof.id, status, settlementDueOn, proofDueOn };
  });
}
