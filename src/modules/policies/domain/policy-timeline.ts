import { Temporal } from 'temporal-polyfill';
import { Money } from '../../../platform/money.ts';
import { anniversaryOf, type PolicyPeriod } from './policy-period.ts';
import { unearnedPremium } from './pro-rata.ts';

/**
 * The policy as of any date, derived from its transactions (issue #3, "Policy transactions"; decision 0009).
 *
 * A transaction has an effective date (the first day its change applies, at 00:01 in the insured's time zone)
 * and a sequence number (the order it was recorded). The timeline applies transactions in the order
 * (effective date, sequence number): a transaction recorded later but back-dated before an earlier one (out of
 * sequence) lands where it would have landed had it arrived in order. Everything here is a function of that
 * ordered set, so the schedule on every date and the premium charged for the term are the same whatever order
 * the transactions arrived in.
 *
 * Premium: each version of an item is on the schedule for a run of days [from, until) and is charged
 * unearned(annual, from) − unearned(annual, until), the telescoping pieces of decision 0005 — so an item
 * that stays from the first day to the anniversary is charged exactly its annual premium, and cutting a run
 * anywhere never moves a cent elsewhere. The premium change of a new transaction is the charged premium with it
 * minus without it; a price preview and the execution call the same function (issue #3: preview = execution).
 */

export type TimelineItem = {
  readonly description: string;
  readonly category: string;
  readonly coverageAmount: Money;
  readonly setId: string | null;
  readonly possessor: string | null;
  readonly appraisalDate: string | null;
  readonly keptInSafe: boolean;
  readonly purchaseDate: string | null;
  /** JPF-COND-9: the selling or approved jeweler whose appraisal supports the item (null for items of the application). */
  readonly appraisedBy: string | null;
  /** The item's premium for a whole term, as rated. */
  readonly annualPremium: Money;
};

export type ItemChange =
  | { readonly op: 'add'; readonly itemNo: number; readonly item: TimelineItem }
  | { readonly op: 'change'; readonly itemNo: number; readonly item: TimelineItem }
  | { readonly op: 'remove'; readonly itemNo: number }
  | { readonly op: 'remove_named_insured'; readonly name: string };

/** 'total_loss' (JPF-SETTLE-7): a paid total loss removes the item from the day after the loss. */
export type TransactionKind = 'issue' | 'cancellation' | 'new_purchase' | 'endorsement' | 'reinstatement' | 'void' | 'assignment' | 'renewal' | 'total_loss';

export type TimelineTransaction = {
  readonly id: string;
  readonly kind: TransactionKind;
  readonly effectiveDate: Temporal.PlainDate;
  readonly sequenceNo: number;
  readonly itemChanges: readonly ItemChange[];
  /** A cancellation reversed by a reinstatement no longer counts. */
  readonly reversed: boolean;
  /**
   * For a cancellation: the first day no premium is earned. The effective date, except inside the JPF-CANCEL-1
   * 30-day window, where nothing is earned and it is the first day of the period.
   */
  readonly premiumEndsOn?: Temporal.PlainDate;
};

export type PolicyTimeline = {
  readonly period: PolicyPeriod;
  readonly currency: Money['currency'];
  readonly namedInsureds: readonly string[];
  /**
   * The part of the issue premium that lifts the items' premiums to the product's minimum premium. It is
   * earned like an item that stays on the schedule for the whole period.
   */
  readonly minimumPremiumTopUp: Money;
  readonly transactions: readonly TimelineTransaction[];
};

export type PolicyStateAsOf = {
  readonly date: Temporal.PlainDate;
  readonly status: 'not_yet_in_force' | 'in_force' | 'cancelled' | 'void' | 'ended';
  readonly items: ReadonlyMap<number, TimelineItem>;
  readonly namedInsureds: readonly string[];
  /** The transactions that had taken effect by the date, in timeline order. */
  readonly applied: readonly TimelineTransaction[];
};

export type TimelineProblem =
  | { readonly code: 'item_not_on_schedule'; readonly itemNo: number; readonly transactionId: string; readonly date: Temporal.PlainDate }
  | { readonly code: 'item_already_on_schedule'; readonly itemNo: number; readonly transactionId: string; readonly date: Temporal.PlainDate }
  | { readonly code: 'named_insured_unknown'; readonly name: string; readonly transactionId: string; readonly date: Temporal.PlainDate }
  | { readonly code: 'last_named_insured'; readonly name: string; readonly transactionId: string; readonly date: Temporal.PlainDate }
  | { readonly code: 'change_after_cover_ended'; readonly transactionId: string; readonly date: Temporal.PlainDate };

