import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Account, countActiveAdmins, deleteSessionsOfUser, findAccountVisibleTo, updateAccount } from '../accounts-repository.ts';
import { accountErrors } from '../errors.ts';

/**
 * Disables or re-enables a user. Disabling ends their sessions at once; their API tokens stop
 * working because token lookups require an active user.
 */
export async function setUserStatus(deps: Deps, actor: Actor, userId: string, status: 'active' | 'disabled', origin: RequestOrigin): Promise<Account> {
  requirePermission(actor, 'users:manage');
  return inTransaction(deps.db, async (trx) => {
    await trx.selectFrom('user_role').select('user_id').where('role', '=', 'admin').forUpdate().execute();
    const account = await findAccountVisibleTo(trx, actor, userId);
    if (!account) throw problems.notFound();
    if (account.status === status) return account;
    if (status === 'disabled' && account.roles.includes('admin') && account.status === 'active' && (await countActiveAdmins(trx)) <= 1)
      throw accountErrors.lastAdmin();
    const now = nowText(deps.clock);
    // Re-enabling a user who never confirmed leaves them active: an admin vouches for them.
    await updateAccount(trx, userId, { status }, now);
    const ended = status === 'disabled' ? await deleteSessionsOfUser(trx, userId) : 0;
    await recordAuditEvent(
      trx,
      {
        actor,
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        subject: { type: 'user', id: userId },
        details: { sessionsEnded: ended },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...account, status };
  });
}
