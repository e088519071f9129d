import type { Temporal } from 'temporal-polyfill';
import { type AuditEventInput, recordAuditEvent } from '../../../../platform/audit/index.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Trx } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { enqueueMail, type MailTemplateName, type MailTemplates } from '../../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { firstDueDate } from '../domain/deadlines.ts';
import { deadlineRuleFor, type Jurisdiction, supervisoryAuthority } from '../domain/jurisdictions.ts';
import { findPersonById, type PrivacyRequest } from '../privacy-requests-repository.ts';

/** Today in the insurer's time zone: receipt dates and deadlines are calendar days there (PRV-RIGHT-11). */
export function insurerToday(deps: Pick<Deps, 'clock' | 'config'>): Temporal.PlainDate {
  return deps.clock.now().toZonedDateTimeISO(deps.config.insurerTimeZone).toPlainDate();
}

/** A short reference for letters and mails: the first 8 characters of the id, upper case. */
export function requestReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/** The deadline of a request received on `receivedOn` in `jurisdiction` (decision 0011: from receipt). */
export function deadlineOf(jurisdiction: Jurisdiction, receivedOn: Temporal.PlainDate) {
  const rule = deadlineRuleFor(jurisdiction);
  return { deadlineRule: rule, dueOn: firstDueDate(rule, receivedOn).toString() };
}

/** PRV-RIGHT-12: every step of a request is an audit event on ('privacy_request', id). Names and addresses stay out of the hashed part. */
export async function auditRequest(
  trx: Trx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  request: Pick<PrivacyRequest, 'id' | 'type'>,
  action: string,
  origin: RequestOrigin,
  extra: Pick<AuditEventInput, 'details' | 'personalDetails' | 'outcome'> = {},
): Promise<void> {
  await recordAuditEvent(
    trx,
    {
      actor,
      action: `privacy_request.${action}`,
      subject: { type: 'privacy_request', id: request.id },
      outcome: extra.outcome ?? 'success',
      details: { type: request.type, ...extra.details },
      personalDetails: extra.personalDetails,
      requestId: origin.requestId,
      purpose: 'privacy.rights_management',
    },
    deps.clock,
  );
}

/** Where the person follows their request: the portal for account holders, the public page otherwise. */
export function requestLink(deps: Pick<Deps, 'config'>, request: Pick<PrivacyRequest, 'id' | 'subjectUserId'>): string {
  return request.subjectUserId ? `${deps.config.publicUrl}/portal/privacy` : `${deps.config.publicUrl}/privacy/requests/${request.id}`;
}

/** Mail to the person through the outbox, in their language when they have an account. */
export async function mailRequester<T extends MailTemplateName>(
  trx: Trx,
  deps: Pick<Deps, 'clock' | 'config'>,
  request: PrivacyRequest,
  template: T,
  params: Omit<MailTemplates[T], 'name' | 'link'>,
  locale?: Locale,
): Promise<void> {
  const person = request.subjectUserId ? await findPersonById(trx, request.subjectUserId) : null;
  await enqueueMail(
    trx,
    {
      to: request.requesterEmail,
      locale: locale ?? person?.locale ?? (request.jurisdiction === 'NL' ? 'nl' : 'en'),
      template,
      params: { name: request.requesterName, link: requestLink(deps, request), ...params } as MailTemplates[T],
    },
    deps.clock,
  );
}

/** PRV-RIGHT-13: the authority every response names. */
export function authorityOf(request: Pick<PrivacyRequest, 'jurisdiction'>): string {
  return supervisoryAuthority(request.jurisdiction);
}

export function touched(request: PrivacyRequest, deps: Pick<Deps, 'clock'>): PrivacyRequest {
  return { ...request, updatedAt: nowText(deps.clock) };
}