const compareDates = Temporal.PlainDate.compare;

export function inTimelineOrder(transactions: readonly TimelineTransaction[]): TimelineTransaction[] {
  return [...transactions].sort((a, b) => compareDates(a.effectiveDate, b.effectiveDate) || a.sequenceNo - b.sequenceNo);
}

function endsCover(transaction: TimelineTransaction): boolean {
  return (transaction.kind === 'cancellation' && !transaction.reversed) || transaction.kind === 'void';
}

/** Walks the timeline once; `visit` sees the schedule just before each transaction applies. */
function walk(
  timeline: PolicyTimeline,
  until: Temporal.PlainDate | null,
  visit?: (transaction: TimelineTransaction, items: Map<number, TimelineItem>, insureds: string[], coverEnded: boolean) => void,
) {
  const items = new Map<number, TimelineItem>();
  let insureds = [...timeline.namedInsureds];
  let coverEnded: TimelineTransaction | null = null;
  const applied: TimelineTransaction[] = [];
  for (const transaction of inTimelineOrder(timeline.transactions)) {
    if (until && compareDates(transaction.effectiveDate, until) > 0) break;
    visit?.(transaction, items, insureds, coverEnded !== null);
    applied.push(transaction);
    if (endsCover(transaction)) coverEnded ??= transaction;
    for (const change of transaction.itemChanges) {
      if (change.op === 'add' || change.op === 'change') items.set(change.itemNo, change.item);
      else if (change.op === 'remove') items.delete(change.itemNo);
      else insureds = insureds.filter((name) => name !== change.name);
    }
  }
  return { items, insureds, coverEnded, applied };
}

/** The schedule, named insureds and status on `date` (the policy as staff view it "as of" a date). */
export function policyAsOf(timeline: PolicyTimeline, date: Temporal.PlainDate): PolicyStateAsOf {
  const { items, insureds, coverEnded, applied } = walk(timeline, date);
  const status =
    coverEnded?.kind === 'void'
      ? 'void'
      : coverEnded
        ? 'cancelled'
        : compareDates(date, timeline.period.firstDay) < 0
          ? 'not_yet_in_force'
          : compareDates(date, timeline.period.lastDay) > 0
            ? 'ended'
            : 'in_force';
  return { date, status, items: status === 'cancelled' || status === 'void' ? new Map() : items, namedInsureds: insureds, applied };
}

/**
 * The problems a timeline has: a change or removal of an item that is not on the schedule on its date, an
 * addition of an item number already there, a removal of an unknown or the last named insured, or a change
 * effective after cover ended. A new transaction that would leave any of these — typically one back-dated
 * before a later change it contradicts — is refused.
 */
export function timelineProblems(timeline: PolicyTimeline): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  walk(timeline, null, (transaction, items, insureds, coverEnded) => {
    const date = transaction.effectiveDate;
    if (coverEnded && transaction.itemChanges.length > 0) problems.push({ code: 'change_after_cover_ended', transactionId: transaction.id, date });
    const remaining = [...insureds];
    for (const change of transaction.itemChanges) {
      if (change.op === 'remove_named_insured') {
        if (!remaining.includes(change.name)) problems.push({ code: 'named_insured_unknown', name: change.name, transactionId: transaction.id, date });
        else if (remaining.length === 1) problems.push({ code: 'last_named_insured', name: change.name, transactionId: transaction.id, date });
        else remaining.splice(remaining.indexOf(change.name), 1);
        continue;
      }
      const onSchedule = items.has(change.itemNo);
      if (change.op === 'add' && onSchedule) problems.push({ code: 'item_already_on_schedule', itemNo: change.itemNo, transactionId: transaction.id, date });
      if (change.op !== 'add' && !onSchedule) problems.push({ code: 'item_not_on_schedule', itemNo: change.itemNo, transactionId: transaction.id, date });
    }
  });
  return problems;
}

/** The next free item number: item numbers are never reused, whatever the date of the transaction that freed one. */
export function nextItemNo(timeline: PolicyTimeline): number {
  let highest = 0;
  for (const transaction of timeline.transactions)
    for (const change of transaction.itemChanges) if (change.op !== 'remove_named_insured' && change.itemNo > highest) highest = change.itemNo;
  return highest + 1;
}

export type ItemRun = {
  readonly itemNo: number;
  readonly item: TimelineItem;
  readonly from: Temporal.PlainDate;
  readonly until: Temporal.PlainDate;
  readonly premium: Money;
};

