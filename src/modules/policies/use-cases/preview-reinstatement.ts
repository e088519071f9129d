import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { Money } from '../../../platform/money.ts';
import { getRefund } from '../../billing/index.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { type CancellationRefundState, type ReinstatementMoney, reinstatementMoney, reinstatementRefusal } from '../domain/staff-actions.ts';
import { staffActionErrors } from '../errors.ts';
import type { Policy } from '../policies-repository.ts';
import { loadTimeline, type StoredTransaction } from '../timeline-repository.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

export type ReinstatementTerms = ReinstatementMoney & {
  policyId: string;
  policyNumber: string;
  /** The cancellation this reinstatement reverses. */
  cancellation: StoredTransaction;
  /** Today in the insured's time zone: the day of the decision. */
  today: string;
};

/**
 * The one computation of a reinstatement, used by the preview and by the execution alike (issue #3:
 * "preview equals execution"): the policy must be cancelled and its period not over (reinstatementRefusal);
 * the cancellation reversed is the one not yet reversed; its refund, read from billing, decides the money
 * (reinstatementMoney): payable → cancelled, paid → invoiced again, none → nothing.
 */
export async function reinstatementTerms(trx: Trx, deps: Deps, policy: Policy): Promise<ReinstatementTerms> {
  const today = localDateOf(deps.clock.now(), policy.timeZone);
  const refusal = reinstatementRefusal(policy.status, today, Temporal.PlainDate.from(policy.lastDay));
  if (refusal === 'policy_not_cancelled') throw staffActionErrors.notCancelled();
  if (refusal === 'policy_not_reinstatable') throw staffActionErrors.notReinstatable(policy.status);
  if (refusal === 'reinstatement_after_period') throw staffActionErrors.periodEnded(policy.lastDay);
  const { transactions } = await loadTimeline(trx, policy);
  const cancellation = transactions.filter((transaction) => transaction.kind === 'cancellation' && transaction.reversedBy === null).at(-1);
  if (!cancellation) throw staffActionErrors.notCancelled();
  const refundId = typeof cancellation.details.refundId === 'string' ? cancellation.details.refundId : null;
  let refund: CancellationRefundState = null;
  if (refundId !== null) {
    // Billing is read as the system: the staff member who reinstates need not be billing staff.
    const found = await getRefund({ ...deps, db: trx }, systemActor('policies.reinstatement'), refundId);
    refund = { id: found.id, amount: Money.of(found.amount, found.currency), status: found.status };
  }
  return {
    ...reinstatementMoney({ cancellationPremiumChange: cancellation.premiumChange, refund }),
    policyId: policy.id,
    policyNumber: policy.policyNumber,
    cancellation,
    today: today.toString(),
  };
}

/** What a reinstatement would do, by the very function the reinstatement runs (staff with policies:reinstate). */
export async function previewReinstatement(deps: Deps, actor: Actor, policyId: string): Promise<ReinstatementTerms> {
  requirePermission(actor, 'policies:reinstate');
  // Read-only; the lock keeps the numbers consistent with a reinstatement running at the same time.
  return inTransaction(deps.db, async (trx) => reinstatementTerms(trx, deps, await lockedPolicyFor(trx, actor, policyId)));
}
