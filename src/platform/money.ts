import { Decimal } from 'decimal.js';

/**
 * Money is an exact decimal amount with its ISO 4217 currency, never a float (DESIGN §3).
 * Amounts are kept at full precision through a calculation; `roundToCents` (half-up, the rounding
 * the rating rules name) is applied where a rule says so, e.g. once per rated item.
 * In the database: `numeric` plus a currency column; in the API: `{ amount: "12.34", currency: "USD" }`.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export type Currency = 'USD' | 'EUR';
export const CURRENCIES: readonly Currency[] = ['USD', 'EUR'];
const MINOR_UNITS: Record<Currency, number> = { USD: 2, EUR: 2 };

export class MoneyError extends Error {
  override name = 'MoneyError';
}

const AMOUNT_TEXT = /^-?\d{1,15}(\.\d{1,10})?$/;

export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: Currency,
  ) {}

  /** From a decimal string ("12.30") or an integer; never from a fractional JS number. */
  static of(amount: string | number, currency: Currency): Money {
    if (typeof amount === 'number' && !Number.isInteger(amount))
      throw new MoneyError(`Money from a fractional number (${amount}) would carry float error: pass a string`);
    const text = String(amount);
    if (!AMOUNT_TEXT.test(text)) throw new MoneyError(`Not a decimal amount: ${JSON.stringify(text)}`);
    if (!CURRENCIES.includes(currency)) throw new MoneyError(`Unknown currency: ${currency}`);
    return new Money(new D(text), currency);
  }

  static zero(currency: Currency): Money {
    return new Money(new D(0), currency);
  }

  static fromDecimal(amount: Decimal.Value, currency: Currency): Money {
    return new Money(new D(amount), currency);
  }

  static sum(items: readonly Money[], currency: Currency): Money {
    return items.reduce((total, item) => total.plus(item), Money.zero(currency));
  }

  private same(other: Money): void {
    if (other.currency !== this.currency) throw new MoneyError(`Cannot combine ${this.currency} with ${other.currency}`);
  }

  plus(other: Money): Money {
    this.same(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.same(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /** Multiplies by an exact factor (a rate, a ratio of days); give factors as strings or Decimals. */
  times(factor: Decimal.Value): Money {
    if (typeof factor === 'number' && !Number.isInteger(factor))
      throw new MoneyError(`Fractional factor ${factor} as a number would carry float error: pass a string`);
    return new Money(this.amount.times(new D(factor)), this.currency);
  }

  dividedBy(divisor: Decimal.Value): Money {
    return new Money(this.amount.dividedBy(new D(divisor)), this.currency);
  }

  /** Half-up to the currency's minor unit: 2.345 → 2.35, -2.345 → -2.35 (away from zero on ties). */
  roundToCents(): Money {
    return new Money(this.amount.toDecimalPlaces(MINOR_UNITS[this.currency], Decimal.ROUND_HALF_UP), this.currency);
  }

  max(other: Money): Money {
    this.same(other);
    return this.amount.greaterThanOrEqualTo(other.amount) ? this : other;
  }

  min(other: Money): Money {
    this.same(other);
    return this.amount.lessThanOrEqualTo(other.amount) ? this : other;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.same(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.isPositive() && !this.amount.isZero();
  }

  /** Fixed to the minor unit, for display, storage and the API: "1234.50". */
  toFixed(): string {
    return this.amount.toFixed(MINOR_UNITS[this.currency], Decimal.ROUND_HALF_UP);
  }

  toJSON(): { amount: string; currency: Currency } {
    return { amount: this.toFixed(), currency: this.currency };
  }

  toString(): string {
    return `${this.toFixed()} ${this.currency}`;
  }
}
