import { recordAuditEvent } from '../../../platform/audit/index.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { verifyAgainstDummy, verifyPassword } from '../../../platform/auth/passwords.ts';
import { nowText } from '../../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits } from '../../../platform/http/rate-limit.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Account, deleteSession, findAccountByEmailForLogin, insertSession } from '../accounts-repository.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { CONFIRM_EMAIL_LINK_HOURS } from '../domain/email-links.ts';
import { LOGIN_PER_EMAIL, LOGIN_PER_IP } from '../domain/login-rate-limits.ts';
import { accountErrors } from '../errors.ts';
import { sendMailedLink } from '../mailed-links.ts';

export type LoggedIn = { sessionToken: string; expiresAt: string; account: Account; actor: UserActor };

/**
 * Email + password → a new session (issue #2, point 3). Only the SHA-256 of the session token is
 * stored. Every failure says the same thing and takes the same time whether or not the email is
 * registered, and is written to the audit log.
 */
export async function logIn(
  deps: Deps,
  input: { email: string; password: string },
  origin: RequestOrigin,
  previousSessionTokenHash: string | null = null,
): Promise<LoggedIn> {
  const email = normaliseEmail(input.email);
  await enforceRateLimits(deps.db, deps.clock, [
    { bucket: `login:ip:${origin.ip ?? 'unknown'}`, rule: LOGIN_PER_IP },
    { bucket: `login:email:${sha256Hex(email)}`, rule: LOGIN_PER_EMAIL },
  ]);
  const account = await findAccountByEmailForLogin(deps.db, email);
  const passwordRight = account?.passwordHash
    ? await verifyPassword(input.password, account.passwordHash)
    : await verifyAgainstDummy(input.password, deps.config.passwordHashCost);

  if (!account || !passwordRight) {
    await inTransaction(deps.db, (trx) =>
      recordAuditEvent(
        trx,
        {
          actor: ANONYMOUS,
          action: 'auth.login_failed',
          outcome: 'failure',
          subject: { type: 'user', id: account?.id ?? null },
          personalDetails: { email, ip: origin.ip },
          requestId: origin.requestId,
        },
        deps.clock,
      ),
    );
    throw accountErrors.invalidCredentials();
  }
  if (account.status === 'disabled') throw accountErrors.accountDisabled();
  if (account.status === 'pending_confirmation') {
    // They know the password, so telling them the address is unconfirmed reveals nothing; send a fresh link.
    await inTransaction(deps.db, async (trx) => {
      await sendMailedLink(trx, deps, {
        recipient: account,
        purpose: 'confirm_email',
        template: 'confirm_email',
        page: 'confirm-email',
        validForMinutes: CONFIRM_EMAIL_LINK_HOURS * 60,
      });
    });
    throw accountErrors.emailNotConfirmed();
  }

  const sessionToken = randomToken();
  const expiresAt = deps.clock.now().add({ hours: deps.config.sessionTtlHours }).toString();
  const actor: UserActor = { kind: 'user', userId: account.id, roles: account.roles, locale: account.locale, via: 'session' };
  await inTransaction(deps.db, async (trx) => {
    // A login replaces the browser's earlier session rather than leaving it valid beside the new one.
    if (previousSessionTokenHash) await deleteSession(trx, previousSessionTokenHash);
    await insertSession(trx, {
      tokenHash: sha256Hex(sessionToken),
      userId: account.id,
      now: nowText(deps.clock),
      expiresAt,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    await recordAuditEvent(
      trx,
      { actor, action: 'auth.logged_in', subject: { type: 'user', id: account.id }, personalDetails: { ip: origin.ip }, requestId: origin.requestId },
      deps.clock,
    );
  });
  const { passwordHash: _hidden, ...visible } = account;
  return { sessionToken, expiresAt, account: visible, actor };
}
