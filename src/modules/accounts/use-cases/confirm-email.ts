import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { consumeEmailToken, findAccountById, updateAccount } from '../accounts-repository.ts';
import { accountErrors } from '../errors.ts';

/** The mailed link proves the address; it works once and only before it expires (issue #2, point 3). */
export async function confirmEmail(deps: Deps, token: string, origin: RequestOrigin): Promise<{ userId: string }> {
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const userId = await consumeEmailToken(trx, sha256Hex(token), 'confirm_email', now);
    if (!userId) throw accountErrors.linkInvalid();
    const account = await findAccountById(trx, userId);
    if (!account) throw accountErrors.linkInvalid();
    // A disabled account stays disabled: confirming the address does not re-enable it.
    await updateAccount(trx, userId, { emailConfirmedAt: now, ...(account.status === 'pending_confirmation' && { status: 'active' }) }, now);
    await recordAuditEvent(
      trx,
      { actor: ANONYMOUS, action: 'account.email_confirmed', subject: { type: 'user', id: userId }, requestId: origin.requestId },
      deps.clock,
    );
    return { userId };
  });
}
