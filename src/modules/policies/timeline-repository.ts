import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../platform/db/database.ts';
import type { PolicyTransactionKind } from '../../platform/db/schema.ts';
import { type Currency, Money } from '../../platform/money.ts';
import { inclusiveDays } from './domain/policy-period.ts';
import { type ItemChange, type PolicyTimeline, policyAsOf, type TimelineItem, type TimelineTransaction } from './domain/policy-timeline.ts';
import type { Policy } from './policies-repository.ts';

/**
 * SQL of the policy timeline (decision 0009): the transactions with their item changes are the record; the
 * scheduled_item rows are rebuilt from them after every transaction (the schedule at the end of the period,
 * every item ever on it with its latest version and the day it was removed, if it was).
 */

type ItemJson = {
  description: string;
  category: string;
  coverageAmount: string;
  setId: string | null;
  possessor: string | null;
  appraisalDate: string | null;
  keptInSafe: boolean;
  purchaseDate: string | null;
  appraisedBy: string | null;
  annualPremium: string;
};
type ItemChangeJson =
  | { op: 'add' | 'change'; itemNo: number; item: ItemJson }
  | { op: 'remove'; itemNo: number }
  | { op: 'remove_named_insured'; name: string };

export function itemToJson(item: TimelineItem): ItemJson {
  return {
    description: item.description,
    category: item.category,
    coverageAmount: item.coverageAmount.toFixed(),
    setId: item.setId,
    possessor: item.possessor,
    appraisalDate: item.appraisalDate,
    keptInSafe: item.keptInSafe,
    purchaseDate: item.purchaseDate,
    appraisedBy: item.appraisedBy,
    annualPremium: item.annualPremium.toFixed(),
  };
}

function itemFromJson(json: ItemJson, currency: Currency): TimelineItem {
  return {
    ...json,
    coverageAmount: Money.of(json.coverageAmount, currency),
    annualPremium: Money.of(json.annualPremium, currency),
  };
}

export function changesToJson(changes: readonly ItemChange[]): ItemChangeJson[] {
  return changes.map((change) => (change.op === 'add' || change.op === 'change' ? { ...change, item: itemToJson(change.item) } : { ...change }));
}

export function changesFromJson(json: unknown, currency: Currency): ItemChange[] {
  return (json as ItemChangeJson[]).map(
    (change): ItemChange => (change.op === 'add' || change.op === 'change' ? { ...change, item: itemFromJson(change.item, currency) } : (change as ItemChange)),
  );
}

export type StoredTransaction = TimelineTransaction & {
  recordedAt: string;
  premiumChange: Money;
  details: Record<string, unknown>;
  reversedBy: string | null;
};

export type LoadedTimeline = { timeline: PolicyTimeline; transactions: StoredTransaction[] };

/** The policy's whole timeline. The named insureds at issue are those of the application (JPF-DEF-3). */
export async function loadTimeline(db: Db, policy: Pick<Policy, 'id' | 'firstDay' | 'lastDay' | 'premium' | 'applicationId'>): Promise<LoadedTimeline> {
  const [rows, application] = await Promise.all([
    db
      .selectFrom('policy_transaction')
      .select(['id', 'kind', 'effective_date', 'sequence_no', 'item_changes', 'reversed_by', 'recorded_at', 'premium_change', 'currency', 'details'])
      .where('policy_id', '=', policy.id)
      .orderBy('sequence_no')
      .execute(),
    db.selectFrom('application').select('named_insureds').where('id', '=', policy.applicationId).executeTakeFirstOrThrow(),
  ]);
  return timelineOfRows(policy, rows, application.named_insureds);
}

/** A policy_transaction row as the timeline reads it (also as JSON: see transactionRowsJson). */
export type TransactionRow = {
  id: string;
  kind: PolicyTransactionKind;
  effective_date: string;
  sequence_no: number;
  item_changes: unknown;
  reversed_by: string | null;
  recorded_at: string;
  premium_change: string;
  currency: Currency;
  details: unknown;
};

/**
 * The policy's transactions as ONE JSON array, oldest first, each in TransactionRow's shape: a scalar subquery for a
 * statement that reads the policy and its timeline together (findPolicyWithTimelineVisibleTo). Amounts stay text,
 * instants are ISO 8601 UTC.
 */
export const transactionRowsJson = sql<TransactionRow[]>`(
  SELECT coalesce(json_agg(json_build_object(
    'id', t.id, 'kind', t.kind, 'effective_date', t.effective_date, 'sequence_no', t.sequence_no, 'item_changes', t.item_changes,
    'reversed_by', t.reversed_by, 'recorded_at', to_char(t.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'premium_change', t.premium_change::text, 'currency', t.currency, 'details', t.details) ORDER BY t.sequence_no), '[]'::json)
  FROM policy_transaction t WHERE t.policy_id = policy.id)`;

