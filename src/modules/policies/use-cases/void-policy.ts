import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { cancelInvoice, createRefund, listInvoices, refundableOnPolicy } from '../../billing/index.ts';
import { chargedPremium } from '../domain/policy-timeline.ts';
import { isVoidCategory, type VoidCategory, voidMoney } from '../domain/staff-actions.ts';
import { staffActionErrors } from '../errors.ts';
import { setPolicyStatus } from '../staff-actions-repository.ts';
import { appendTransaction, loadTimeline } from '../timeline-repository.ts';
import { lockedPolicyFor } from './request-cancellation.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

export type VoidInput = { category: string; reason: string };

export type VoidedPolicy = {
  policyId: string;
  policyNumber: string;
  transactionId: string;
  category: VoidCategory;
  reason: string;
  /** From the first day: a void policy is treated as never in force. */
  effectiveDate: string;
  premiumChange: Money;
  cancelledInvoiceIds: string[];
  refund: Money;
  refundId: string | null;
};

/**
 * JPF-COND-5: "This policy may be void … if 'you' have concealed or misrepresented any material fact …
 * or there has been fraud or false swearing". Authorised staff (policies:void) void an in-force policy
 * with a category (misrepresentation, concealment, fraud) and a written reason. In one transaction:
 *  - a policy_transaction of kind 'void', effective the first day of the period (never in force), whose
 *    premium change takes back all premium charged;
 *  - every open invoice of the policy cancelled (billing's cancelInvoice) — one partly paid stops the void
 *    with 409 invoice_partially_paid, so nothing is written (decision 0007);
 *  - the premium paid and not yet refunded refunded through billing (createRefund, JPF-CANCEL-3): the
 *    refund is the default; withholding it for fraud is a product rule for later (decision 0007);
 *  - the policy 'void': it accepts no further change (409 policy_void), and cannot be reinstated.
 * Audited as 'policy.voided'. A second void answers 409 policy_void.
 */
export async function voidPolicy(deps: Deps, actor: Actor, policyId: string, input: VoidInput, origin: RequestOrigin): Promise<VoidedPolicy> {
  requirePermission(actor, 'policies:void');
  const category = input.category.trim();
  const reason = input.reason.trim();
  if (!isVoidCategory(category)) throw staffActionErrors.voidCategoryInvalid();
  if (reason === '') throw staffActionErrors.reasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const inner = { ...deps, db: trx };
    const policy = await lockedPolicyFor(trx, actor, policyId);
    if (policy.status !== 'in_force') throw staffActionErrors.notChangeable(policy.status);
    const { timeline } = await loadTimeline(trx, policy);
    const currency = policy.premium.currency;
    const money = voidMoney({ chargedPremium: chargedPremium(timeline), refundable: await refundableOnPolicy(inner, policy.id, currency) });

    // Billing is read as the system: the staff member who voids need not be billing staff.
    const open = await listInvoices(inner, systemActor('policies.void'), { policyId: policy.id, status: 'open' });
    const cancelledInvoiceIds: string[] = [];
    for (const invoice of open) {
      await cancelInvoice(inner, actor, invoice.id, `policy_void:${category}`, origin);
      cancelledInvoiceIds.push(invoice.id);
    }
    let refundId: string | null = null;
    if (money.refund.isPositive()) {
      const refund = await createRefund(
        inner,
        actor,
        { policyId: policy.id, policyNumber: policy.policyNumber, amount: money.refund.toFixed(), currency, reason: `policy_void:${category}` },
        origin,
      );
      refundId = refund.id;
    }

    const transactionId = newId();
    const effectiveDate = Temporal.PlainDate.from(policy.firstDay).toString();
    await appendTransaction(trx, {
      id: transactionId,
      policyId: policy.id,
      kind: 'void',
      effectiveDate,
      recordedAt: nowText(deps.clock),
      premiumChange: money.premiumChange,
      itemChanges: [],
      details: { category, reason, cancelledInvoiceIds, refund: money.refund.toJSON(), refundId },
    });
    await setPolicyStatus(trx, policy.id, 'void');
    await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'policy.voided',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, transactionId, category, reason, cancelledInvoiceIds, refund: money.refund.toJSON(), refundId },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return {
      policyId: policy.id,
      policyNumber: policy.policyNumber,
      transactionId,
      category,
      reason,
      effectiveDate,
      premiumChange: money.premiumChange,
      cancelledInvoiceIds,
      refund: money.refund,
      refundId,
    };
  });
}
