import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { cancelRefund, issueInvoice } from '../../billing/index.ts';
import { chargedPremium } from '../domain/policy-timeline.ts';
import { staffActionErrors } from '../errors.ts';
import { markCancellationReversed, setPolicyStatus } from '../staff-actions-repository.ts';
import { appendTransaction, loadTimeline } from '../timeline-repository.ts';
import { billUpToCharged } from './premium-billing.ts';
import { type ReinstatementTerms, reinstatementTerms } from './preview-reinstatement.ts';
import { lockedPolicyFor } from './request-cancellation.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

export type Reinstated = ReinstatementTerms & { transactionId: string; invoiceId: string | null; reason: string };

/**
 * Reinstatement of a cancelled policy by staff (policies:reinstate), with a reason (issue #3: "reversing the
 * refund or charging the difference"). In one transaction, with the terms the preview shows:
 *  - a policy_transaction of kind 'reinstatement', effective on the cancellation's effective date, whose
 *    premium change is the negative of the cancellation's; the cancellation is marked reversed_by it (so the
 *    unique index of migration 0009 lets the policy be cancelled again later) and stays in the history;
 *  - the money (JPF-CANCEL-3: the refund is a billing transaction of its own): a refund still payable is
 *    cancelled; a refund already paid is charged again by an invoice for the refunded amount, due today;
 *  - the policy back 'in_force'.
 * An in-force policy answers 409 policy_not_cancelled, a void or expired one 409 policy_not_reinstatable,
 * after the period's last day 422 reinstatement_after_period; nothing is written then. Audited.
 */
export async function reinstatePolicy(deps: Deps, actor: Actor, policyId: string, input: { reason: string }, origin: RequestOrigin): Promise<Reinstated> {
  requirePermission(actor, 'policies:reinstate');
  const reason = input.reason.trim();
  if (reason === '') throw staffActionErrors.reasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const inner = { ...deps, db: trx };
    const policy = await lockedPolicyFor(trx, actor, policyId);
    const terms = await reinstatementTerms(trx, deps, policy);
    let invoiceId: string | null = null;
    if (terms.action === 'cancel_refund' && terms.refundId !== null) await cancelRefund(inner, actor, terms.refundId, 'policy_reinstated', origin);
    if (terms.action === 'invoice') {
      // "Charging the difference": the refunded premium is owed again. Kind 'endorsement': a premium change after issue.
      const invoice = await issueInvoice(
        inner,
        actor,
        {
          holderUserId: policy.holderUserId,
          policyId: policy.id,
          policyNumber: policy.policyNumber,
          kind: 'endorsement',
          amount: terms.amount.toFixed(),
          currency: terms.amount.currency,
          issuedOn: terms.today,
          dueOn: terms.today,
        },
        origin,
      );
      invoiceId = invoice.id;
    }
    const transactionId = newId();
    await appendTransaction(trx, {
      id: transactionId,
      policyId: policy.id,
      kind: 'reinstatement',
      effectiveDate: terms.cancellation.effectiveDate.toString(),
      recordedAt: nowText(deps.clock),
      premiumChange: terms.premiumChange,
      itemChanges: [],
      details: { reason, cancellationId: terms.cancellation.id, action: terms.action, amount: terms.amount.toJSON(), refundId: terms.refundId, invoiceId },
    });
    await markCancellationReversed(trx, terms.cancellation.id, transactionId);
    await setPolicyStatus(trx, policy.id, 'in_force');
    // Invoices cancelled with the cancellation are owed again: bill what the reversed refund did not cover.
    const { timeline } = await loadTimeline(trx, policy);
    const gapInvoiceId = await billUpToCharged(trx, deps, actor, policy, chargedPremium(timeline), terms.today, origin);
    invoiceId ??= gapInvoiceId;
    await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.reinstated',
        subject: { type: 'policy', id: policy.id },
        details: {
          policyNumber: policy.policyNumber,
          transactionId,
          cancellationId: terms.cancellation.id,
          reason,
          action: terms.action,
          amount: terms.amount.toJSON(),
          refundId: terms.refundId,
          invoiceId,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...terms, transactionId, invoiceId, reason };
  });
}
