import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { type Currency, Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { balanceSources, findPolicyAccount, insertRefund, type Refund, refundAmountsOfPolicy } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';
import { positiveCents } from './common.ts';

/**
 * JPF-CANCEL-3: "Refund is not a condition of cancellation; sent within a reasonable time" — so a
 * refund is a billing transaction of its own, created payable and tracked until it is paid
 * (mark-refund-paid.ts), never a change to an invoice. Called by the policies module when a
 * cancellation (JPF-CANCEL-1/2) gives unearned premium back; it joins the caller's transaction.
 * A refund can never be more than what was paid on the policy and not refunded already.
 */
export async function createRefund(
  deps: Deps,
  actor: Actor,
  input: { policyId: string; policyNumber: string; amount: string; currency: Currency; reason: string },
  origin: RequestOrigin,
): Promise<Refund> {
  const amount = positiveCents(input.amount, input.currency, 'amount');
  return inTransaction(deps.db, async (trx) => {
    const account = await findPolicyAccount(trx, input.policyId, { holderUserId: null });
    const sum = (amounts: readonly string[]) =>
      Money.sum(
        amounts.map((value) => Money.of(value, input.currency)),
        input.currency,
      );
    const paid = account ? sum((await balanceSources(trx, { policyId: input.policyId })).allocations) : Money.zero(input.currency);
    const available = paid.minus(sum(await refundAmountsOfPolicy(trx, input.policyId)));
    if (!account || account.currency !== input.currency || amount.compare(available) > 0)
      throw billingErrors.refundExceedsPaid(available.max(Money.zero(input.currency)).toFixed());
    const refund: Refund = {
      id: newId(),
      accountId: account.id,
      policyId: input.policyId,
      policyNumber: input.policyNumber,
      amount: amount.toFixed(),
      currency: input.currency,
      reason: input.reason,
      status: 'payable',
      createdAt: nowText(deps.clock),
      paidOn: null,
      paidReference: null,
    };
    await insertRefund(trx, refund);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'refund.created',
        subject: { type: 'refund', id: refund.id },
        details: { policyId: input.policyId, policyNumber: input.policyNumber, amount: amount.toJSON(), reason: input.reason },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return refund;
  });
}
