import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { PolicyTransactionKind } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Money } from '../../../platform/money.ts';
import { insurerCancellationNoticeDays, type ProductDefinition } from '../../products/index.ts';
import { findProductDefinition } from '../cancellation-repository.ts';
import { localDateOf } from '../domain/policy-period.ts';
import { findApplicationVisibleTo, findPolicyVisibleTo, type MailingAddress, type Policy } from '../policies-repository.ts';
import { changesToJson, loadTimeline, type StoredTransaction } from '../timeline-repository.ts';

/**
 * JPF-COND-6: every change after issue is a recorded policy transaction. These reads answer a policy's
 * transactions (the effective-dated history) to whoever may see the policy; otherwise 404.
 */

/** JPF-CANCEL-2 / JPF-COND-2: the insurer's written notice of cancellation, as mailed. */
export type InsurerNotice = {
  /** 'YYYY-MM-DD': the day the notice was mailed, in the insured's time zone. */
  date: string;
  days: number;
  source: 'product_default' | 'state_rule';
  state: string;
  earliestEffectiveDate: string;
  mailedAt: string;
  /** The addressee and address the notice was mailed to (the declarations page's Named Insured and Address). */
  name: string;
  address: string;
  mailingAddress: MailingAddress;
};

export type PolicyTransactionView = {
  id: string;
  policyId: string;
  kind: PolicyTransactionKind;
  /** 'YYYY-MM-DD': the change applies from 00:01 local time on this day. */
  effectiveDate: string;
  recordedAt: string;
  sequenceNo: number;
  premiumChange: Money;
  details: Record<string, unknown>;
  /** As stored: [{op:'add'|'change', itemNo, item}, {op:'remove', itemNo}, {op:'remove_named_insured', name}]. */
  itemChanges: unknown[];
  /** The reinstatement that reversed this cancellation, if one did. */
  reversedBy: string | null;
  /** For an insurer cancellation: the notice (null otherwise). */
  insurerNotice: InsurerNotice | null;
};

async function visiblePolicy(deps: Deps, actor: Actor, policyId: string): Promise<Policy> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const policy = await findPolicyVisibleTo(deps.db, actor, policyId);
  if (!policy) throw problems.notFound();
  return policy;
}

type StoredNotice = Partial<Omit<InsurerNotice, 'mailingAddress'>> & { mailingAddress?: MailingAddress };

/**
 * The notice of an insurer cancellation. The transaction keeps the mailing record (mailedAt, name, address);
 * the notice days and their legal source are those of the policy's product version for the mailing address's
 * state (JPF-COND-2), the same rule the cancellation checked, and the notice date is the mailing day in the
 * insured's time zone. Values stored in the transaction, when it has them, win.
 */
async function insurerNoticeOf(deps: Deps, policy: Policy, mailingAddress: MailingAddress, transaction: StoredTransaction): Promise<InsurerNotice | null> {
  if (transaction.kind !== 'cancellation' || transaction.details.by !== 'insurer') return null;
  const stored = transaction.details.notice as StoredNotice | null | undefined;
  if (!stored || typeof stored.mailedAt !== 'string') return null;
  const address = stored.mailingAddress ?? mailingAddress;
  let days = stored.days;
  let source = stored.source;
  if (typeof days !== 'number' || (source !== 'state_rule' && source !== 'product_default')) {
    const definition = (await findProductDefinition(deps.db, policy.productVersionId)) as Pick<ProductDefinition, 'jurisdictionRules'> | null;
    const rule = definition ? insurerCancellationNoticeDays(definition, address.state) : { days: 10, source: 'product_default' as const };
    days = rule.days;
    source = rule.source;
  }
  const date = stored.date ?? localDateOf(Temporal.Instant.from(stored.mailedAt), policy.timeZone).toString();
  return {
    date,
    days,
    source,
    state: address.state,
    earliestEffectiveDate: stored.earliestEffectiveDate ?? Temporal.PlainDate.from(date).add({ days }).toString(),
    mailedAt: stored.mailedAt,
    name: stored.name ?? '',
    address: stored.address ?? '',
    mailingAddress: address,
  };
}

/** The policy's transactions in the order they were recorded (sequence number). */
export async function listPolicyTransactions(deps: Deps, actor: Actor, policyId: string): Promise<PolicyTransactionView[]> {
  const policy = await visiblePolicy(deps, actor, policyId);
  const [{ transactions }, application] = await Promise.all([loadTimeline(deps.db, policy), findApplicationVisibleTo(deps.db, actor, policy.applicationId)]);
  if (!application) throw problems.notFound();
  const views = await Promise.all(
    transactions.map(
      async (transaction): Promise<PolicyTransactionView> => ({
        id: transaction.id,
        policyId: policy.id,
        kind: transaction.kind,
        effectiveDate: transaction.effectiveDate.toString(),
        recordedAt: transaction.recordedAt,
        sequenceNo: transaction.sequenceNo,
        premiumChange: transaction.premiumChange,
        details: transaction.details,
        itemChanges: changesToJson(transaction.itemChanges),
        reversedBy: transaction.reversedBy,
        insurerNotice: await insurerNoticeOf(deps, policy, application.mailingAddress, transaction),
      }),
    ),
  );
  return views;
}

/** One transaction of a policy; a transaction of another policy, or of a policy out of reach, is not found. */
export async function getPolicyTransaction(deps: Deps, actor: Actor, policyId: string, transactionId: string): Promise<PolicyTransactionView> {
  const transactions = await listPolicyTransactions(deps, actor, policyId);
  const transaction = transactions.find((candidate) => candidate.id === transactionId);
  if (!transaction) throw problems.notFound();
  return transaction;
}
