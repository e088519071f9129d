import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { AppraisalSubject, RecoveryParty } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findDispute, findOpenDispute, insertDispute } from '../appraisal-repository.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { APPRAISER_NAMING_DAYS, appraiserNamingDue, dateProblem } from '../domain/appraisal.ts';
import { type AppraisalView, appraisalViewOf } from './read-appraisals.ts';
import { claimToday, lockedClaimFor, recoveryErrors } from './recovery-support.ts';

export type AppraisalDemandInput = {
  subjects: AppraisalSubject[];
  demandedBy: RecoveryParty;
  /** The day the written demand was received by the other party. */
  demandReceivedOn: string;
  demandReference?: string | null | undefined;
};

/** Claims whose amount can no longer be disputed by appraisal: a denial is a coverage question, not an amount. */
const NOT_APPRAISABLE = new Set(['denied', 'withdrawn', 'closed']);

/**
 * JPF-APPR-1: the adjuster records a written demand for appraisal — made by the insured or by the insurer — on the
 * amount of the loss, the value of the property or the cost to repair or replace it. Each party must then name its
 * appraiser within 20 days after the demand was received: a diary entry for both parties (reminders go to the insured).
 * While the dispute is open the claim cannot be settled (SETTLEMENT_BLOCKS 'appraisal_open'). One dispute at a time
 * (409 appraisal_already_demanded); a denied, withdrawn or closed claim has no amount to appraise (409); a receipt
 * date in the future or before the loss is refused. Audited.
 */
export async function demandAppraisal(deps: Deps, actor: Actor, claimId: string, input: AppraisalDemandInput, origin: RequestOrigin): Promise<AppraisalView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaimFor(trx, actor, claimId);
    if (NOT_APPRAISABLE.has(claim.status)) throw recoveryErrors.claimNotAppraisable(claim.status);
    if (await findOpenDispute(trx, claim.id)) throw recoveryErrors.appraisalAlreadyDemanded();
    const today = claimToday(deps, claim);
    const problem = dateProblem(input.demandReceivedOn, claim.lossDate, today);
    if (problem) throw recoveryErrors.date('demandReceivedOn', problem === 'too_early' ? 'before_loss' : problem);

    const now = nowText(deps.clock);
    const id = newId();
    const due = appraiserNamingDue(input.demandReceivedOn);
    const subjects = [...new Set(input.subjects)];
    await insertDispute(trx, {
      id,
      claimId: claim.id,
      subjects,
      demandedBy: input.demandedBy,
      demandReceivedOn: input.demandReceivedOn,
      demandReference: input.demandReference?.trim() || null,
      appraiserNamingDue: due,
      currency: claim.currency,
      createdBy: actor.userId,
      createdAt: now,
    });
    // JPF-APPR-1: "within 20 days after the receipt of the written demand", for both parties.
    await addDiaryEntries(
      trx,
      [{ claimId: claim.id, kind: 'appraiser_naming_due', party: 'both', dueOn: due, clause: 'JPF-APPR-1', referenceId: id, note: null }],
      now,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.appraisal_demanded',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          disputeId: id,
          subjects,
          demandedBy: input.demandedBy,
          demandReceivedOn: input.demandReceivedOn,
          appraiserNamingDue: due,
          days: APPRAISER_NAMING_DAYS,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const dispute = await findDispute(trx, claim.id, id);
    if (!dispute) throw new Error('the appraisal dispute just written was not found');
    return appraisalViewOf(dispute, today);
  });
}
