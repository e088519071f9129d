import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Account, findAccountVisibleTo, updateAccount } from '../accounts-repository.ts';
import { accountInputProblems } from '../domain/account-input.ts';

/** A user changes their own name or language. */
export async function updateProfile(
  deps: Deps,
  actor: Actor,
  changes: { displayName?: string | undefined; locale?: Locale | undefined },
  origin: RequestOrigin,
): Promise<Account> {
  requirePermission(actor, 'profile:write');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  if (changes.displayName !== undefined) accountInputProblems({ displayName: changes.displayName }).throwIfAny();
  return inTransaction(deps.db, async (trx) => {
    const account = await findAccountVisibleTo(trx, actor, actor.userId);
    if (!account) throw problems.notFound();
    const displayName = changes.displayName?.trim();
    await updateAccount(
      trx,
      actor.userId,
      { ...(displayName !== undefined && { displayName }), ...(changes.locale !== undefined && { locale: changes.locale }) },
      nowText(deps.clock),
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'account.profile_updated',
        subject: { type: 'user', id: actor.userId },
        details: { fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined) },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...account, ...(displayName !== undefined && { displayName }), ...(changes.locale !== undefined && { locale: changes.locale }) };
  });
}
