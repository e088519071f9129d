import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Locale } from '../db/schema.ts';
import type { Trx } from '../db/transaction.ts';
import { isLocale } from '../i18n/index.ts';
import { type EnqueueResult, enqueueJob, type NewJob } from '../jobs/job-queue.ts';
import { isMailLink, isMailTemplateName, MAIL_TEMPLATE_PARAMS, type MailTemplateName, type MailTemplates } from './templates.ts';

export const MAIL_SEND_JOB = 'mail.send';

/**
 * Ten attempts: with the queue's back-off (10 s doubling, at most 1 h) that is about an hour and
 * a half of retrying, enough to ride out an SMTP server's restart or a short outage.
 */
const MAIL_MAX_ATTEMPTS = 10;

export type MailRequest<T extends MailTemplateName = MailTemplateName> = {
  to: string;
  locale: Locale;
  template: T;
  params: MailTemplates[T];
};

/** Deliberately plain: one address, no display name, nothing that could smuggle a header. */
const EMAIL_ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export function isMailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL_ADDRESS.test(value);
}

/**
 * Writes a `mail.send` job in the caller's transaction: the mail leaves only if the change that
 * caused it commits (the transactional outbox, docs/decisions/0003-job-table-is-the-outbox.md).
 * A wrong request throws here, inside the use case, rather than failing later in a worker.
 */
export async function enqueueMail<T extends MailTemplateName>(
  trx: Db | Trx,
  mail: MailRequest<T>,
  clock: Clock,
  options: { dedupeKey?: string } = {},
): Promise<EnqueueResult> {
  return enqueueJob(trx, mailJob(mail, options), clock);
}

/**
 * The `mail.send` job of a mail, checked as enqueueMail checks it, for a use case that writes its outbox row
 * inside a statement of its own (newJobRow in src/platform/jobs): still committed if and only if the change is.
 */
export function mailJob<T extends MailTemplateName>(mail: MailRequest<T>, options: { dedupeKey?: string } = {}): NewJob {
  const payload = { to: mail.to, locale: mail.locale, template: mail.template, params: { ...mail.params } };
  if (!parseMailPayload(payload)) {
    // Says which part is wrong without echoing the address into an error message or a log.
    throw new Error(`enqueueMail(${mail.template}): invalid recipient, locale or parameters`);
  }
  return { kind: MAIL_SEND_JOB, payload, maxAttempts: MAIL_MAX_ATTEMPTS, dedupeKey: options.dedupeKey };
}

/** Reads a `mail.send` payload back from the job table; null when it is not one (the job then dies at once). */
export function parseMailPayload(payload: Record<string, unknown>): MailRequest | null {
  const { to, locale, template, params } = payload;
  if (!isMailAddress(to) || !isLocale(locale) || !isMailTemplateName(template)) return null;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  const given = params as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of MAIL_TEMPLATE_PARAMS[template]) {
    const value = given[name];
    if (typeof value !== 'string') return null;
    values[name] = value;
  }
  if ('link' in values && !isMailLink(values.link as string)) return null;
  if ('unsubscribeLink' in values && !isMailLink(values.unsubscribeLink as string)) return null;
  return { to, locale, template, params: values as MailTemplates[typeof template] };
}
