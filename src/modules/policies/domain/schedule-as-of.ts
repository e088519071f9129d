/**
 * Which items were on the schedule on a date (issue #3: "staff can view it as of a date"), for the
 * back office's policy 360 view. An item is on the schedule from the effective date of the
 * transaction that added it (the issue, or the purchase date of newly purchased jewelry, JPF-ADD-1)
 * up to the day before it was removed (removedOn is the first day without cover).
 *
 * This marks the schedule as it stands now; the policy as of a date derived from its transactions
 * (decision 0009, policyAsOf in policy-timeline.ts) also knows the earlier versions of changed items
 * and replaces it once the 360 view is wired to it. Dates are ISO 'YYYY-MM-DD', which sort as text.
 */

export type ScheduleMark = { kind: 'on' } | { kind: 'not_yet'; addedOn: string } | { kind: 'removed'; removedOn: string };

export type MarkableItem = { itemNo: number; purchaseDate?: string | null | undefined; removedOn?: string | null | undefined };
export type AddingTransaction = { effectiveDate: string; addedItemNos: readonly number[] };

/** The day each item came on the schedule: the earliest transaction adding it, else its purchase date, else the first day. */
export function addedOnDates(items: readonly MarkableItem[], transactions: readonly AddingTransaction[], firstDay: string): Map<number, string> {
  const added = new Map<number, string>();
  for (const transaction of transactions)
    for (const itemNo of transaction.addedItemNos) {
      const known = added.get(itemNo);
      if (known === undefined || transaction.effectiveDate < known) added.set(itemNo, transaction.effectiveDate);
    }
  for (const item of items) if (!added.has(item.itemNo)) added.set(item.itemNo, item.purchaseDate ?? firstDay);
  return added;
}

/** The item's mark on `asOf`; without a date, as the schedule stands at the end of the period. */
export function scheduleMark(item: MarkableItem, addedOn: string, asOf: string | null): ScheduleMark {
  if (asOf !== null && addedOn > asOf) return { kind: 'not_yet', addedOn };
  if (item.removedOn && (asOf === null || item.removedOn <= asOf)) return { kind: 'removed', removedOn: item.removedOn };
  return { kind: 'on' };
}

/** The transactions that take effect on or before `asOf` (all of them without a date). */
export function effectiveBy<T extends { effectiveDate: string }>(transactions: readonly T[], asOf: string | null): T[] {
  return asOf === null ? [...transactions] : transactions.filter((transaction) => transaction.effectiveDate <= asOf);
}
