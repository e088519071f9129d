import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type AppraisalDispute, listDisputes } from '../appraisal-repository.ts';
import { type Claim, findClaimVisibleTo } from '../claims-repository.ts';
import { isLate, type NextStep, nextStep } from '../domain/appraisal.ts';
import { claimToday } from './recovery-support.ts';

/**
 * A claim's appraisal disputes (JPF-APPR-1) with what the rules say about them today: which namings were late,
 * what the dispute waits for and by when.
 */
export type AppraisalView = AppraisalDispute & {
  late: { insuredAppraiser: boolean; insurerAppraiser: boolean; umpire: boolean };
  next: NextStep;
};

export function appraisalViewOf(dispute: AppraisalDispute, today: string): AppraisalView {
  return {
    ...dispute,
    late: {
      insuredAppraiser: dispute.insuredAppraiser !== null && isLate(dispute.insuredAppraiser.namedOn, dispute.appraiserNamingDue),
      insurerAppraiser: dispute.insurerAppraiser !== null && isLate(dispute.insurerAppraiser.namedOn, dispute.appraiserNamingDue),
      umpire:
        dispute.umpire !== null &&
        dispute.umpire.selectedBy === 'appraisers' &&
        dispute.umpireSelectionDue !== null &&
        isLate(dispute.umpire.selectedOn, dispute.umpireSelectionDue),
    },
    next: nextStep(
      {
        status: dispute.status,
        appraiserNamingDue: dispute.appraiserNamingDue,
        insuredAppraiserNamedOn: dispute.insuredAppraiser?.namedOn ?? null,
        insurerAppraiserNamedOn: dispute.insurerAppraiser?.namedOn ?? null,
        umpireSelectionDue: dispute.umpireSelectionDue,
        umpireSelectedOn: dispute.umpire?.selectedOn ?? null,
      },
      today,
    ),
  };
}

export async function appraisalViewsOf(deps: Deps, db: Db, claim: Claim): Promise<AppraisalView[]> {
  const today = claimToday(deps, claim);
  return (await listDisputes(db, claim.id)).map((dispute) => appraisalViewOf(dispute, today));
}

/** Anyone who reaches the claim (staff who read claims, the holder, the agent, the jeweler, the reporter); else 404. */
export async function readAppraisals(deps: Deps, actor: Actor, claimId: string): Promise<{ claim: Claim; disputes: AppraisalView[] }> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  return { claim, disputes: await appraisalViewsOf(deps, deps.db, claim) };
}
