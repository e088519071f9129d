import type { Locale } from '../db/schema.ts';
import { translate } from '../i18n/index.ts';

/**
 * The mails Bezel sends, each with its parameters. Adding a template: add it here and to
 * MAIL_TEMPLATE_PARAMS, and its keys to src/platform/i18n/messages/mail.ts (both languages).
 */
export type MailTemplates = {
  confirm_email: { name: string; link: string };
  reset_password: { name: string; link: string };
  /** link: where the new staff member sets a first password. */
  staff_welcome: { name: string; link: string };
  /** Sent instead of a confirmation when someone registers with a known address; link: the login page. */
  registration_attempt: { name: string; link: string };
  /** JPF-CANCEL-2: the insurer's written notice of cancellation, addressed as on the declarations page (JPF-CORR-1). */
  cancellation_notice: { name: string; link: string; address: string; policyNumber: string; effectiveDate: string; refund: string };
  /** JPF-COND-1: the insurer's written consent to an assignment, sent to the holder who assigned and to the new holder. */
  assignment_approved: { name: string; link: string; policyNumber: string; from: string; to: string; effectiveDate: string; consentReference: string };
  /** JPF-COND-1: the insurer refused its consent; the policy stays with the holder. */
  assignment_refused: { name: string; link: string; policyNumber: string; to: string; reason: string };
  /** PRV-SURVEY-1: an invitation to an anonymous satisfaction survey; link: the one-use answer page. */
  survey_invitation: { name: string; link: string; title: string };
  /** PRV-RIGHT-10: the one-time code that verifies a privacy request made without an account. */
  privacy_request_code: { name: string; link: string; code: string; minutes: string };
  /** PRV-RIGHT-11: the written notice of an extension, with its reason, sent before the first deadline. */
  privacy_request_extended: { name: string; link: string; reference: string; reason: string; dueOn: string; authority: string };
  /** PRV-RIGHT-13: a request answered; names the supervisory authority. */
  privacy_request_completed: { name: string; link: string; reference: string; summary: string; authority: string };
  /** PRV-RIGHT-13: a request rejected with its reason; names the supervisory authority. */
  privacy_request_rejected: { name: string; link: string; reference: string; reason: string; authority: string };
  /** PRV-OPTOUT-1: a marketing mail; every one carries its signed unsubscribe link (footer and List-Unsubscribe header). */
  marketing_message: { name: string; link: string; headline: string; body: string; unsubscribeLink: string };
  /** PRV-RIGHT-8: a person sends their data package to a named recipient; link: the expiring download. */
  portability_delivery: { name: string; link: string; sender: string; expires: string };
  /** JPF-COND-9 / JPF-CANCEL-1: a named insured is asked to sign a pending removal or cancellation; link: the one-time signing page. */
  signing_invitation: { name: string; link: string; policyNumber: string; requester: string; days: string };
  /** Issue #4, JPF-SUBRO-2: the insurer tells the insured of a recovery on their claim (texts in claims-recovery.ts). */
  claim_recovery_recorded: { name: string; link: string; claimNumber: string; recovery: string };
  /** Issue #4, JPF-SUBRO-2: the insured reported a recovery; sent to the claim's adjuster. */
  claim_recovery_reported: { name: string; link: string; claimNumber: string; recovery: string };
  /** Issue #4, JPF-EXCL-*: a claim was denied; the letter citing the clauses is ready (texts in claims-coverage.ts). */
  claim_coverage_denied: { name: string; link: string; claimNumber: string };
  /** Issue #4, JPF-COVER-1 / JPF-DUTY-3: the insurer needs more information to decide on cover; `missing` lists it. */
  claim_information_needed: { name: string; link: string; claimNumber: string; missing: string };
  /** Issue #4, JPF-DUTY-2/4, JPF-SUIT-1: a loss was reported; what is needed next and the deadlines (texts in claims-fnol.ts). */
  claim_acknowledgement: {
    name: string;
    link: string;
    claimNumber: string;
    policyNumber: string;
    lossDate: string;
    proofOfLossDue: string;
    suitLimitation: string;
  };
  /** Issue #4, JPF-DUTY-2/5: the adjuster asks the insured for something by a date (texts in claims-diary.ts). */
  claim_duty_requested: { name: string; link: string; claimNumber: string; duty: string; due: string; clause: string };
  /** Issue #4, JPF-DUTY-4/5, JPF-APPR-1: a deadline of the insured is near or overdue (texts in claims-diary.ts). */
  claim_duty_reminder: { name: string; link: string; claimNumber: string; duty: string; due: string; clause: string };
  /** Issue #4, JPF-DUTY-5: the adjuster withdrew a request; the insured need not do it (texts in claims-polish.ts). */
  claim_duty_withdrawn: { name: string; link: string; claimNumber: string; duty: string };
  /** Issue #4, JPF-SETTLE-2: a repair/replacement order for a jeweler; only what the order carries (texts in claims-polish.ts). */
  claim_jeweler_order_sent: { name: string; link: string; orderNo: string; claimNumber: string; work: string; item: string; deductible: string };
  /** Issue #4, JPF-DUTY-4: the proof of loss was rejected; the reason and the deadline for a new one (texts in claims-polish.ts). */
  claim_proof_of_loss_rejected: { name: string; link: string; claimNumber: string; reason: string; due: string };
  /** Issue #4, JPF-DUTY-4 / JPF-SETTLE-9: the proof of loss was accepted; `next` says what starts the 30 days (texts in claims-polish.ts). */
  claim_proof_of_loss_accepted: { name: string; link: string; claimNumber: string; next: string };
  /** Issue #4, JPF-SETTLE-9: a worksheet version is ready to review and agree in writing (texts in claims-polish.ts). */
  claim_settlement_ready: { name: string; link: string; claimNumber: string; amount: string; next: string };
};

