import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Locale, Role } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Account, findAccountByEmailForLogin, findAccountById, insertAccount } from '../accounts-repository.ts';
import { accountInputProblems } from '../domain/account-input.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { STAFF_WELCOME_LINK_HOURS } from '../domain/email-links.ts';
import { accountErrors } from '../errors.ts';
import { sendMailedLink } from '../mailed-links.ts';

export type CreateUserInput = { email: string; displayName: string; roles: Role[]; locale: Locale; password?: string | undefined };

/**
 * An administrator (back office, API or `bezel users create`) adds a user with roles. Without a
 * password the user gets a welcome mail with a link to choose one; the address is proven by it.
 * The admin may learn that an address is taken: that is not an enumeration risk for staff.
 */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput, origin: RequestOrigin): Promise<Account> {
  requirePermission(actor, 'users:manage');
  const email = normaliseEmail(input.email);
  accountInputProblems({ email, displayName: input.displayName, ...(input.password !== undefined && { password: input.password }) }).throwIfAny();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password, deps.config.passwordHashCost);
  const roles = [...new Set(input.roles)].sort();
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    if (await findAccountByEmailForLogin(trx, email)) throw accountErrors.emailTaken();
    const id = newId();
    const grantedBy = actor.kind === 'user' ? actor.userId : null;
    await insertAccount(
      trx,
      {
        id,
        email,
        displayName: input.displayName.trim(),
        locale: input.locale,
        status: 'active',
        passwordHash,
        now,
        emailConfirmedAt: passwordHash ? now : null,
      },
      roles,
      grantedBy,
    );
    if (!passwordHash) {
      await sendMailedLink(trx, deps, {
        recipient: { id, email, locale: input.locale, displayName: input.displayName.trim() },
        purpose: 'reset_password',
        template: 'staff_welcome',
        page: 'reset-password',
        validForMinutes: STAFF_WELCOME_LINK_HOURS * 60,
      });
    }
    await recordAuditEvent(
      trx,
      { actor, action: 'user.created', subject: { type: 'user', id }, details: { roles }, personalDetails: { email }, requestId: origin.requestId },
      deps.clock,
    );
    const created = await findAccountById(trx, id);
    if (!created) throw new Error('created user not found in its own transaction');
    return created;
  });
}
