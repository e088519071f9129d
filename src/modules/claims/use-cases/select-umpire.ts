import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { UmpireSelectedBy } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findDispute, updateDispute } from '../appraisal-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { dateProblem, isLate, latestDate, umpireProblem } from '../domain/appraisal.ts';
import { lockedDisputeFor } from './name-appraiser.ts';
import { type AppraisalView, appraisalViewOf } from './read-appraisals.ts';
import { claimToday, recoveryErrors } from './recovery-support.ts';

export type UmpireInput = {
  name: string;
  details?: string | null | undefined;
  selectedBy: UmpireSelectedBy;
  selectedOn: string;
  /** The court of record whose judge selected the umpire (selectedBy 'judge'). */
  court?: string | null | undefined;
};

/**
 * JPF-APPR-1: the umpire is selected — by the two appraisers, or, when they were unable to agree within the 15 days,
 * by a judge of a court in the state where the appraisal is pending (umpire_selected_by 'judge', with the court).
 * A judge's selection dated within the 15 days is refused (422 judge_before_deadline); the appraisers' own choice
 * after the 15 days is recorded as late. Only after both appraisers are named (409 appraisers_not_named), once
 * (409 umpire_already_selected), never after the award (409). Closes the umpire diary entry. Audited.
 */
export async function selectUmpire(
  deps: Deps,
  actor: Actor,
  claimId: string,
  disputeId: string,
  input: UmpireInput,
  origin: RequestOrigin,
): Promise<AppraisalView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const { claim, dispute } = await lockedDisputeFor(trx, actor, claimId, disputeId);
    if (dispute.status === 'awarded') throw recoveryErrors.awardAlreadyMade();
    if (dispute.status === 'umpire_selected') throw recoveryErrors.umpireAlreadySelected();
    const insured = dispute.insuredAppraiser;
    const insurer = dispute.insurerAppraiser;
    const due = dispute.umpireSelectionDue;
    if (!insured || !insurer || due === null) throw recoveryErrors.appraisersNotNamed();
    const bothNamedOn = latestDate(insured.namedOn, insurer.namedOn);
    const today = claimToday(deps, claim);
    const problem = dateProblem(input.selectedOn, bothNamedOn, today);
    if (problem) throw recoveryErrors.date('selectedOn', problem, { from: bothNamedOn });
    if (umpireProblem(input.selectedBy, input.selectedOn, due, bothNamedOn) === 'judge_before_deadline') throw recoveryErrors.judgeBeforeDeadline(due);

    const now = nowText(deps.clock);
    const name = input.name.trim();
    await updateDispute(trx, dispute.id, {
      umpire_name: name,
      umpire_details: input.details?.trim() || null,
      umpire_selected_by: input.selectedBy,
      umpire_selected_on: input.selectedOn,
      umpire_court: input.selectedBy === 'judge' ? input.court?.trim() || null : null,
      status: 'umpire_selected',
      updated_at: now,
    });
    await closeDiaryEntries(trx, claim.id, 'umpire_naming_due', 'done', now, dispute.id);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.umpire_selected',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          disputeId: dispute.id,
          selectedBy: input.selectedBy,
          selectedOn: input.selectedOn,
          late: input.selectedBy === 'appraisers' && isLate(input.selectedOn, due),
        },
        personalDetails: { umpireName: name },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const updated = await findDispute(trx, claim.id, dispute.id);
    if (!updated) throw new Error('the appraisal dispute vanished');
    return appraisalViewOf(updated, today);
  });
}