/** The timeline of a policy from its transaction rows (in sequence order) and the named insureds at issue. */
export function timelineOfRows(
  policy: Pick<Policy, 'firstDay' | 'lastDay' | 'premium'>,
  rows: readonly TransactionRow[],
  namedInsuredsAtIssue: unknown,
): LoadedTimeline {
  const currency = policy.premium.currency;
  const transactions: StoredTransaction[] = rows.map((row) => {
    const details = row.details as Record<string, unknown>;
    const premiumEndsOn = typeof details.premiumEndsOn === 'string' ? Temporal.PlainDate.from(details.premiumEndsOn) : undefined;
    return {
      id: row.id,
      kind: row.kind,
      effectiveDate: Temporal.PlainDate.from(row.effective_date),
      sequenceNo: row.sequence_no,
      itemChanges: changesFromJson(row.item_changes, currency),
      reversed: row.reversed_by !== null,
      ...(premiumEndsOn ? { premiumEndsOn } : {}),
      recordedAt: row.recorded_at,
      premiumChange: Money.of(row.premium_change, row.currency),
      details,
      reversedBy: row.reversed_by,
    };
  });
  const firstDay = Temporal.PlainDate.from(policy.firstDay);
  const lastDay = Temporal.PlainDate.from(policy.lastDay);
  const issue = transactions.find((transaction) => transaction.kind === 'issue' || transaction.kind === 'renewal');
  const issuedItems = Money.sum(
    (issue?.itemChanges ?? []).flatMap((change) => (change.op === 'add' ? [change.item.annualPremium] : [])),
    currency,
  );
  const topUp = issue ? issue.premiumChange.minus(issuedItems) : Money.zero(currency);
  const namedInsureds = namedInsuredsAtIssue as string[];
  return {
    timeline: {
      period: { firstDay, lastDay, days: inclusiveDays(firstDay, lastDay) },
      currency,
      namedInsureds,
      minimumPremiumTopUp: topUp.isNegative() ? Money.zero(currency) : topUp,
      transactions,
    },
    transactions,
  };
}

export type NewTransaction = {
  id: string;
  policyId: string;
  kind: PolicyTransactionKind;
  effectiveDate: string;
  recordedAt: string;
  premiumChange: Money;
  itemChanges: readonly ItemChange[];
  details: Record<string, unknown>;
};

/** Appends a transaction at the next sequence number (the caller holds the policy lock). */
export async function appendTransaction(db: Db, transaction: NewTransaction): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT coalesce(max(sequence_no), 0)::int + 1 AS n FROM policy_transaction WHERE policy_id = ${transaction.policyId}`.execute(db);
  const sequenceNo = rows[0]?.n ?? 1;
  await db
    .insertInto('policy_transaction')
    .values({
      id: transaction.id,
      policy_id: transaction.policyId,
      kind: transaction.kind,
      effective_date: transaction.effectiveDate,
      recorded_at: transaction.recordedAt,
      premium_change: transaction.premiumChange.toFixed(),
      currency: transaction.premiumChange.currency,
      details: transaction.details,
      item_changes: JSON.stringify(changesToJson(transaction.itemChanges)),
      sequence_no: sequenceNo,
    })
    .execute();
  return sequenceNo;
}

/**
 * Rewrites the policy's scheduled_item rows from the timeline: every item ever added, with its last version in
 * timeline order, and `removed_on` when its last change removed it. Cancellation and void leave the rows as they
 * are (the policy's status says the cover ended).
 */
export async function rebuildSchedule(db: Db, policyId: string, timeline: PolicyTimeline, addedBy: ReadonlyMap<number, string>): Promise<void> {
  const last = new Map<number, { item: TimelineItem; removedOn: string | null }>();
  for (const transaction of policyAsOf(timeline, Temporal.PlainDate.from('9999-12-31')).applied)
    for (const change of transaction.itemChanges) {
      if (change.op === 'remove_named_insured') continue;
      if (change.op === 'remove') {
        const current = last.get(change.itemNo);
        if (current) last.set(change.itemNo, { item: current.item, removedOn: transaction.effectiveDate.toString() });
      } else last.set(change.itemNo, { item: change.item, removedOn: null });
    }
  if (last.size === 0) return;
  await db
    .insertInto('scheduled_item')
    .values(
      [...last].map(([itemNo, { item, removedOn }]) => ({
        policy_id: policyId,
        item_no: itemNo,
        description: item.description,
        category: item.category,
        coverage_amount: item.coverageAmount.toFixed(),
        set_id: item.setId,
        possessor: item.possessor,
        appraisal_date: item.appraisalDate,
        kept_in_safe: item.keptInSafe,
        purchase_date: item.purchaseDate,
        appraised_by: item.appraisedBy,
        annual_premium: item.annualPremium.toFixed(),
        removed_on: removedOn,
        added_by_transaction: addedBy.get(itemNo) ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['policy_id', 'item_no']).doUpdateSet((eb) => ({
        description: eb.ref('excluded.description'),
        category: eb.ref('excluded.category'),
        coverage_amount: eb.ref('excluded.coverage_amount'),
        set_id: eb.ref('excluded.set_id'),
        possessor: eb.ref('excluded.possessor'),
        appraisal_date: eb.ref('excluded.appraisal_date'),
        kept_in_safe: eb.ref('excluded.kept_in_safe'),
        purchase_date: eb.ref('excluded.purchase_date'),
        appraised_by: eb.ref('excluded.appraised_by'),
        annual_premium: eb.ref('excluded.annual_premium'),
        removed_on: eb.ref('excluded.removed_on'),
      })),
    )
    .execute();
}

/** The transaction that first added each item number (null for items of the issue). */
export function addedByOf(transactions: readonly StoredTransaction[]): Map<number, string> {
  const added = new Map<number, string>();
  for (const transaction of transactions) {
    if (transaction.kind === 'issue' || transaction.kind === 'renewal') continue;
    for (const change of transaction.itemChanges) if (change.op === 'add' && !added.has(change.itemNo)) added.set(change.itemNo, transaction.id);
  }
  return added;
}
