import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Currency, Money, MoneyError } from '../../../platform/money.ts';
import type { Visibility } from '../billing-repository.ts';
import { billingErrors } from '../errors.ts';

/** Helpers shared by the billing use cases. */

/**
 * Billing staff (and auditors) see every account; anyone else logged in sees the accounts they
 * hold, so another customer's invoice is simply not found (404, DESIGN §5).
 */
export function visibilityOf(actor: Actor): Visibility {
  if (can(actor, 'billing:read')) return { holderUserId: null };
  if (actor.kind === 'user') return { holderUserId: actor.userId };
  throw problems.unauthenticated();
}

/** Who did it, as stored beside the record: a user id, or 'system:<name>' (as audit_event.actor_id). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** A positive amount in whole cents, or the amount_invalid problem on `field`. */
export function positiveCents(amount: string, currency: Currency, field: string): Money {
  let money: Money;
  try {
    money = Money.of(amount, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw billingErrors.amountInvalid(field);
    throw error;
  }
  if (money.isNegative() || money.isZero() || !money.roundToCents().equals(money)) throw billingErrors.amountInvalid(field);
  return money;
}
