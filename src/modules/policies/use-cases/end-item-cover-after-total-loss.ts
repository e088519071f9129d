import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { localDateOf } from '../domain/policy-period.ts';
import {
  chargedPremium,
  coverEndOf,
  policyAsOf,
  premiumChangeOf,
  type TimelineTransaction,
  timelineProblems,
  withTransaction,
} from '../domain/policy-timeline.ts';
import { addedByOf, appendTransaction, loadTimeline, rebuildSchedule } from '../timeline-repository.ts';
import { billPremiumChange, type PremiumBilling } from './premium-billing.ts';
import { lockedPolicyFor } from './request-cancellation.ts';
import { rerateRenewalOffer } from './rerate-renewal-offer.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

export type TotalLossInput = {
  policyId: string;
  itemNo: number;
  /** 'YYYY-MM-DD': the day of the loss; cover of the item ends at the end of it. */
  lossDate: string;
  claimId: string;
  claimNumber: string;
};

export type EndedItemCover = {
  transactionId: string;
  /** The first day without cover: the day after the loss. */
  effectiveDate: string;
  /** Negative: the item's unearned premium, given back. */
  premiumChange: Money;
  billing: PremiumBilling;
};

/**
 * JPF-SETTLE-7: "a total loss refunds the item's unearned premium". When the claims module pays a total loss of a
 * scheduled item, the item leaves the schedule from the day after the loss: a 'total_loss' policy transaction
 * (back-dated like an endorsement, placed in the timeline by its effective date, decision 0009) removes it, the
 * premium change is the timeline's (the item's premium for the days from that day to the anniversary, pro rata
 * by day, decision 0005), and billing gives it back with the same plan as every other reduction
 * (premium-billing.ts: unpaid invoice parts cancelled first, then what was paid beyond the new term premium
 * refunded). Runs in the caller's (the payment's) transaction; the policy document of the change is queued
 * (JPF-COND-6) and an open renewal offer is rated again without the item (JPF-COND-7).
 *
 * Returns null when there is no cover left to end: the loss was on the last day of the period, or the policy's
 * cover had already ended by the day after the loss (a cancellation or void).
 */
export async function endItemCoverAfterTotalLoss(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  input: TotalLossInput,
  origin: RequestOrigin,
): Promise<EndedItemCover | null> {
  // The claims module decides who may pay; the policy is read as the system, whatever the payer's own reach.
  const policy = await lockedPolicyFor(trx, systemActor('policies.total_loss'), input.policyId);
  const { timeline } = await loadTimeline(trx, policy);
  const lossDate = Temporal.PlainDate.from(input.lossDate);
  if (!policyAsOf(timeline, lossDate).items.has(input.itemNo))
    throw new AppError(422, 'item_not_on_schedule', 'policies.endorsement.item_not_on_schedule', { date: input.lossDate });
  const effectiveDate = lossDate.add({ days: 1 });
  const coverEnd = coverEndOf(timeline);
  if (Temporal.PlainDate.compare(effectiveDate, timeline.period.lastDay) > 0) return null;
  if (coverEnd && Temporal.PlainDate.compare(coverEnd, effectiveDate) <= 0) return null;

  const candidate: TimelineTransaction = {
    id: 'candidate',
    kind: 'total_loss',
    effectiveDate,
    sequenceNo: Number.MAX_SAFE_INTEGER,
    itemChanges: [{ op: 'remove', itemNo: input.itemNo }],
    reversed: false,
  };
  const after = withTransaction(timeline, candidate);
  // A later recorded change to the item (an endorsement after the loss date) contradicts its removal: staff sort it out.
  const before = new Set(timelineProblems(timeline).map((problem) => problem.transactionId));
  const conflict = timelineProblems(after).find((problem) => !before.has(problem.transactionId));
  if (conflict)
    throw new AppError(409, 'conflicts_with_later_transaction', 'policies.endorsement.conflicts_with_later_transaction', { date: conflict.date.toString() });

  const premiumChange = premiumChangeOf(timeline, candidate);
  const chargedBefore = chargedPremium(timeline);
  const chargedAfter = chargedPremium(after);
  const transactionId = newId();
  await appendTransaction(trx, {
    id: transactionId,
    policyId: policy.id,
    kind: 'total_loss',
    effectiveDate: effectiveDate.toString(),
    recordedAt: nowText(deps.clock),
    premiumChange,
    itemChanges: candidate.itemChanges,
    details: {
      claimId: input.claimId,
      claimNumber: input.claimNumber,
      lossDate: input.lossDate,
      itemNo: input.itemNo,
      termPremiumBefore: chargedBefore.toJSON(),
      termPremiumAfter: chargedAfter.toJSON(),
    },
  });
  const reloaded = await loadTimeline(trx, policy);
  await rebuildSchedule(trx, policy.id, reloaded.timeline, addedByOf(reloaded.transactions));
  await trx.updateTable('policy').set({ premium: chargedAfter.toFixed() }).where('id', '=', policy.id).execute();
  const today = localDateOf(deps.clock.now(), policy.timeZone).toString();
  const billing = await billPremiumChange(trx, deps, actor, policy, premiumChange, chargedAfter, today, 'total_loss', origin);
  await rerateRenewalOffer(trx, deps, actor, policy, origin);
  await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'policy.item_total_loss',
      subject: { type: 'policy', id: policy.id },
      details: {
        policyNumber: policy.policyNumber,
        transactionId,
        claimId: input.claimId,
        itemNo: input.itemNo,
        effectiveDate: effectiveDate.toString(),
        premiumChange: premiumChange.toJSON(),
        ...billing,
      },
      requestId: origin.requestId,
    },
    deps.clock,
  );
  return { transactionId, effectiveDate: effectiveDate.toString(), premiumChange, billing };
}
