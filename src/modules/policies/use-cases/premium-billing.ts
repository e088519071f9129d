import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { cancelInvoice, createRefund, getPolicyBalance, issueInvoice, listInvoices, listRefunds } from '../../billing/index.ts';
import { planPremiumBilling } from '../domain/premium-billing-plan.ts';
import type { Policy } from '../policies-repository.ts';

/**
 * Bills a premium change of a policy transaction (issue #3, "Basic billing": invoices for every premium change,
 * refunds as payables), inside the caller's transaction:
 *  - more premium → an endorsement invoice due on the day of the change;
 *  - less premium → first the unpaid open invoices are cancelled (newest first; one larger than the credit is
 *    cancelled and issued again for what is still owed), then what was paid beyond the new term premium is
 *    refunded (JPF-CANCEL-3: refunds are billing transactions of their own). A refund never exceeds what was paid
 *    (paid − earlier refunds − the term premium as charged now).
 */
export type PremiumBilling = { invoiceId: string | null; refundId: string | null; cancelledInvoiceIds: string[]; replacementInvoiceId: string | null };

export async function billPremiumChange(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: Policy,
  change: Money,
  chargedAfter: Money,
  today: string,
  reason: string,
  origin: RequestOrigin,
): Promise<PremiumBilling> {
  const billingDeps = { ...deps, db: trx };
  const result: PremiumBilling = { invoiceId: null, refundId: null, cancelledInvoiceIds: [], replacementInvoiceId: null };
  const invoice = (amount: Money, dueOn: string) =>
    issueInvoice(
      billingDeps,
      actor,
      {
        holderUserId: policy.holderUserId,
        policyId: policy.id,
        policyNumber: policy.policyNumber,
        kind: 'endorsement',
        amount: amount.toFixed(),
        currency: amount.currency,
        issuedOn: today,
        dueOn: dueOn < today ? today : dueOn,
      },
      origin,
    );
  const reader = systemActor('policies.billing');
  const zero = Money.zero(change.currency);
  const negative = change.isNegative();
  const unpaidOpen = negative
    ? (await listInvoices(billingDeps, reader, { policyId: policy.id, status: 'open' })).filter((candidate) =>
        Money.of(candidate.paid, candidate.currency).isZero(),
      )
    : [];
  const paid = negative ? (await getPolicyBalance(billingDeps, reader, policy.id)).paid : zero;
  const refunded = negative ? await refundedOn(billingDeps, policy.id, change.currency) : zero;
  const plan = planPremiumBilling({
    change,
    chargedAfter,
    unpaidOpenInvoices: unpaidOpen.map((candidate) => ({
      id: candidate.id,
      amount: Money.of(candidate.amount, candidate.currency),
      createdAt: candidate.createdAt,
    })),
    paid,
    refunded,
  });
  if (plan.invoice) result.invoiceId = (await invoice(plan.invoice, today)).id;
  for (const id of plan.cancel) {
    await cancelInvoice(billingDeps, actor, id, reason, origin);
    result.cancelledInvoiceIds.push(id);
  }
  if (plan.reissue) {
    const reissue = plan.reissue;
    const dueOn = unpaidOpen.find((candidate) => candidate.id === reissue.of)?.dueOn ?? today;
    result.replacementInvoiceId = (await invoice(reissue.amount, dueOn)).id;
  }
  if (plan.refund) {
    const refund = await createRefund(
      billingDeps,
      actor,
      { policyId: policy.id, policyNumber: policy.policyNumber, amount: plan.refund.toFixed(), currency: plan.refund.currency, reason },
      origin,
    );
    result.refundId = refund.id;
  }
  return result;
}

/** Refunds of the policy already made or payable (a cancelled refund gave nothing back). */
export async function refundedOn(billingDeps: Deps, policyId: string, currency: Money['currency']): Promise<Money> {
  const refunds = await listRefunds(billingDeps, systemActor('policies.billing'), { policyId });
  return Money.sum(
    refunds.filter((refund) => (refund.status as string) !== 'cancelled').map((refund) => Money.of(refund.amount, refund.currency)),
    currency,
  );
}

/**
 * After a reinstatement: what is invoiced (not cancelled) minus what was refunded (not cancelled) must again be
 * the term premium charged. Invoices cancelled when the policy was cancelled are owed again; this bills the gap.
 */
export async function billUpToCharged(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: Policy,
  charged: Money,
  today: string,
  origin: RequestOrigin,
): Promise<string | null> {
  const billingDeps = { ...deps, db: trx };
  const reader = systemActor('policies.billing');
  const balance = await getPolicyBalance(billingDeps, reader, policy.id);
  const refunded = await refundedOn(billingDeps, policy.id, charged.currency);
  const gap = charged.minus(balance.invoiced.minus(refunded));
  if (!gap.isPositive()) return null;
  const invoice = await issueInvoice(
    billingDeps,
    actor,
    {
      holderUserId: policy.holderUserId,
      policyId: policy.id,
      policyNumber: policy.policyNumber,
      kind: 'endorsement',
      amount: gap.toFixed(),
      currency: gap.currency,
      issuedOn: today,
      dueOn: today,
    },
    origin,
  );
  return invoice.id;
}
