import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits } from '../../../platform/http/rate-limit.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findAccountByEmailForLogin, insertEmailToken, invalidateEmailTokens } from '../accounts-repository.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { emailLink, RESET_PASSWORD_LINK_MINUTES } from '../domain/email-links.ts';
import { RESET_PER_EMAIL, RESET_PER_IP } from '../domain/login-rate-limits.ts';

/**
 * Mails a one-use reset link when the address belongs to an account that is not disabled. The
 * answer is the same either way, so it does not reveal who is registered (issue #2, point 3).
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }, origin: RequestOrigin): Promise<{ outcome: 'link_sent_if_registered' }> {
  const email = normaliseEmail(input.email);
  await enforceRateLimits(deps.db, deps.clock, [
    { bucket: `reset:ip:${origin.ip ?? 'unknown'}`, rule: RESET_PER_IP },
    { bucket: `reset:email:${sha256Hex(email)}`, rule: RESET_PER_EMAIL },
  ]);
  await inTransaction(deps.db, async (trx) => {
    const account = await findAccountByEmailForLogin(trx, email);
    if (!account || account.status === 'disabled') return;
    const now = nowText(deps.clock);
    await invalidateEmailTokens(trx, account.id, 'reset_password', now);
    const token = randomToken();
    await insertEmailToken(trx, {
      tokenHash: sha256Hex(token),
      userId: account.id,
      purpose: 'reset_password',
      now,
      expiresAt: deps.clock.now().add({ minutes: RESET_PASSWORD_LINK_MINUTES }).toString(),
    });
    await enqueueMail(
      trx,
      {
        to: account.email,
        locale: account.locale,
        template: 'reset_password',
        params: { name: account.displayName, link: emailLink(deps.config.publicUrl, 'reset-password', token) },
      },
      deps.clock,
    );
    await recordAuditEvent(
      trx,
      {
        actor: ANONYMOUS,
        action: 'auth.password_reset_requested',
        subject: { type: 'user', id: account.id },
        personalDetails: { ip: origin.ip },
        requestId: origin.requestId,
      },
      deps.clock,
    );
  });
  return { outcome: 'link_sent_if_registered' };
}
