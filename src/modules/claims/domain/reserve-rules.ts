import type { ReserveEntryKind } from '../../../platform/db/schema-claims-payments.ts';
import { Money } from '../../../platform/money.ts';

/**
 * The claim's reserve (issue #4: "Reserves per claim (set, changed with reason, released)") as a ledger: every
 * change is a new entry with the balance after it, never an edit. The first amount sets the reserve; any later
 * amount changes it and must say why; a release brings it to zero and must say why; an issued payment uses up its
 * amount (the payment rules make sure it never takes the balance below zero).
 */

export type ReserveEntryDraft = { readonly kind: ReserveEntryKind; readonly change: Money; readonly balance: Money };

export type ReserveRefusal = 'reserve_reason_required' | 'reserve_unchanged' | 'no_open_reserve';

/** `current` is the latest balance, or null when the claim has no reserve entry yet. */
export function reserveSetTo(
  current: Money | null,
  amount: Money,
  reason: string | null,
): { ok: true; entry: ReserveEntryDraft } | { ok: false; code: ReserveRefusal } {
  if (current === null) return { ok: true, entry: { kind: 'set', change: amount, balance: amount } };
  if (reason === null || reason.trim() === '') return { ok: false, code: 'reserve_reason_required' };
  if (current.equals(amount)) return { ok: false, code: 'reserve_unchanged' };
  return { ok: true, entry: { kind: 'change', change: amount.minus(current), balance: amount } };
}

export function reserveReleased(current: Money | null, reason: string): { ok: true; entry: ReserveEntryDraft } | { ok: false; code: ReserveRefusal } {
  if (current === null || current.isZero()) return { ok: false, code: 'no_open_reserve' };
  if (reason.trim() === '') return { ok: false, code: 'reserve_reason_required' };
  return { ok: true, entry: { kind: 'release', change: Money.zero(current.currency).minus(current), balance: Money.zero(current.currency) } };
}

/** An issued payment's entry: the reserve goes down by the payment. */
export function reserveAfterPayment(current: Money, amount: Money): ReserveEntryDraft {
  const balance = current.minus(amount);
  if (balance.isNegative()) throw new RangeError(`A payment of ${amount} exceeds the open reserve ${current}`);
  return { kind: 'payment', change: Money.zero(amount.currency).minus(amount), balance };
}
