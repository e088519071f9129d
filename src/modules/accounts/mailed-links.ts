import { nowText } from '../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { EmailTokenPurpose, Locale } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { enqueueMail } from '../../platform/mail/index.ts';
import { insertEmailToken, invalidateEmailTokens } from './accounts-repository.ts';
import { emailLink } from './domain/email-links.ts';

/**
 * Mails a one-use link (confirm an address, choose a password) inside the caller's transaction:
 * earlier links of the same purpose stop working, only the token's hash is stored, and the mail
 * leaves through the outbox only if the transaction commits.
 */
export type MailedLink = {
  recipient: { id: string; email: string; locale: Locale; displayName: string };
  purpose: EmailTokenPurpose;
  template: 'confirm_email' | 'reset_password' | 'staff_welcome';
  page: 'confirm-email' | 'reset-password';
  validForMinutes: number;
};

export async function sendMailedLink(trx: Trx, deps: Pick<Deps, 'clock' | 'config'>, link: MailedLink): Promise<void> {
  const now = nowText(deps.clock);
  const { recipient } = link;
  await invalidateEmailTokens(trx, recipient.id, link.purpose, now);
  const token = randomToken();
  await insertEmailToken(trx, {
    tokenHash: sha256Hex(token),
    userId: recipient.id,
    purpose: link.purpose,
    now,
    expiresAt: deps.clock.now().add({ minutes: link.validForMinutes }).toString(),
  });
  await enqueueMail(
    trx,
    {
      to: recipient.email,
      locale: recipient.locale,
      template: link.template,
      params: { name: recipient.displayName, link: emailLink(deps.config.publicUrl, link.page, token) },
    },
    deps.clock,
  );
}
