import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { CustodianRole, ThirdPartyKind } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { assessWaiver, subrogationDateProblems, type ThirdParty } from '../domain/subrogation.ts';
import { saveSubrogation } from '../recovery-repository.ts';
import { type RecoveryView, recoveryViewOf } from './read-recovery.ts';
import { claimToday, lockedClaimFor, recoveryErrors } from './recovery-support.ts';

export type SubrogationInput = {
  thirdParty: { name: string; details?: string | null | undefined; kind: ThirdPartyKind; custodianRole?: CustodianRole | null | undefined } | null;
  assignmentRequired: boolean;
  assignmentSignedOn?: string | null | undefined;
  waiver?: { writtenOn: string; inWriting: boolean } | null | undefined;
};

/**
 * JPF-SUBRO-1 / JPF-COND-4: the adjuster records the claim's subrogation facts — the third party responsible (a
 * bailee, a paid custodian such as the repairing jeweler or a carrier, is recorded with "this policy is no benefit
 * to them"), whether the insured must assign their recovery rights and when they signed, and a waiver of recovery.
 * A waiver counts only in writing and dated before the loss; any other waiver is recorded as it is and counts as an
 * impairment of the insurer's rights (settlement is then blocked; a second audit event says so). Dates in the
 * future, or an assignment dated before the loss, are refused and nothing is written. The record is replaced as a
 * whole (the impairment the adjuster recorded separately stays). Audited.
 */
export async function recordSubrogation(deps: Deps, actor: Actor, claimId: string, input: SubrogationInput, origin: RequestOrigin): Promise<RecoveryView> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaimFor(trx, actor, claimId);
    const assignmentSignedOn = input.assignmentRequired ? (input.assignmentSignedOn ?? null) : null;
    const waiver = input.waiver ?? null;
    const [problem] = subrogationDateProblems({ assignmentSignedOn, waiverWrittenOn: waiver?.writtenOn ?? null }, claim.lossDate, claimToday(deps, claim));
    if (problem) throw recoveryErrors.date(problem.field, problem.code);
    const thirdParty: ThirdParty | null = input.thirdParty
      ? {
          name: input.thirdParty.name.trim(),
          details: input.thirdParty.details?.trim() || null,
          kind: input.thirdParty.kind,
          custodianRole: input.thirdParty.kind === 'bailee' ? (input.thirdParty.custodianRole ?? 'other') : null,
        }
      : null;
    const now = nowText(deps.clock);
    await saveSubrogation(trx, claim.id, { thirdParty, assignmentRequired: input.assignmentRequired, assignmentSignedOn, waiver }, actor.userId, now);
    const waiverAssessment = waiver ? assessWaiver(waiver, claim.lossDate) : null;
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.subrogation_recorded',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          thirdPartyKind: thirdParty?.kind ?? null,
          // JPF-COND-4
          noBenefitToBailee: thirdParty?.kind === 'bailee',
          assignmentRequired: input.assignmentRequired,
          assignmentSignedOn,
          waiverWrittenOn: waiver?.writtenOn ?? null,
          waiverCounts: waiverAssessment?.counts ?? null,
        },
        personalDetails: thirdParty ? { thirdPartyName: thirdParty.name } : undefined,
        requestId: origin.requestId,
      },
      deps.clock,
    );
    if (waiverAssessment && !waiverAssessment.counts)
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'claim.recovery_rights_impaired',
          subject: { type: 'claim', id: claim.id },
          details: { claimNumber: claim.claimNumber, cause: waiverAssessment.impairment, clause: 'JPF-SUBRO-1' },
          requestId: origin.requestId,
        },
        deps.clock,
      );
    return recoveryViewOf(trx, claim);
  });
}
