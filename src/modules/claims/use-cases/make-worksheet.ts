import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { getPolicy, getPolicyAsOf } from '../../policies/index.ts';
import { type ClaimItem, findClaimWithItemsVisibleTo, lockClaim } from '../claims-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { computeWorksheet, type ScheduledSetPiece, type WorksheetLineInput } from '../domain/settlement-worksheet.ts';
import { settlementErrors } from '../settlement-errors.ts';
import { findCurrentWorksheet, insertWorksheet, type StoredWorksheet } from '../settlement-repository.ts';
import { storedLineOf, type WorksheetLineRequest } from '../worksheet-detail.ts';
import { mailSettlementReady } from './claim-mails.ts';

export type WorksheetRequest = { lines: WorksheetLineRequest[]; reason?: string | null | undefined };

/** Nothing is settled on a claim that is denied, withdrawn or closed. */
const NOT_SETTLEABLE = new Set(['denied', 'withdrawn', 'closed']);
/** JPF-ADD-2 b: "$10,000" — the same figure in the policy's currency. */
const NEW_PURCHASE_ABSOLUTE_CAP = '10000';

function lineInputOf(item: ClaimItem, request: WorksheetLineRequest, currency: 'USD' | 'EUR'): WorksheetLineInput {
  const money = (amount: string | null | undefined) => (amount === null || amount === undefined || amount === '' ? null : Money.of(amount, currency));
  const share = request.setShare?.trim();
  return {
    lineNo: item.lineNo,
    itemNo: item.itemNo,
    description: item.extent === 'part' && item.partDescription ? `${item.description} — ${item.partDescription}` : item.description,
    coverageAmount: item.coverageAmount,
    setId: item.setId,
    extent: item.extent,
    method: request.method,
    repairOrReplaceCost: money(request.repairOrReplaceCost),
    actualCashValue: money(request.actualCashValue),
    insuredInterest: money(request.insuredInterest),
    partValue: money(request.partValue),
    setShareOverride: share ? { share, reason: request.setShareReason ?? '' } : null,
    otherInsuranceLimits: (request.otherInsuranceLimits ?? []).map((limit) => Money.of(limit, currency)),
    paidByOthers: money(request.paidByOthers) ?? Money.zero(currency),
    salvage: request.salvage ? { agreedValue: Money.of(request.salvage.agreedValue, currency), keptBy: request.salvage.keptBy } : null,
  };
}

/**
 * JPF-SETTLE-1..8, JPF-ADD-2: the adjuster makes a new version of the claim's settlement worksheet. The inputs are
 * the adjuster's (method, costs, the insured's interest, a part's value, a set share with its reason, other
 * insurance, payments by others, salvage); the coverage amounts are the claim's (the schedule on the loss date),
 * the pairs and sets and the total limit come from the policy as of the loss date, the deductible from its
 * declarations. The calculation (decision 0016) is stored line by line. A new version needs the insured's
 * agreement again, so an open settlement deadline (JPF-SETTLE-9) is cancelled, and the insured is mailed that the
 * amount is ready to review and agree.
 */
export async function makeWorksheet(deps: Deps, actor: Actor, claimId: string, request: WorksheetRequest, origin: RequestOrigin): Promise<StoredWorksheet> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimWithItemsVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    if (NOT_SETTLEABLE.has(claim.status)) throw settlementErrors.claimNotOpen(claim.status);

    // Every claimed item has exactly one line.
    const seen = new Set<number>();
    for (const line of request.lines) {
      if (!claim.items.some((item) => item.lineNo === line.lineNo)) throw settlementErrors.worksheetLines('worksheet_line_unknown', line.lineNo);
      if (seen.has(line.lineNo)) throw settlementErrors.worksheetLines('worksheet_line_duplicate', line.lineNo);
      seen.add(line.lineNo);
    }
    const missing = claim.items.find((item) => !seen.has(item.lineNo));
    if (missing) throw settlementErrors.worksheetLines('worksheet_line_missing', missing.lineNo);

    const current = await findCurrentWorksheet(trx, claim.id);
    const reason = request.reason?.trim() || null;
    if (current && (reason ?? '').length < 3) throw settlementErrors.worksheetReasonRequired();

    const inner = { ...deps, db: trx };
    const [policy, asOf] = await Promise.all([getPolicy(inner, actor, claim.policyId), getPolicyAsOf(inner, actor, claim.policyId, claim.lossDate)]);
    const scheduled = [...asOf.state.items];
    const setPieces: ScheduledSetPiece[] = scheduled.flatMap(([itemNo, item]) =>
      item.setId ? [{ itemNo, setId: item.setId, coverageAmount: item.coverageAmount }] : [],
    );
    const currency = claim.currency;
    const ordered = [...request.lines].sort((a, b) => a.lineNo - b.lineNo);
    const result = computeWorksheet({
      currency,
      deductible: policy.application.deductible,
      setPieces,
      totalScheduledLimit: Money.sum(
        scheduled.map(([, item]) => item.coverageAmount),
        currency,
      ),
      newPurchaseAbsoluteCap: Money.of(NEW_PURCHASE_ABSOLUTE_CAP, currency),
      lines: ordered.map((line) => lineInputOf(claim.items.find((item) => item.lineNo === line.lineNo) as ClaimItem, line, currency)),
    });
    if (!result.ok)
      throw settlementErrors.worksheetInvalid(
        result.problems.map((problem) => ({ problem, index: request.lines.findIndex((line) => line.lineNo === problem.lineNo) })),
      );

    const { worksheet } = result;
    const now = nowText(deps.clock);
    const stored: StoredWorksheet = {
      id: newId(),
      claimId: claim.id,
      version: (current?.version ?? 0) + 1,
      lines: worksheet.lines.map((line) => storedLineOf(line, worksheet, ordered.find((entry) => entry.lineNo === line.lineNo) as WorksheetLineRequest)),
      totalPayable: worksheet.totalPayable,
      reason,
      createdBy: actor.userId,
      createdAt: now,
      agreedAt: null,
      agreedByName: null,
    };
    await insertWorksheet(trx, stored);
    // JPF-SETTLE-9: the amount agreed before is no longer the amount; the 30 days start again on a new agreement.
    await closeDiaryEntries(trx, claim.id, 'settlement_due', 'cancelled', now);
    // JPF-SUBRO-2: a new version is the insurer's review of a recovery the insured reported (a found item comes off it).
    await closeDiaryEntries(trx, claim.id, 'recovery_review_due', 'done', now);
    // JPF-SETTLE-9: the insured is mailed that the amount is ready to review and agree in writing.
    const mailed = await mailSettlementReady(trx, deps, claim, stored);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.worksheet_made',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          worksheetId: stored.id,
          version: stored.version,
          totalPayable: stored.totalPayable.toJSON(),
          lines: stored.lines.map((line) => ({ lineNo: line.lineNo, method: line.method, payable: line.payable.toJSON(), totalLoss: line.totalLoss })),
          reason,
          mailed,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return stored;
  });
}
