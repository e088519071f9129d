import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Currency, Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { balanceSources, findPolicyAccount, findRefund, markRefundCancelled, type Refund, refundAmountsOfPolicy } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';

/**
 * JPF-CANCEL-3: a refund is a billing transaction of its own, tracked until paid. While it is still payable
 * it can be cancelled — a reinstatement reverses the cancellation that gave it (reinstate-policy.ts in the
 * policies module). A paid refund cannot be taken back here (409 refund_already_paid: the reinstatement
 * invoices the amount instead), a cancelled one not twice (409 refund_already_cancelled); an empty reason is
 * 422 and an unknown id 404, and then nothing is written. Joins the caller's transaction; audited as
 * 'refund.cancelled'. A cancelled refund no longer counts against what may be refunded (createRefund).
 */
export async function cancelRefund(deps: Deps, actor: Actor, refundId: string, reason: string, origin: RequestOrigin): Promise<Refund> {
  const why = reason.trim();
  if (why === '') throw billingErrors.cancellationReasonRequired();
  return inTransaction(deps.db, async (trx) => {
    const refund = await findRefund(trx, refundId, { holderUserId: null }, { forUpdate: true });
    if (!refund) throw problems.notFound();
    if (refund.status === 'paid') throw billingErrors.refundAlreadyPaid();
    if (refund.status === 'cancelled') throw billingErrors.refundAlreadyCancelled();
    await markRefundCancelled(trx, refund.id, { at: nowText(deps.clock), reason: why });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'refund.cancelled',
        subject: { type: 'refund', id: refund.id },
        details: { policyId: refund.policyId, policyNumber: refund.policyNumber, amount: { amount: refund.amount, currency: refund.currency }, reason: why },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...refund, status: 'cancelled' };
  });
}

/**
 * What can still be refunded on a policy: every payment allocated to its invoices minus its refunds that are
 * payable or paid (cancelled ones do not count) — the very limit createRefund keeps. A void (JPF-COND-5)
 * refunds this whole amount. Zero when nothing was paid or the account is in another currency.
 */
export async function refundableOnPolicy(deps: Deps, policyId: string, currency: Currency): Promise<Money> {
  const account = await findPolicyAccount(deps.db, policyId, { holderUserId: null });
  if (!account || account.currency !== currency) return Money.zero(currency);
  const sum = (amounts: readonly string[]) =>
    Money.sum(
      amounts.map((amount) => Money.of(amount, currency)),
      currency,
    );
  const paid = sum((await balanceSources(deps.db, { policyId })).allocations);
  return paid.minus(sum(await refundAmountsOfPolicy(deps.db, policyId))).max(Money.zero(currency));
}
