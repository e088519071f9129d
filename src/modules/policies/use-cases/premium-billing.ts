import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { cancelInvoice, createRefund, getPolicyBalance, issueInvoice, listInvoices, listRefunds } from '../../billing/index.ts';
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
  if (change.isPositive()) {
    result.invoiceId = (await invoice(change, today)).id;
    return result;
  }
  if (!change.isNegative()) return result;

  let credit = Money.zero(change.currency).minus(change);
  const reader = systemActor('policies.billing');
  const open = (await listInvoices(billingDeps, reader, { policyId: policy.id, status: 'open' }))
    .filter((candidate) => Money.of(candidate.paid, candidate.currency).isZero())
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const candidate of open) {
    if (!credit.isPositive()) break;
    const amount = Money.of(candidate.amount, candidate.currency);
    await cancelInvoice(billingDeps, actor, candidate.id, reason, origin);
    result.cancelledInvoiceIds.push(candidate.id);
    if (amount.compare(credit) > 0) {
      result.replacementInvoiceId = (await invoice(amount.minus(credit), candidate.dueOn)).id;
      credit = Money.zero(change.currency);
    } else credit = credit.minus(amount);
  }
  if (!credit.isPositive()) return result;

  const balance = await getPolicyBalance(billingDeps, reader, policy.id);
  const refunded = Money.sum(
    (await listRefunds(billingDeps, reader, { policyId: policy.id }))
      .filter((refund) => (refund.status as string) !== 'cancelled')
      .map((refund) => Money.of(refund.amount, refund.currency)),
    change.currency,
  );
  const refundable = balance.paid.minus(refunded).minus(chargedAfter).max(Money.zero(change.currency)).min(credit);
  if (refundable.isPositive()) {
    const refund = await createRefund(
      billingDeps,
      actor,
      { policyId: policy.id, policyNumber: policy.policyNumber, amount: refundable.toFixed(), currency: refundable.currency, reason },
      origin,
    );
    result.refundId = refund.id;
  }
  return result;
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
  const refunded = Money.sum(
    (await listRefunds(billingDeps, reader, { policyId: policy.id }))
      .filter((refund) => (refund.status as string) !== 'cancelled')
      .map((refund) => Money.of(refund.amount, refund.currency)),
    charged.currency,
  );
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
