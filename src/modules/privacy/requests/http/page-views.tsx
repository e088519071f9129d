import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { SummaryList } from '../../../../platform/ui/components.tsx';
import type { SelectOption } from '../../../../platform/ui/fields.tsx';
import { layoutPageSender, translator } from '../../../../platform/ui/page-support.tsx';
import { JURISDICTIONS, jurisdictionLabel, supervisoryAuthority } from '../domain/jurisdictions.ts';
import { REQUEST_TYPES } from '../domain/request-types.ts';
import type { QueueEntry } from '../use-cases/read-requests.ts';
import { requestReference } from '../use-cases/request-support.ts';

/** What the privacy request pages share: the layout, dates, the facts of a request. */

const sendLayout = layoutPageSender(async () => undefined);

export function sendPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, title: string, status: number, body: ComponentChildren) {
  return sendLayout(deps, request, reply, { title, status }, body);
}

export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

export function formatDate(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

export function typeOptions(locale: Locale): SelectOption[] {
  const t = translator(locale);
  return REQUEST_TYPES.map((type) => ({ value: type, label: t(`privacy_requests.type.${type}`) }));
}

export function jurisdictionOptions(locale: Locale): SelectOption[] {
  return JURISDICTIONS.map((code) => ({ value: code, label: jurisdictionLabel(locale, code) })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The facts of a request for the officer and the person; every response names the supervisory authority (PRV-RIGHT-13). */
export function RequestFacts({ locale, request, timeZone, staff }: { locale: Locale; request: QueueEntry; timeZone: string; staff: boolean }) {
  const t = translator(locale);
  const verification = request.verificationMethod
    ? t('privacy_requests.detail.verified_by', {
        method: t(`privacy_requests.verification.${request.verificationMethod}`),
        at: formatInstant(locale, request.verifiedAt ?? '', timeZone),
      })
    : t('privacy_requests.verification.none');
  const items: { term: string; value: ComponentChildren }[] = [
    { term: t('privacy_requests.term.reference'), value: requestReference(request.id) },
    { term: t('privacy_requests.term.type'), value: t(`privacy_requests.type.${request.type}`) },
    { term: t('privacy_requests.term.status'), value: t(`privacy_requests.status.${request.status}`) },
    { term: t('privacy_requests.term.channel'), value: t(`privacy_requests.channel.${request.channel}`) },
    { term: t('privacy_requests.term.jurisdiction'), value: jurisdictionLabel(locale, request.jurisdiction) },
    { term: t('privacy_requests.term.received_on'), value: formatDate(locale, request.receivedOn) },
    { term: t('privacy_requests.term.first_due_on'), value: formatDate(locale, request.dueOn) },
    {
      term: t('privacy_requests.term.extension'),
      value: request.extendedDueOn ? `${formatDate(locale, request.extendedDueOn)} — ${request.extensionReason ?? ''}` : '—',
    },
    { term: t('privacy_requests.term.due_on'), value: <strong id="current-due-on">{formatDate(locale, request.currentDueOn)}</strong> },
    { term: t('privacy_requests.term.deadline_state'), value: request.deadline ? t(`privacy_requests.deadline.${request.deadline}`) : '—' },
    { term: t('privacy_requests.term.verification'), value: verification },
  ];
  if (staff) items.splice(4, 0, { term: t('privacy_requests.term.requester'), value: `${request.requesterName} <${request.requesterEmail}>` });
  if (request.agentName) items.push({ term: t('privacy_requests.term.agent'), value: request.agentName });
  if (request.thirdPartyRecipient) items.push({ term: t('privacy_requests.term.third_party'), value: request.thirdPartyRecipient });
  if (request.details) items.push({ term: t('privacy_requests.term.details'), value: request.details });
  if (request.outcomeSummary) items.push({ term: t('privacy_requests.term.outcome'), value: request.outcomeSummary });
  if (request.rejectionReason) items.push({ term: t('privacy_requests.term.outcome'), value: request.rejectionReason });
  items.push({ term: t('privacy_requests.term.authority'), value: supervisoryAuthority(request.jurisdiction) });
  return <SummaryList items={items} />;
}
