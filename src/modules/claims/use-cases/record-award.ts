import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { AwardSigner } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { awardColumns, findDispute, updateDispute } from '../appraisal-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { awardSignatureProblem, dateProblem, latestDate, splitAppraisalCosts } from '../domain/appraisal.ts';
import { lockedDisputeFor } from './name-appraiser.ts';
import { type AppraisalView, appraisalViewOf } from './read-appraisals.ts';
import { claimToday, recoveryErrors } from './recovery-support.ts';

/** Amounts as decimal strings in the claim's currency, each ≥ 0 (the route checks the form). */
export type AwardInput = {
  amountOfLoss: string;
  propertyValue: string;
  repairReplaceCost: string;
  signedBy: AwardSigner[];
  signedOn: string;
  costs?:
    | { insuredAppraiserFee?: string | undefined; insurerAppraiserFee?: string | undefined; umpireFee?: string | undefined; otherExpenses?: string | undefined }
    | undefined;
};

/**
 * JPF-APPR-1: the written award. The appraisers "determine and list separately" the amount of the loss, the value
 * of the covered property and the cost to repair or replace it — three amounts, each recorded on its own; "a written
 * agreement by any two of these three" (the two appraisers, or either with the umpire) establishes them: fewer than
 * two signatures, or the umpire's signature before there is an umpire, is refused (422). The costs are split —
 * each party pays its own appraiser, the umpire and other expenses are shared equally (splitAppraisalCosts). The award
 * closes the dispute's open diary entries and lifts the settlement block; the adjuster takes its amounts onto the
 * next worksheet version. One award per dispute: a second answers 409 award_already_made and changes nothing. Audited.
 */
export async function recordAward(
  deps: Deps,
  actor: Actor,
  claimId: string,
  disputeId: string,
  input: AwardInput,
  origin: RequestOrigin,
): Promise<AppraisalView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const { claim, dispute } = await lockedDisputeFor(trx, actor, claimId, disputeId);
    if (dispute.status === 'awarded') throw recoveryErrors.awardAlreadyMade();
    const insured = dispute.insuredAppraiser;
    const insurer = dispute.insurerAppraiser;
    if (!insured || !insurer) throw recoveryErrors.appraisersNotNamed();
    const signatureProblem = awardSignatureProblem(input.signedBy, dispute.umpire !== null);
    if (signatureProblem === 'needs_two_signatures') throw recoveryErrors.awardNeedsTwoSignatures();
    if (signatureProblem === 'umpire_not_selected') throw recoveryErrors.umpireNotSelected();
    // Signed once the signers were in place: after both namings, and after the umpire's selection when the umpire signs.
    const signers = new Set(input.signedBy);
    const notBefore = latestDate(insured.namedOn, insurer.namedOn, ...(signers.has('umpire') && dispute.umpire ? [dispute.umpire.selectedOn] : []));
    const today = claimToday(deps, claim);
    const problem = dateProblem(input.signedOn, notBefore, today);
    if (problem) throw recoveryErrors.date('signedOn', problem, { from: notBefore });

    const money = (value: string | undefined) => Money.of(value ?? '0', claim.currency);
    const costs = {
      insuredAppraiserFee: money(input.costs?.insuredAppraiserFee),
      insurerAppraiserFee: money(input.costs?.insurerAppraiserFee),
      umpireFee: money(input.costs?.umpireFee),
      otherExpenses: money(input.costs?.otherExpenses),
    };
    const split = splitAppraisalCosts(costs);
    const now = nowText(deps.clock);
    const award = {
      amountOfLoss: money(input.amountOfLoss),
      propertyValue: money(input.propertyValue),
      repairReplaceCost: money(input.repairReplaceCost),
      signedBy: [...signers],
      signedOn: input.signedOn,
      recordedBy: actor.userId,
      recordedAt: now,
      costs,
    };
    await updateDispute(trx, dispute.id, { ...awardColumns(award, split), updated_at: now });
    // The award ends the dispute: a deadline still open (an umpire never needed) no longer applies.
    await closeDiaryEntries(trx, claim.id, 'appraiser_naming_due', 'cancelled', now, dispute.id);
    await closeDiaryEntries(trx, claim.id, 'umpire_naming_due', 'cancelled', now, dispute.id);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.appraisal_awarded',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          disputeId: dispute.id,
          amountOfLoss: award.amountOfLoss.toFixed(),
          propertyValue: award.propertyValue.toFixed(),
          repairReplaceCost: award.repairReplaceCost.toFixed(),
          signedBy: award.signedBy,
          signedOn: award.signedOn,
          insuredCostShare: split.insured.total.toFixed(),
          insurerCostShare: split.insurer.total.toFixed(),
          currency: claim.currency,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const updated = await findDispute(trx, claim.id, dispute.id);
    if (!updated) throw new Error('the appraisal dispute vanished');
    return appraisalViewOf(updated, today);
  });
}
