import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Role } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Account, countActiveAdmins, findAccountVisibleTo, replaceRoles } from '../accounts-repository.ts';
import { accountErrors } from '../errors.ts';

/** Replaces a user's roles. The last active administrator cannot lose the role: nobody could give it back. */
export async function changeUserRoles(deps: Deps, actor: Actor, userId: string, roles: Role[], origin: RequestOrigin): Promise<Account> {
  requirePermission(actor, 'users:manage');
  const wanted = [...new Set(roles)].sort();
  return inTransaction(deps.db, async (trx) => {
    // Lock the admins' role rows so two concurrent demotions cannot both pass the last-admin check.
    await trx.selectFrom('user_role').select('user_id').where('role', '=', 'admin').forUpdate().execute();
    const account = await findAccountVisibleTo(trx, actor, userId);
    if (!account) throw problems.notFound();
    if (account.roles.includes('admin') && !wanted.includes('admin') && account.status === 'active' && (await countActiveAdmins(trx)) <= 1)
      throw accountErrors.lastAdmin();
    await replaceRoles(trx, userId, wanted, actor.kind === 'user' ? actor.userId : null, nowText(deps.clock));
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'user.roles_changed',
        subject: { type: 'user', id: userId },
        details: { before: account.roles, after: wanted },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { ...account, roles: wanted };
  });
}
