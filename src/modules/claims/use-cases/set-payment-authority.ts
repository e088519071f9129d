import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { permissionsOfRoles, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type Currency, Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findActiveUserRoles } from '../jeweler-order-repository.ts';
import { paymentErrors } from '../payment-errors.ts';
import { findPaymentAuthority, type PaymentAuthority, upsertPaymentAuthority } from '../payment-repository.ts';

/**
 * An admin sets how much a person who pays claims (claims:pay) may have paid on one claim without another
 * person's approval, per currency (issue #4: "payment authority limits per adjuster"). A limit of 0 means every
 * payment of theirs waits for approval, as having no limit at all does.
 */
export async function setPaymentAuthority(
  deps: Deps,
  actor: Actor,
  input: { userId: string; limit: string; currency: Currency },
  origin: RequestOrigin,
): Promise<PaymentAuthority> {
  requirePermission(actor, 'claims:manage_authority');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const user = await findActiveUserRoles(trx, input.userId);
    if (!user || !permissionsOfRoles(user.roles).has('claims:pay')) throw paymentErrors.notPayer();
    const limit = Money.of(input.limit, input.currency);
    const before = await findPaymentAuthority(trx, input.userId, input.currency);
    const now = nowText(deps.clock);
    await upsertPaymentAuthority(trx, { userId: input.userId, limit, setBy: actor.userId, setAt: now });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.payment_authority_set',
        subject: { type: 'app_user', id: input.userId },
        details: { currency: input.currency, before: before?.toJSON() ?? null, after: limit.toJSON() },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { userId: input.userId, displayName: user.displayName, roles: user.roles, limit, currency: input.currency, setAt: now };
  });
}
