import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { RecoveryParty } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type AppraisalDispute, findDispute, updateDispute } from '../appraisal-repository.ts';
import type { Claim } from '../claims-repository.ts';
import { addDiaryEntries, closeDiaryEntries } from '../diary-repository.ts';
import { dateProblem, isLate, statusAfterNaming, umpireSelectionDue } from '../domain/appraisal.ts';
import { type AppraisalView, appraisalViewOf } from './read-appraisals.ts';
import { claimToday, lockedClaimFor, recoveryErrors } from './recovery-support.ts';

export type AppraiserInput = { party: RecoveryParty; name: string; details?: string | null | undefined; namedOn: string };

/** The claim (locked, within reach) and one of its disputes; 404 when either is out of reach. */
export async function lockedDisputeFor(trx: Trx, actor: Actor, claimId: string, disputeId: string): Promise<{ claim: Claim; dispute: AppraisalDispute }> {
  const claim = await lockedClaimFor(trx, actor, claimId);
  const dispute = await findDispute(trx, claim.id, disputeId);
  if (!dispute) throw problems.notFound();
  return { claim, dispute };
}

/**
 * JPF-APPR-1: a party's appraiser is named (the adjuster records the insured's notice as well as the insurer's own
 * choice). Named after the 20 days, the naming is recorded as late — the clause names no consequence, so the fact
 * is kept and shown, and the other side may ask a judge; it is not refused. Once both appraisers are named, the
 * 20-day diary entry is done and the 15 days for the umpire start (diary 'umpire_naming_due'). A party already
 * named, an award already made (409), a date in the future or before the demand (400): nothing changes. Audited.
 */
export async function nameAppraiser(
  deps: Deps,
  actor: Actor,
  claimId: string,
  disputeId: string,
  input: AppraiserInput,
  origin: RequestOrigin,
): Promise<AppraisalView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const { claim, dispute } = await lockedDisputeFor(trx, actor, claimId, disputeId);
    if (dispute.status === 'awarded') throw recoveryErrors.awardAlreadyMade();
    const already = input.party === 'insured' ? dispute.insuredAppraiser : dispute.insurerAppraiser;
    if (already) throw recoveryErrors.appraiserAlreadyNamed();
    const today = claimToday(deps, claim);
    const problem = dateProblem(input.namedOn, dispute.demandReceivedOn, today);
    if (problem) throw recoveryErrors.date('namedOn', problem, { from: dispute.demandReceivedOn });

    const now = nowText(deps.clock);
    const name = input.name.trim();
    const details = input.details?.trim() || null;
    const insuredNamedOn = input.party === 'insured' ? input.namedOn : (dispute.insuredAppraiser?.namedOn ?? null);
    const insurerNamedOn = input.party === 'insurer' ? input.namedOn : (dispute.insurerAppraiser?.namedOn ?? null);
    const status = statusAfterNaming(insuredNamedOn !== null, insurerNamedOn !== null);
    const umpireDue = insuredNamedOn !== null && insurerNamedOn !== null ? umpireSelectionDue(insuredNamedOn, insurerNamedOn) : null;
    await updateDispute(trx, dispute.id, {
      ...(input.party === 'insured'
        ? { insured_appraiser_name: name, insured_appraiser_details: details, insured_appraiser_named_on: input.namedOn }
        : { insurer_appraiser_name: name, insurer_appraiser_details: details, insurer_appraiser_named_on: input.namedOn }),
      status,
      umpire_selection_due: umpireDue,
      updated_at: now,
    });
    if (umpireDue !== null) {
      await closeDiaryEntries(trx, claim.id, 'appraiser_naming_due', 'done', now, dispute.id);
      // JPF-APPR-1: "If the two appraisers are unable to agree upon an umpire within 15 days…"
      await addDiaryEntries(
        trx,
        [{ claimId: claim.id, kind: 'umpire_naming_due', party: 'both', dueOn: umpireDue, clause: 'JPF-APPR-1', referenceId: dispute.id, note: null }],
        now,
      );
    }
    const late = isLate(input.namedOn, dispute.appraiserNamingDue);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.appraiser_named',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, disputeId: dispute.id, party: input.party, namedOn: input.namedOn, late, umpireSelectionDue: umpireDue },
        personalDetails: { appraiserName: name },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const updated = await findDispute(trx, claim.id, dispute.id);
    if (!updated) throw new Error('the appraisal dispute vanished');
    return appraisalViewOf(updated, today);
  });
}
