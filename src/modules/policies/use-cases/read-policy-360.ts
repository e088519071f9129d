import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { getPolicyBalance, type Invoice, listInvoices, listRefunds, type PolicyBalance, type Refund } from '../../billing/index.ts';
import { listPolicyDocuments, type StoredDocument } from '../../documents/index.ts';
import { auditStaffRead } from '../../privacy/index.ts';
import { addedOnDates, effectiveBy, type ScheduleMark, scheduleMark } from '../domain/schedule-as-of.ts';
import type { ScheduledItem } from '../policies-repository.ts';
import { findPeople, findProductVersionLabel, listTransactions, type Person, type ProductVersionLabel, type TransactionRecord } from '../search-repository.ts';
import { getPolicy, type PolicyDetail } from './read-policies.ts';
import { getPolicyAsOf } from './read-policy-as-of.ts';

export type Policy360Item = ScheduledItem & { addedOn: string; mark: ScheduleMark };

export type Policy360 = {
  policy: PolicyDetail;
  holder: Person | null;
  agent: Person | null;
  product: ProductVersionLabel | null;
  /** The date the view is as of; null: the whole history. */
  asOf: string | null;
  schedule: Policy360Item[];
  transactions: TransactionRecord[];
  /** Null when the reader may not see billing (billing:read): billing's own rule, not relaxed here. */
  billing: { invoices: Invoice[]; refunds: Refund[]; balance: PolicyBalance | null } | null;
  documents: StoredDocument[];
};

/**
 * The back office's policy 360 view (issue #3, "Screens and API"): the policy with holder, agent and
 * product version, its named insureds and address, the schedule, the transactions, the application's
 * rating worksheet, invoices, refunds and balance, and documents; optionally as of a date (the
 * transactions effective by then, each item marked on or off the schedule then).
 *
 * A policy out of the reader's reach is not found (404) before anything else is said; within reach,
 * the view is for staff who read every policy (a customer or agent on their own policy gets 403 and
 * uses the portal's policy page).
 */
export async function readPolicy360(deps: Deps, actor: Actor, policyId: string, input: { asOf?: string | undefined } = {}): Promise<Policy360> {
  const policy = await getPolicy(deps, actor, policyId);
  requirePermission(actor, 'policies:read_all');
  const asOf = input.asOf ?? null;
  // PRV-DISC-2: a staff read of the holder's data, audited with its purpose.
  await auditStaffRead(deps, actor, { view: 'policy_360', subject: { type: 'policy', id: policy.id }, details: { holderUserId: policy.holderUserId, asOf } });
  const showBilling = can(actor, 'billing:read');
  const [people, product, transactions, documents, billing] = await Promise.all([
    findPeople(deps.db, [policy.holderUserId, ...(policy.agentUserId ? [policy.agentUserId] : [])]),
    findProductVersionLabel(deps.db, policy.productVersionId),
    listTransactions(deps.db, policy.id),
    listPolicyDocuments(deps, actor, policy.id),
    showBilling ? billingOf(deps, actor, policy.id) : Promise.resolve(null),
  ]);
  const added = addedOnDates(policy.schedule, transactions, policy.firstDay);
  // As of a date, the items carry the version the timeline derives for that day (decision 0009): a coverage
  // changed later shows its amount of then.
  const derived = asOf === null ? null : (await getPolicyAsOf(deps, actor, policy.id, asOf)).state.items;
  return {
    policy,
    holder: people.get(policy.holderUserId) ?? null,
    agent: policy.agentUserId ? (people.get(policy.agentUserId) ?? null) : null,
    product,
    asOf,
    schedule: policy.schedule.map((item) => {
      const addedOn = added.get(item.itemNo) ?? policy.firstDay;
      const version = derived?.get(item.itemNo);
      if (version) return { ...item, ...version, itemNo: item.itemNo, addedOn, mark: { kind: 'on' as const } };
      return { ...item, addedOn, mark: derived ? offScheduleMark(item, addedOn, asOf) : scheduleMark(item, addedOn, asOf) };
    }),
    transactions: effectiveBy(transactions, asOf),
    billing,
    documents,
  };
}

/** Not on the derived schedule on the date: not added yet, or removed (or the policy's cover had ended). */
function offScheduleMark(item: ScheduledItem, addedOn: string, asOf: string | null): ScheduleMark {
  const mark = scheduleMark(item, addedOn, asOf);
  return mark.kind === 'on' ? { kind: 'removed', removedOn: item.removedOn ?? asOf ?? addedOn } : mark;
}

async function billingOf(deps: Deps, actor: Actor, policyId: string): Promise<NonNullable<Policy360['billing']>> {
  const [invoices, refunds, balance] = await Promise.all([
    listInvoices(deps, actor, { policyId }),
    listRefunds(deps, actor, { policyId }),
    getPolicyBalance(deps, actor, policyId).catch((error: unknown) => {
      // No billing account yet (nothing invoiced): no balance to show.
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }),
  ]);
  return { invoices, refunds, balance };
}
