import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { type CancellationTerms, type CancelledBy, cancellationTerms } from './cancellation-terms.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

/**
 * What a cancellation would refund, computed by the very function the execution uses (issue #3:
 * preview equals execution). Anyone who can reach the policy may preview an insured's cancellation;
 * an insurer's needs the permission to cancel. The effective date defaults to today in the insured's
 * time zone (for the insured; for the insurer the earliest date the notice allows).
 */
export async function previewCancellation(
  deps: Deps,
  actor: Actor,
  policyId: string,
  input: { effectiveDate?: string | undefined; by: CancelledBy },
): Promise<CancellationTerms> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  if (input.by === 'insurer') requirePermission(actor, 'policies:underwrite');
  // Read-only: the transaction is rolled back by nothing being written; the lock keeps the numbers consistent.
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    let effectiveDate: Temporal.PlainDate;
    if (input.effectiveDate !== undefined) effectiveDate = Temporal.PlainDate.from(input.effectiveDate);
    else {
      const today = localDateOf(deps.clock.now(), policy.timeZone);
      const firstDay = Temporal.PlainDate.from(policy.firstDay);
      effectiveDate = Temporal.PlainDate.compare(today, firstDay) < 0 ? firstDay : today;
      if (input.by === 'insurer') {
        try {
          return await cancellationTerms(trx, deps, policy, 'insurer', effectiveDate);
        } catch (error) {
          const earliest = (error as { extensions?: { earliestEffectiveDate?: string } }).extensions?.earliestEffectiveDate;
          if (earliest === undefined) throw error;
          effectiveDate = Temporal.PlainDate.from(earliest);
        }
      }
    }
    return cancellationTerms(trx, deps, policy, input.by, effectiveDate);
  });
}