function clampToPeriod(period: PolicyPeriod, date: Temporal.PlainDate): Temporal.PlainDate {
  const anniversary = anniversaryOf(period);
  if (compareDates(date, period.firstDay) < 0) return period.firstDay;
  if (compareDates(date, anniversary) > 0) return anniversary;
  return date;
}

/** The piece of a term premium for the days [from, until): unearned(from) − unearned(until) (decision 0005). */
function piece(annual: Money, period: PolicyPeriod, from: Temporal.PlainDate, until: Temporal.PlainDate): Money {
  const start = clampToPeriod(period, from);
  const end = clampToPeriod(period, until);
  if (compareDates(start, end) >= 0) return Money.zero(annual.currency);
  return unearnedPremium(annual, period, start).minus(unearnedPremium(annual, period, end));
}

/**
 * Every run of days an item version spent on the schedule, with the premium charged for it. Runs end at the
 * next version, a removal, the first day premium stops being earned (a cancellation or void), or the anniversary.
 */
export function itemRuns(timeline: PolicyTimeline): ItemRun[] {
  const { period } = timeline;
  const anniversary = anniversaryOf(period);
  const premiumEnd = premiumEndOf(timeline);
  const open = new Map<number, { item: TimelineItem; from: Temporal.PlainDate }>();
  const runs: ItemRun[] = [];
  const close = (itemNo: number, until: Temporal.PlainDate) => {
    const run = open.get(itemNo);
    if (!run) return;
    open.delete(itemNo);
    const end = compareDates(until, premiumEnd) < 0 ? until : premiumEnd;
    runs.push({ itemNo, item: run.item, from: run.from, until: end, premium: piece(run.item.annualPremium, period, run.from, end) });
  };
  for (const transaction of inTimelineOrder(timeline.transactions)) {
    for (const change of transaction.itemChanges) {
      if (change.op === 'remove_named_insured') continue;
      close(change.itemNo, transaction.effectiveDate);
      if (change.op !== 'remove') open.set(change.itemNo, { item: change.item, from: transaction.effectiveDate });
    }
  }
  for (const itemNo of [...open.keys()]) close(itemNo, anniversary);
  return runs;
}

/** The first day premium is no longer earned: the anniversary, or the end set by a cancellation or a void. */
export function premiumEndOf(timeline: PolicyTimeline): Temporal.PlainDate {
  const ending = inTimelineOrder(timeline.transactions).find(endsCover);
  if (!ending) return anniversaryOf(timeline.period);
  if (ending.kind === 'void') return timeline.period.firstDay;
  return ending.premiumEndsOn ?? ending.effectiveDate;
}

/**
 * JPF-COND-3: the first day the policy is no longer in force before its anniversary — the effective date of a
 * cancellation not reversed by a reinstatement, or the first day for a void (void from the start) — or null.
 */
export function coverEndOf(timeline: PolicyTimeline): Temporal.PlainDate | null {
  const ending = inTimelineOrder(timeline.transactions).find(endsCover);
  if (!ending) return null;
  return ending.kind === 'void' ? timeline.period.firstDay : ending.effectiveDate;
}

/** The premium charged for the term by the whole timeline: every item run's piece plus the earned minimum top-up. */
export function chargedPremium(timeline: PolicyTimeline): Money {
  const items = Money.sum(
    itemRuns(timeline).map((run) => run.premium),
    timeline.currency,
  );
  return items.plus(piece(timeline.minimumPremiumTopUp, timeline.period, timeline.period.firstDay, premiumEndOf(timeline)));
}

/** The premium earned up to (not including) `date` by the timeline as it stands: what a cancellation on `date` keeps. */
export function earnedBefore(timeline: PolicyTimeline, date: Temporal.PlainDate): Money {
  const cut: TimelineTransaction = {
    id: 'earned-cut',
    kind: 'cancellation',
    effectiveDate: date,
    sequenceNo: Number.MAX_SAFE_INTEGER,
    itemChanges: [],
    reversed: false,
  };
  return chargedPremium(withTransaction(timeline, cut));
}

export function withTransaction(timeline: PolicyTimeline, transaction: TimelineTransaction): PolicyTimeline {
  return { ...timeline, transactions: [...timeline.transactions, transaction] };
}

/**
 * The premium change a new transaction makes: the charged premium with it minus without it. Used alike by the
 * preview and the execution. Transactions arriving in any order add up to the same charged premium.
 */
export function premiumChangeOf(timeline: PolicyTimeline, transaction: TimelineTransaction): Money {
  return chargedPremium(withTransaction(timeline, transaction)).minus(chargedPremium(timeline));
}
