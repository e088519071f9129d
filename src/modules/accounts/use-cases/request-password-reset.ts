import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { ANONYMOUS } from '../../../platform/auth/actor.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { enforceRateLimits } from '../../../platform/http/rate-limit.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findAccountByEmailForLogin } from '../accounts-repository.ts';
import { normaliseEmail } from '../domain/email-address.ts';
import { RESET_PASSWORD_LINK_MINUTES } from '../domain/email-links.ts';
import { RESET_PER_EMAIL, RESET_PER_IP } from '../domain/login-rate-limits.ts';
import { sendMailedLink } from '../mailed-links.ts';

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
    await sendMailedLink(trx, deps, {
      recipient: account,
      purpose: 'reset_password',
      template: 'reset_password',
      page: 'reset-password',
      validForMinutes: RESET_PASSWORD_LINK_MINUTES,
    });
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