export type MailTemplateName = keyof MailTemplates;

/** The parameters each template needs, for checking a payload read back from the job table. */
export const MAIL_TEMPLATE_PARAMS: { [T in MailTemplateName]: readonly (keyof MailTemplates[T] & string)[] } = {
  confirm_email: ['name', 'link'],
  reset_password: ['name', 'link'],
  staff_welcome: ['name', 'link'],
  registration_attempt: ['name', 'link'],
  cancellation_notice: ['name', 'link', 'address', 'policyNumber', 'effectiveDate', 'refund'],
  assignment_approved: ['name', 'link', 'policyNumber', 'from', 'to', 'effectiveDate', 'consentReference'],
  assignment_refused: ['name', 'link', 'policyNumber', 'to', 'reason'],
  survey_invitation: ['name', 'link', 'title'],
  privacy_request_code: ['name', 'link', 'code', 'minutes'],
  privacy_request_extended: ['name', 'link', 'reference', 'reason', 'dueOn', 'authority'],
  privacy_request_completed: ['name', 'link', 'reference', 'summary', 'authority'],
  privacy_request_rejected: ['name', 'link', 'reference', 'reason', 'authority'],
  marketing_message: ['name', 'link', 'headline', 'body', 'unsubscribeLink'],
  portability_delivery: ['name', 'link', 'sender', 'expires'],
  signing_invitation: ['name', 'link', 'policyNumber', 'requester', 'days'],
  claim_recovery_recorded: ['name', 'link', 'claimNumber', 'recovery'],
  claim_recovery_reported: ['name', 'link', 'claimNumber', 'recovery'],
  claim_coverage_denied: ['name', 'link', 'claimNumber'],
  claim_information_needed: ['name', 'link', 'claimNumber', 'missing'],
  claim_acknowledgement: ['name', 'link', 'claimNumber', 'policyNumber', 'lossDate', 'proofOfLossDue', 'suitLimitation'],
  claim_duty_requested: ['name', 'link', 'claimNumber', 'duty', 'due', 'clause'],
  claim_duty_reminder: ['name', 'link', 'claimNumber', 'duty', 'due', 'clause'],
  claim_duty_withdrawn: ['name', 'link', 'claimNumber', 'duty'],
  claim_jeweler_order_sent: ['name', 'link', 'orderNo', 'claimNumber', 'work', 'item', 'deductible'],
  claim_proof_of_loss_rejected: ['name', 'link', 'claimNumber', 'reason', 'due'],
  claim_proof_of_loss_accepted: ['name', 'link', 'claimNumber', 'next'],
  claim_settlement_ready: ['name', 'link', 'claimNumber', 'amount', 'next'],
};

export type RenderedMail = { subject: string; text: string; html: string; headers?: Record<string, string> };

export function isMailTemplateName(value: unknown): value is MailTemplateName {
  return typeof value === 'string' && Object.hasOwn(MAIL_TEMPLATE_PARAMS, value);
}

/** Only absolute http(s) links go into a mail: a `javascript:` or relative link would be a bug or an attack. */
export function isMailLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The display name of MAIL_FROM ('Bezel <no-reply@…>' → 'Bezel'), used to sign mails. */
export function senderName(mailFrom: string): string {
  const match = /^\s*"?([^"<]*?)"?\s*<[^>]*>\s*$/.exec(mailFrom);
  return match?.[1] ? match[1] : 'Bezel';
}

/**
 * Every current template is an "action mail": greeting, why, one link, what if it was not you.
 * The link appears twice (label and bare address) so it works in clients that strip HTML.
 */
export function renderMail<T extends MailTemplateName>(locale: Locale, template: T, params: MailTemplates[T], sender: string): RenderedMail {
  const { name, link } = params as MailTemplates[MailTemplateName];
  if (!isMailLink(link)) throw new Error(`mail ${template}: the link must be an absolute http(s) URL`);
  const subject = translate(locale, `mail.${template}.subject`);
  const greeting = translate(locale, 'mail.greeting', { name });
  const intro = translate(locale, `mail.${template}.intro`, params);
  const action = translate(locale, `mail.${template}.action`);
  const outro = translate(locale, `mail.${template}.outro`);
  const hint = translate(locale, 'mail.link_hint');
  const signature = translate(locale, 'mail.signature', { sender });

  // PRV-OPTOUT-1: a mail with an unsubscribe link shows it under the signature and names it in List-Unsubscribe (RFC 2369).
  const unsubscribe = 'unsubscribeLink' in params && isMailLink(params.unsubscribeLink) ? params.unsubscribeLink : null;
  const footer = unsubscribe ? `${translate(locale, 'mail.unsubscribe_footer')}\n${unsubscribe}` : null;
  const text = [greeting, intro, `${action}:\n${link}`, outro, signature, ...(footer ? [footer] : [])].join('\n\n');
  const paragraph = (value: string) => `<p>${escapeHtml(value).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40em;">',
    paragraph(greeting),
    paragraph(intro),
    `<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4ed8; color: #ffffff; text-decoration: none; border-radius: 4px;">${escapeHtml(action)}</a></p>`,
    `<p style="font-size: 0.9em; color: #4b5563;">${escapeHtml(hint)}<br>${escapeHtml(link)}</p>`,
    paragraph(outro),
    paragraph(signature),
    ...(unsubscribe
      ? [
          `<p style="font-size: 0.9em; color: #4b5563;">${escapeHtml(translate(locale, 'mail.unsubscribe_footer'))} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(unsubscribe)}</a></p>`,
        ]
      : []),
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html, ...(unsubscribe && { headers: { 'List-Unsubscribe': `<${unsubscribe}>` } }) };
}
