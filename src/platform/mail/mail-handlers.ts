import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import { type JobHandlers, PermanentJobError } from '../jobs/worker.ts';
import { MAIL_SEND_JOB, parseMailPayload } from './enqueue-mail.ts';
import { renderMail, senderName } from './templates.ts';

export type OutgoingMail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };
export type MailSender = { readonly kind: 'smtp' | 'folder'; send(mail: OutgoingMail, jobId: string): Promise<void> };

/** Without SMTP_URL, mails are written here as .eml files (development, demos, tests). */
export function mailFolder(config: Pick<Config, 'dataDir'>): string {
  return resolve(config.dataDir, 'mail');
}

/**
 * SMTP when SMTP_URL is set, otherwise one .eml file per message. Timeouts are shorter than
 * nodemailer's defaults (up to 10 minutes) so a hung server fails the attempt well inside the
 * job's lease; query parameters of SMTP_URL still override them.
 */
export function createMailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir' | 'publicUrl'>, clock: Clock): MailSender {
  const from = config.mailFrom;
  // A stable Message-ID per job: if a retry re-sends a mail the server already accepted, clients can tell it is the same message.
  const messageDomain = new URL(config.publicUrl).hostname || 'bezel.local';
  const envelope = (mail: OutgoingMail, jobId: string) => ({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<job-${jobId}@${messageDomain}>`,
    ...(mail.headers && { headers: mail.headers }),
    date: new Date(clock.now().epochMilliseconds),
  });

  if (config.smtpUrl) {
    const transport = createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    return {
      kind: 'smtp',
      async send(mail, jobId) {
        await transport.sendMail(envelope(mail, jobId));
      },
    };
  }

  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const folder = mailFolder(config);
  return {
    kind: 'folder',
    async send(mail, jobId) {
      const info = await transport.sendMail(envelope(mail, jobId));
      if (!Buffer.isBuffer(info.message)) throw new Error('stream transport returned a stream; expected a buffer');
      // The files hold personal data: readable by the Bezel user only.
      await mkdir(folder, { recursive: true, mode: 0o700 });
      // Fixed width (milliseconds always shown), so file names sort in the order the mails were sent.
      const stamp = clock.now().toString({ fractionalSecondDigits: 3 }).replace(/[-:.]/g, '');
      const file = join(folder, `${stamp}-${jobId}.eml`);
      // Write then rename, so whoever watches the folder never reads half a message.
      await writeFile(`${file}.partial`, info.message, { mode: 0o600 });
      await rename(`${file}.partial`, file);
    },
  };
}

export type MailDeps = { config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir' | 'publicUrl'>; clock: Clock };

/** The `mail.send` handler, for createWorker({ handlers: { ...mailHandlers(deps), … } }). */
export function mailHandlers(deps: MailDeps, sender: MailSender = createMailSender(deps.config, deps.clock)): JobHandlers {
  const signature = senderName(deps.config.mailFrom);
  return {
    [MAIL_SEND_JOB]: async (payload, context) => {
      const mail = parseMailPayload(payload);
      if (!mail) throw new PermanentJobError('mail.send payload is not a valid mail request');
      const rendered = renderMail(mail.locale, mail.template, mail.params, signature);
      await sender.send({ to: mail.to, ...rendered }, context.job.id);
      // Template and language only: the address and the link (a login secret) stay out of the logs.
      context.logger.info({ template: mail.template, locale: mail.locale, transport: sender.kind }, 'mail sent');
    },
  };
}
