import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { nowText } from '../../../platform/clock.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits } from '../../../platform/http/rate-limit.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { consumeEmailToken, deleteSessionsOfUser, findAccountById, findEmailOfLink, updateAccount } from '../accounts-repository.ts';
import { accountInputProblems } from '../domain/account-input.ts';
import { LINK_PER_IP } from '../domain/login-rate-limits.ts';
import { accountErrors } from '../errors.ts';

/**
 * Sets a new password from a reset link (also used by the staff welcome link). The link works once;
 * a replayed or expired link changes nothing. Every session of the user ends: whoever knew the
 * old password is logged out. A reset also proves the address, so a pending account becomes active.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }, origin: RequestOrigin): Promise<{ userId: string }> {
  await enforceRateLimits(deps.db, deps.clock, [{ bucket: `link:ip:${origin.ip ?? 'unknown'}`, rule: LINK_PER_IP }]);
  const tokenHash = sha256Hex(input.token);
  accountInputProblems({ password: input.password, email: (await findEmailOfLink(deps.db, tokenHash)) ?? '' }).throwIfAny();
  const passwordHash = await hashPassword(input.password, deps.config.passwordHashCost);
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const userId = await consumeEmailToken(trx, tokenHash, 'reset_password', now);
    if (!userId) throw accountErrors.linkInvalid();
    const account = await findAccountById(trx, userId);
    if (!account || account.status === 'disabled') throw accountErrors.linkInvalid();
    await updateAccount(trx, userId, { passwordHash, ...(account.status === 'pending_confirmation' && { status: 'active', emailConfirmedAt: now }) }, now);
    const ended = await deleteSessionsOfUser(trx, userId);
    await recordAuditEvent(
      trx,
      {
        actor: ANONYMOUS,
        action: 'auth.password_reset',
        subject: { type: 'user', id: userId },
        details: { sessionsEnded: ended },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { userId };
  });
}
