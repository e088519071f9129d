import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits } from '../../../platform/http/rate-limit.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findAccountByEmailForLogin, insertAccount } from '../accounts-repository.ts';
import { accountInputProblems } from '../domain/account-input.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { CONFIRM_EMAIL_LINK_HOURS, emailLink } from '../domain/email-links.ts';
import { REGISTER_PER_IP } from '../domain/login-rate-limits.ts';
import { sendMailedLink } from '../mailed-links.ts';

export type RegisterCustomerInput = { email: string; password: string; displayName: string; locale: Locale };

/**
 * Self-registration of a customer (issue #2, point 3). The answer is the same whether or not the
 * email is already registered, so the form cannot be used to find out who is a customer: a new
 * address gets a confirmation link, a known one gets a note that someone tried to register with it.
 */
export async function registerCustomer(deps: Deps, input: RegisterCustomerInput, origin: RequestOrigin): Promise<{ outcome: 'confirmation_sent' }> {
  const email = normaliseEmail(input.email);
  accountInputProblems({ email, password: input.password, displayName: input.displayName }).throwIfAny();
  await enforceRateLimits(deps.db, deps.clock, [{ bucket: `register:ip:${origin.ip ?? 'unknown'}`, rule: REGISTER_PER_IP }]);
  // Hash before the transaction: it is the slow part, and holds no lock.
  const passwordHash = await hashPassword(input.password, deps.config.passwordHashCost);
  await inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    const existing = await findAccountByEmailForLogin(trx, email);
    if (existing) {
      await enqueueMail(
        trx,
        {
          to: existing.email,
          locale: existing.locale,
          template: 'registration_attempt',
          params: { name: existing.displayName, link: emailLink(deps.config.publicUrl, 'login') },
        },
        deps.clock,
      );
      await recordAuditEvent(
        trx,
        { actor: ANONYMOUS, action: 'account.registration_repeated', subject: { type: 'user', id: existing.id }, requestId: origin.requestId },
        deps.clock,
      );
      return;
    }
    const userId = newId();
    await insertAccount(
      trx,
      {
        id: userId,
        email,
        displayName: input.displayName.trim(),
        locale: input.locale,
        status: 'pending_confirmation',
        passwordHash,
        now,
        emailConfirmedAt: null,
      },
      ['customer'],
      null,
    );
    await sendMailedLink(trx, deps, {
      recipient: { id: userId, email, locale: input.locale, displayName: input.displayName.trim() },
      purpose: 'confirm_email',
      template: 'confirm_email',
      page: 'confirm-email',
      validForMinutes: CONFIRM_EMAIL_LINK_HOURS * 60,
    });
    await recordAuditEvent(
      trx,
      {
        actor: ANONYMOUS,
        action: 'account.registered',
        subject: { type: 'user', id: userId },
        details: { roles: ['customer'] },
        personalDetails: { email, ip: origin.ip },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
  return { outcome: 'confirmation_sent' };
}
