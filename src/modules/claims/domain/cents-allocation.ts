import { Decimal } from 'decimal.js';
import { Money } from '../../../platform/money.ts';

/**
 * Money split in whole cents, the same whatever order the parts come in (the worksheet must not depend on the
 * order of the claim's items): parts are keyed by their claim line number, and ties go to the lower line number.
 */

export type Part = { key: number; amount: Money };

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });

/** Rounds down to whole cents: a share the insurer pays never exceeds its exact proportion. */
export function floorToCents(money: Money): Money {
  return Money.fromDecimal(new D(money.amount).toDecimalPlaces(2, Decimal.ROUND_DOWN), money.currency);
}

/**
 * Splits `total` (at most the sum of the parts) over the parts in proportion to their amounts: each gets its
 * exact share rounded down to cents, and the cents left over go one each to the largest remainders (then the
 * lower key). No part gets more than its own amount, and the parts add up to `total` exactly.
 */
export function allocateInProportion(total: Money, parts: readonly Part[]): Map<number, Money> {
  const weight = Money.sum(
    parts.map((part) => part.amount),
    total.currency,
  );
  if (total.compare(weight) > 0) throw new RangeError('allocateInProportion: the total exceeds the parts');
  const result = new Map<number, Money>();
  if (weight.isZero()) {
    for (const part of parts) result.set(part.key, Money.zero(total.currency));
    return result;
  }
  const exact = parts.map((part) => ({ key: part.key, exact: total.amount.times(part.amount.amount).dividedBy(weight.amount) }));
  let given = Money.zero(total.currency);
  const remainders: { key: number; remainder: Decimal }[] = [];
  for (const { key, exact: value } of exact) {
    const floored = floorToCents(Money.fromDecimal(value, total.currency));
    result.set(key, floored);
    given = given.plus(floored);
    remainders.push({ key, remainder: value.minus(floored.amount) });
  }
  let cents = total.minus(given).amount.times(100).toNumber();
  remainders.sort((a, b) => b.remainder.comparedTo(a.remainder) || a.key - b.key);
  for (const { key } of remainders) {
    if (cents <= 0) break;
    result.set(key, (result.get(key) as Money).plus(Money.of('0.01', total.currency)));
    cents -= 1;
  }
  return result;
}

/**
 * Takes `amount` from the parts in ascending key order, each giving up at most what it has: the deductible is
 * taken from the first line, then the next (one deductible per claim, decision 0016).
 */
export function takeInKeyOrder(amount: Money, parts: readonly Part[]): Map<number, Money> {
  const taken = new Map<number, Money>();
  let left = amount;
  for (const part of [...parts].sort((a, b) => a.key - b.key)) {
    const take = left.min(part.amount).max(Money.zero(amount.currency));
    taken.set(part.key, take);
    left = left.minus(take);
  }
  return taken;
}
