import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { issueInvoice } from '../../billing/index.ts';
import { requireAttachedFile } from '../../files/index.ts';
import { rateQuote } from '../../products/index.ts';
import { lockPolicy } from '../cancellation-repository.ts';
import { acceptNewPurchase, type NewPurchaseAccepted, type NewPurchaseRefusal, newPurchaseReportDeadline } from '../domain/newly-purchased.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { chargedPremium, nextItemNo, premiumChangeOf, type TimelineTransaction, timelineProblems, withTransaction } from '../domain/policy-timeline.ts';
import { findApplicationVisibleTo, findPolicyVisibleTo, findProductCodeOfVersion, type Policy } from '../policies-repository.ts';
import { addedByOf, appendTransaction, loadTimeline, rebuildSchedule } from '../timeline-repository.ts';
import { cancellationErrors, periodOf } from './cancellation-terms.ts';
import { rerateRenewalOffer } from './rerate-renewal-offer.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

export type NewPurchaseInput = {
  description: string;
  category: string;
  /** Decimal string in the policy's currency. */
  coverageAmount: string;
  /** 'YYYY-MM-DD' each. */
  purchaseDate: string;
  receiptReceivedOn: string;
  appraisalReceivedOn: string;
  keptInSafe: boolean;
  /** Uploaded files (POST /api/v1/files): the sales receipt and the appraisal (JPF-ADD-1). */
  receiptFileId?: string | undefined;
  appraisalFileId?: string | undefined;
};

export type AddedNewPurchase = {
  policyId: string;
  itemNo: number;
  transactionId: string;
  invoiceId: string | null;
  itemTermPremium: Money;
  /** The premium change of the transaction (decision 0009): the item's share from its purchase date. */
  premium: Money;
  accepted: NewPurchaseAccepted;
};

function refusalError(refusal: NewPurchaseRefusal, policy: Policy, purchaseDate: Temporal.PlainDate): AppError {
  const key = `policies.new_purchase.${refusal.reason}` as const;
  switch (refusal.reason) {
    case 'purchased_before_period':
    case 'purchased_after_period':
      return new AppError(422, refusal.reason, key, { firstDay: policy.firstDay, lastDay: policy.lastDay });
    case 'reported_after_30_days':
      return new AppError(422, refusal.reason, key, { deadline: newPurchaseReportDeadline(purchaseDate).toString() });
    case 'incomplete_report':
      return new AppError(422, refusal.reason, key, {}, { missing: refusal.missing });
    case 'purchase_after_report':
      return new AppError(422, refusal.reason, key);
  }
}

/**
 * JPF-ADD-1: the holder (or their agent) reports jewelry bought during the period. The written request is
 * this report, received today in the insured's time zone; the sales receipt and the appraisal arrived on the
 * dates given. The item is rated with the policy's product as of the purchase date (its own premium, without
 * the policy minimum) and, when accepted, added at the next item number from the purchase date, with a
 * 'new_purchase' policy transaction (premium change = the pro-rata premium to the period's last day) and an
 * endorsement invoice, all in one transaction. A refusal answers 422 with the reason and writes nothing.
 */
