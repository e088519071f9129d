import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor, type UserActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import type { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { endItemCoverAfterTotalLoss, getPolicy } from '../../policies/index.ts';
import { type Claim, findClaimVisibleTo, lockClaim, updateClaimStatus } from '../claims-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { isFullyPaid, itemsEndingCover, type PaymentLedger, type WorksheetLineFacts } from '../domain/payment-rules.ts';
import { reserveAfterPayment } from '../domain/reserve-rules.ts';
import { paymentErrors } from '../payment-errors.ts';
import { type ClaimPayment, type EndedCover, ledgerOf, listClaimPayments, recordCoverEnded } from '../payment-repository.ts';
import { appendReserveEntry, currentReserve } from '../reserve-repository.ts';
import { settlementBlocksOf } from '../settlement-blocks.ts';
import { findCurrentWorksheet, type StoredWorksheet } from '../settlement-repository.ts';

/**
 * What the payment use cases share (request, approve): the claim locked and checked, the ledger the payment rules
 * read, the settlement blocks, and issuing a payment (reserve used up, total-loss items ended, claim settled).
 */

/** A withdrawn, closed or denied claim takes no settlement action (payments, orders). */
export function assertOpenForSettlement(claim: Claim): void {
  if (claim.status === 'withdrawn' || claim.status === 'closed' || claim.status === 'denied') throw paymentErrors.claimNotOpen(claim.status);
}

/** Locks the claim for the rest of the transaction and reads it within the actor's reach (else 404). */
export async function lockedClaim(trx: Trx, actor: Actor, claimId: string): Promise<Claim> {
  await lockClaim(trx, claimId);
  const claim = await findClaimVisibleTo(trx, actor, claimId);
  if (!claim) throw problems.notFound();
  return claim;
}

export type PaymentContext = {
  claim: Claim;
  worksheet: StoredWorksheet;
  payments: ClaimPayment[];
  reserve: Money | null;
  ledger: PaymentLedger;
  /** JPF-SETTLE-8: the loss payee named on the policy's application. */
  lossPayeeName: string | null;
};

export async function paymentContext(trx: Trx, deps: Deps, claim: Claim): Promise<PaymentContext> {
  const worksheet = await findCurrentWorksheet(trx, claim.id);
  if (!worksheet) throw paymentErrors.noWorksheet();
  const [payments, reserve] = [await listClaimPayments(trx, claim.id), await currentReserve(trx, claim.id, claim.currency)];
  // The claims module decides who may pay; the policy's declarations are read as the system.
  const policy = await getPolicy({ ...deps, db: trx }, systemActor('claims.payments'), claim.policyId);
  return {
    claim,
    worksheet,
    payments,
    reserve,
    ledger: ledgerOf(payments, worksheet.totalPayable, reserve),
    lossPayeeName: policy.application.lossPayee?.name ?? null,
  };
}

/** Every settlement block (coverage, JPF-SUBRO-1 impaired recovery, JPF-APPR-1 open appraisal) refuses with its own code. */
export async function assertNoSettlementBlock(trx: Trx, claimId: string): Promise<void> {
  const [block] = await settlementBlocksOf(trx, claimId);
  if (block) throw new AppError(422, block.code, block.messageKey, {}, { clause: block.clause });
}

export function lineFacts(worksheet: StoredWorksheet): WorksheetLineFacts[] {
  return worksheet.lines.map((line) => ({ lineNo: line.lineNo, itemNo: line.itemNo, payable: line.payable, totalLoss: line.totalLoss }));
}

/** Lines paid in full by a payment that is issued or waiting. */
export function paidLineNos(payments: readonly ClaimPayment[]): Set<number> {
  return new Set(payments.filter((payment) => payment.status !== 'rejected').flatMap((payment) => payment.lineNos));
}

export function todayOf(deps: Deps, claim: Claim): string {
  return deps.clock.now().toZonedDateTimeISO(claim.timeZone).toPlainDate().toString();
}

/**
 * Issues a payment already marked issued in the caller's transaction:
 *  - the reserve goes down by its amount (a 'payment' entry of the ledger);
 *  - JPF-SETTLE-7: the total-loss items it pays leave the schedule from the day after the loss and their unearned
 *    premium is refunded through billing (the policies module); a payment on account ends no cover;
 *  - JPF-SETTLE-9: once everything the worksheet allows is paid the claim is settled and its open 'settlement_due'
 *    diary entry is done.
 */
export async function completeIssuedPayment(
  trx: Trx,
  deps: Deps,
  actor: UserActor,
  context: PaymentContext,
  payment: ClaimPayment,
  origin: RequestOrigin,
): Promise<{ payment: ClaimPayment; claimStatus: Claim['status'] }> {
  const { claim, worksheet, ledger } = context;
  const now = nowText(deps.clock);
  const reserveBefore = context.reserve;
  if (!reserveBefore) throw new Error('A payment was issued without a reserve: the payment rules should have refused it');
  await appendReserveEntry(trx, {
    claimId: claim.id,
    draft: reserveAfterPayment(reserveBefore, payment.amount),
    reason: null,
    paymentId: payment.id,
    recordedBy: actor.userId,
    recordedAt: now,
  });

  const issued = ledger.issued.plus(payment.amount);
  const fullyPaid = isFullyPaid(worksheet.totalPayable, issued);
  const ended = new Set(context.payments.flatMap((earlier) => earlier.coverEnded.map((cover) => cover.itemNo)));
  const coverEnded: EndedCover[] = [];
  for (const itemNo of itemsEndingCover(lineFacts(worksheet), payment.lineNos, fullyPaid, ended)) {
    const result = await endItemCoverAfterTotalLoss(
      trx,
      deps,
      actor,
      { policyId: claim.policyId, itemNo, lossDate: claim.lossDate, claimId: claim.id, claimNumber: claim.claimNumber },
      origin,
    );
    if (result) coverEnded.push({ itemNo, policyTransactionId: result.transactionId, refundId: result.billing.refundId });
  }
  if (coverEnded.length > 0) await recordCoverEnded(trx, payment.id, coverEnded);

  let claimStatus = claim.status;
  if (fullyPaid) {
    if (claim.status !== 'settled') await updateClaimStatus(trx, claim.id, 'settled', now);
    claimStatus = 'settled';
    const closed = await closeDiaryEntries(trx, claim.id, 'settlement_due', 'done', now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.settled',
        subject: { type: 'claim', id: claim.id },
        details: { claimNumber: claim.claimNumber, paid: issued.toJSON(), worksheetVersion: worksheet.version, settlementDueClosed: closed },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  }
  return { payment: { ...payment, coverEnded }, claimStatus };
}
