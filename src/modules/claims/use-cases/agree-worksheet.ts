import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findClaimVisibleTo, lockClaim } from '../claims-repository.ts';
import { settlementErrors } from '../settlement-errors.ts';
import { findCurrentWorksheet, recordWorksheetAgreement, type StoredWorksheet } from '../settlement-repository.ts';
import { addSettlementDueWhenReady } from './settlement-due.ts';

export type WorksheetAgreementInput = { version: number; fullName: string };
export type WorksheetAgreed = { worksheet: StoredWorksheet; settlementDueOn: string | null };

const NOT_SETTLEABLE = new Set(['denied', 'withdrawn', 'closed']);

/**
 * JPF-SETTLE-9: the policyholder agrees in writing (their typed full name) to the amount of the current worksheet
 * version they were shown. With a satisfactory (accepted) proof of loss this starts the insurer's 30 days: the
 * 'settlement_due' diary entry. A stale version, a second agreement or a claim not being settled are refused.
 */
export async function agreeWorksheet(
  deps: Deps,
  actor: Actor,
  claimId: string,
  input: WorksheetAgreementInput,
  origin: RequestOrigin,
): Promise<WorksheetAgreed> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    if (claim.holderUserId !== actor.userId) throw settlementErrors.holderOnly();
    if (NOT_SETTLEABLE.has(claim.status)) throw settlementErrors.claimNotOpen(claim.status);
    const current = await findCurrentWorksheet(trx, claim.id);
    if (!current) throw settlementErrors.noWorksheet();
    if (current.version !== input.version) throw settlementErrors.worksheetChanged(current.version);
    if (current.agreedAt) throw settlementErrors.alreadyAgreed();
    const now = nowText(deps.clock);
    const name = input.fullName.trim();
    await recordWorksheetAgreement(trx, current.id, name, now);
    const settlementDueOn = await addSettlementDueWhenReady(trx, claim, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.worksheet_agreed',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          worksheetId: current.id,
          version: current.version,
          totalPayable: current.totalPayable.toJSON(),
          settlementDueOn,
        },
        personalDetails: { agreedByName: name },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { worksheet: { ...current, agreedAt: now, agreedByName: name }, settlementDueOn };
  });
}
