import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Money } from '../../../platform/money.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { chargedPremium, itemRuns, type PolicyStateAsOf, policyAsOf } from '../domain/policy-timeline.ts';
import { type EndorsementRequest, listEndorsementRequests } from '../endorsement-repository.ts';
import { findPolicyVisibleTo, findPolicyWithTimelineVisibleTo, type Policy } from '../policies-repository.ts';
import { loadTimeline, type StoredTransaction } from '../timeline-repository.ts';
import { type ProductTerms, productTermsOf } from './read-governing-version.ts';

export type PolicyAsOf = {
  policy: Policy;
  state: PolicyStateAsOf;
  /** The premium the whole term is charged, as the transactions recorded up to now say. */
  termPremium: Money;
  /** Every transaction in the order recorded, with whether it had taken effect on the date. */
  transactions: (StoredTransaction & { inEffect: boolean })[];
  /** The premium each item version is charged for its days (decision 0009). */
  itemRuns: ReturnType<typeof itemRuns>;
  /** JPF-COND-3: the product version whose terms govern on the date — as sold, or a broadening revision (no premium change). */
  productTerms: ProductTerms;
};

/**
 * The policy as of a date (issue #3: "staff can view it as of a date"), derived from its transactions by the
 * timeline — the schedule, the named insureds and the status on that date. Whoever may see the policy may see
 * it; a policy out of reach is 404.
 */
export async function getPolicyAsOf(deps: Deps, actor: Actor, policyId: string, date: string | undefined): Promise<PolicyAsOf> {
  const policy = await findPolicyVisibleTo(deps.db, actor, policyId);
  if (!policy) throw problems.notFound();
  const { timeline, transactions } = await loadTimeline(deps.db, policy);
  const asOf = date === undefined ? localDateOf(deps.clock.now(), policy.timeZone) : Temporal.PlainDate.from(date);
  const state = policyAsOf(timeline, asOf);
  const applied = new Set(state.applied.map((transaction) => transaction.id));
  return {
    policy,
    state,
    termPremium: chargedPremium(timeline),
    transactions: transactions.map((transaction) => ({ ...transaction, inEffect: applied.has(transaction.id) })),
    itemRuns: itemRuns(timeline),
    productTerms: await productTermsOf(deps, policy, asOf, timeline),
  };
}

export type PolicyStateOnDate = { policy: Policy; state: PolicyStateAsOf };

/**
 * The policy's state on a date — the schedule, the named insureds and the status, as getPolicyAsOf's `state` — in ONE
 * statement, for a check that needs nothing else (a claim's first notice, issue #4: in force on the loss date, the items
 * on the schedule then, the insureds then). `forUpdate` also locks the policy row for the caller's transaction. Null
 * when the policy is out of the actor's reach.
 */
export async function findPolicyStateAsOf(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  policyId: string,
  date: string,
  options: { forUpdate?: boolean } = {},
): Promise<PolicyStateOnDate | null> {
  const found = await findPolicyWithTimelineVisibleTo(deps.db, actor, policyId, options);
  return found ? { policy: found.policy, state: policyAsOf(found.loaded.timeline, Temporal.PlainDate.from(date)) } : null;
}

export async function listPolicyEndorsements(deps: Deps, actor: Actor, policyId: string): Promise<EndorsementRequest[]> {
  const policy = await findPolicyVisibleTo(deps.db, actor, policyId);
  if (!policy) throw problems.notFound();
  return listEndorsementRequests(deps.db, policy.id);
}