export async function reportNewPurchase(deps: Deps, actor: Actor, policyId: string, input: NewPurchaseInput, origin: RequestOrigin): Promise<AddedNewPurchase> {
  requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    await lockPolicy(trx, policyId);
    const policy = await findPolicyVisibleTo(trx, actor, policyId);
    if (!policy) throw problems.notFound();
    const application = await findApplicationVisibleTo(trx, actor, policy.applicationId);
    const productCode = await findProductCodeOfVersion(trx, policy.productVersionId);
    if (!application || productCode === null) throw problems.notFound();
    if (policy.status !== 'in_force') throw cancellationErrors.notInForce(policy.status);

    const today = localDateOf(deps.clock.now(), policy.timeZone);
    const purchaseDate = Temporal.PlainDate.from(input.purchaseDate);
    const received = {
      writtenRequest: today,
      salesReceipt: Temporal.PlainDate.from(input.receiptReceivedOn),
      appraisal: Temporal.PlainDate.from(input.appraisalReceivedOn),
    };
    for (const [field, date] of [
      ['body.receiptReceivedOn', received.salesReceipt],
      ['body.appraisalReceivedOn', received.appraisal],
    ] as const)
      if (Temporal.PlainDate.compare(date, today) > 0)
        throw new AppError(
          422,
          'document_date_in_future',
          'policies.new_purchase.document_date_in_future',
          { today: today.toString() },
          {
            errors: [
              { field, code: 'document_date_in_future', messageKey: 'policies.new_purchase.document_date_in_future', params: { today: today.toString() } },
            ],
          },
        );

    // The item's own premium for a whole term (the minimum premium is the policy's, not the item's).
    const worksheet = await rateQuote({ ...deps, db: trx }, actor, {
      productCode,
      ratingDate: purchaseDate.toString(),
      state: application.mailingAddress.state,
      deductible: application.deductible.toFixed(),
      items: [{ category: input.category, coverageAmount: input.coverageAmount, keptInSafe: input.keptInSafe }],
    });
    const itemTermPremium = worksheet.items[0]?.premium;
    if (!itemTermPremium) throw new Error('Rating one item returned no item');
    if (itemTermPremium.currency !== policy.premium.currency) throw new Error(`Product currency ${itemTermPremium.currency} differs from the policy's`);

    const accepted = acceptNewPurchase({ period: periodOf(policy), purchaseDate, received, itemTermPremium });
    if (!accepted.ok) throw refusalError(accepted, policy, purchaseDate);

    // The item joins the timeline from its purchase date (decision 0009); the premium change is the timeline's,
    // which for an item kept to the end of the period is its unearned share from the purchase date (JPF-ADD-1).
    const { timeline, transactions } = await loadTimeline(trx, policy);
    const transactionId = newId();
    const itemNo = nextItemNo(timeline);
    const candidate: TimelineTransaction = {
      id: transactionId,
      kind: 'new_purchase',
      effectiveDate: purchaseDate,
      sequenceNo: Number.MAX_SAFE_INTEGER,
      reversed: false,
      itemChanges: [
        {
          op: 'add',
          itemNo,
          item: {
            description: input.description.trim(),
            category: input.category,
            coverageAmount: Money.of(input.coverageAmount, policy.premium.currency),
            setId: null,
            possessor: null,
            appraisalDate: null,
            keptInSafe: input.keptInSafe,
            purchaseDate: purchaseDate.toString(),
            appraisedBy: null,
            annualPremium: itemTermPremium,
          },
        },
      ],
    };
    const premiumChange = premiumChangeOf(timeline, candidate);
    const after = withTransaction(timeline, candidate);
    if (timelineProblems(after).length > 0) throw cancellationErrors.notInForce('cancelled');
    await appendTransaction(trx, {
      id: transactionId,
      policyId: policy.id,
      kind: 'new_purchase',
      effectiveDate: purchaseDate.toString(),
      recordedAt: nowText(deps.clock),
      premiumChange,
      itemChanges: candidate.itemChanges,
      details: {
        reportedDate: accepted.reportedDate.toString(),
        daysAfterPurchase: accepted.daysAfterPurchase,
        premiumDays: accepted.premiumDays,
        periodDays: periodOf(policy).days,
        itemTermPremium: itemTermPremium.toJSON(),
        ratingDate: worksheet.ratingDate,
        product: worksheet.product,
      },
    });
    // JPF-ADD-1: the receipt and appraisal, when uploaded, are checked by content and linked to the new item.
    for (const [purpose, fileId, field] of [
      ['receipt', input.receiptFileId, 'body.receiptFileId'],
      ['appraisal', input.appraisalFileId, 'body.appraisalFileId'],
    ] as const)
      if (fileId !== undefined)
        await requireAttachedFile(trx, actor, fileId, purpose, {
          field,
          link: { to: { type: 'policy', id: policy.id, itemIndex: itemNo }, ownerUserId: policy.holderUserId, clock: deps.clock, requestId: origin.requestId },
        });
    await rebuildSchedule(trx, policy.id, after, new Map([...addedByOf(transactions), [itemNo, transactionId]]));
    await trx
      .updateTable('policy')
      .set({ premium: chargedPremium(after).toFixed() })
      .where('id', '=', policy.id)
      .execute();
    await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
    let invoiceId: string | null = null;
    if (premiumChange.isPositive()) {
      const invoice = await issueInvoice(
        { ...deps, db: trx },
        actor,
        {
          holderUserId: policy.holderUserId,
          policyId: policy.id,
          policyNumber: policy.policyNumber,
          kind: 'endorsement',
          amount: premiumChange.toFixed(),
          currency: premiumChange.currency,
          issuedOn: today.toString(),
          dueOn: today.toString(),
        },
        origin,
      );
      invoiceId = invoice.id;
    }
    // JPF-COND-7: a renewal offered before the report renews the schedule with the new item.
    await rerateRenewalOffer(trx, deps, actor, policy, origin);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.new_purchase_added',
        subject: { type: 'policy', id: policy.id },
        details: {
          policyNumber: policy.policyNumber,
          transactionId,
          itemNo,
          purchaseDate: purchaseDate.toString(),
          reportedDate: accepted.reportedDate.toString(),
          premium: premiumChange.toJSON(),
          invoiceId,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { policyId: policy.id, itemNo, transactionId, invoiceId, itemTermPremium, premium: premiumChange, accepted };
  });
}
