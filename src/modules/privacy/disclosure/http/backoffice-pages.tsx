import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { Button, Card, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { ErrorSummary, Field, RadioGroup } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormState, formValues, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, sendLayoutPage, translator } from '../../../../platform/ui/page-support.tsx';
import { RECIPIENT_TYPES } from '../domain/disclosure-rules.ts';
import { INCIDENT_KINDS, type Incident } from '../incident-repository.ts';
import { addProcessorAgreement } from '../use-cases/add-processor-agreement.ts';
import { listIncidents, recordIncident } from '../use-cases/incidents.ts';
import { type RecipientView, readRecipients } from '../use-cases/read-recipients.ts';
import { registerRecipient } from '../use-cases/register-recipient.ts';

/** Back-office pages: the recipient registry with processor agreements (PRV-DISC-3, PRV-PROC-1) and the incident register (PRV-FRAUD-1). */
const optional = <T extends z.ZodType<string>>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const recipientForm = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(RECIPIENT_TYPES),
  description: optional(z.string().trim().max(2000)),
  contactEmail: optional(z.email().max(254)),
});
const agreementForm = z.object({ reference: z.string().trim().min(1).max(200), signedOn: z.iso.date(), endsOn: optional(z.iso.date()) });
const incidentForm = z.object({
  kind: z.enum(INCIDENT_KINDS),
  subjectUserId: optional(z.uuid()),
  policyId: optional(z.uuid()),
  summary: z.string().trim().min(3).max(4000),
});
const noFlash = async () => undefined;

export function registerBackofficeDisclosurePages(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: { done?: string } }>('/backoffice/privacy/recipients', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:read');
    if (!actor) return reply;
    return sendRecipientsPage(deps, request, reply, actor, { values: {}, errors: [] }, 200);
  });
  app.post('/backoffice/privacy/recipients', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', '/backoffice/privacy/recipients');
    if (!actor) return reply;
    const result = await submitForm(request, reply, recipientForm, 'name', (data) => registerRecipient(deps, actor, data, originOf(request)));
    if (result.ok) return reply.redirect('/backoffice/privacy/recipients?done=recipient', 303);
    return sendRecipientsPage(deps, request, reply, actor, { values: formValues(request.body), errors: result.failure.errors }, result.failure.status);
  });
  app.post<{ Params: { id: string } }>('/backoffice/privacy/recipients/:id/agreements', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', '/backoffice/privacy/recipients');
    if (!actor) return reply;
    const id = z.uuid().safeParse(request.params.id);
    const result = await submitForm(request, reply, agreementForm, 'reference', (data) =>
      addProcessorAgreement(deps, actor, id.success ? id.data : '00000000-0000-4000-8000-000000000000', data, originOf(request)),
    );
    if (result.ok) return reply.redirect('/backoffice/privacy/recipients?done=agreement', 303);
    return sendRecipientsPage(deps, request, reply, actor, { values: formValues(request.body), errors: result.failure.errors }, result.failure.status);
  });

  app.get<{ Querystring: { done?: string } }>('/backoffice/incidents', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'profile:read');
    if (!actor) return reply;
    return sendIncidentsPage(deps, request, reply, actor, { values: {}, errors: [] }, 200);
  });
  app.post('/backoffice/incidents', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'profile:read', '/backoffice/incidents');
    if (!actor) return reply;
    // PRV-FRAUD-1: without incidents:manage the register does not exist (404) — checked before the form is read.
    await listIncidents(deps, actor, { status: 'open' }, originOf(request));
    const result = await submitForm(request, reply, incidentForm, 'summary', (data) => recordIncident(deps, actor, data, originOf(request)));
    if (result.ok) return reply.redirect('/backoffice/incidents?done=incident', 303);
    return sendIncidentsPage(deps, request, reply, actor, { values: formValues(request.body), errors: result.failure.errors }, result.failure.status);
  });
}

async function sendRecipientsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, form: FormState, status: number) {
  const t = translator(request.locale);
  const recipients = await readRecipients(deps, actor);
  const done = (request.query as { done?: string }).done;
  const manage = can(actor, 'privacy:manage');
  const agreements = (recipient: RecipientView) =>
    recipient.agreements
      .map((agreement) => `${agreement.reference}: ${agreement.signedOn} – ${agreement.endsOn ?? t('privacy_disclosure.pages.agreement.open_ended')}`)
      .join('; ');
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy_disclosure.pages.recipients.title'), status, currentPath: '/backoffice/privacy/recipients' },
    <>
      <PageHeading title={t('privacy_disclosure.pages.recipients.title')} lead={t('privacy_disclosure.pages.recipients.lead')} />
      {done === 'recipient' || done === 'agreement' ? (
        <Panel kind="success">
          <p>{t(done === 'recipient' ? 'privacy_disclosure.pages.recipients.added' : 'privacy_disclosure.pages.agreement.added')}</p>
        </Panel>
      ) : null}
      <ErrorSummary locale={request.locale} errors={form.errors} />
      <Table
        caption={t('privacy_disclosure.pages.recipients.title')}
        captionHidden
        columns={[
          { header: t('privacy_disclosure.pages.recipients.name'), cell: (recipient: RecipientView) => recipient.name, rowHeader: true },
          { header: t('privacy_disclosure.pages.recipients.type'), cell: (recipient) => t(`privacy_disclosure.type.${recipient.type}`) },
          { header: t('privacy_disclosure.pages.recipients.agreements'), cell: agreements },
          {
            header: t('privacy_disclosure.pages.recipients.may_receive'),
            cell: (recipient) => t(recipient.mayReceive ? 'privacy_disclosure.pages.yes' : 'privacy_disclosure.pages.no'),
          },
          ...(manage
            ? [
                {
                  header: t('privacy_disclosure.pages.agreement.add'),
                  cell: (recipient: RecipientView) =>
                    recipient.type === 'service_provider' ? (
                      <Form
                        action={`/backoffice/privacy/recipients/${recipient.id}/agreements`}
                        csrfToken={request.csrfToken}
                        aria-label={`${t('privacy_disclosure.pages.agreement.add')}: ${recipient.name}`}
                      >
                        <Field
                          locale={request.locale}
                          id={`reference-${recipient.id}`}
                          name="reference"
                          label={t('privacy_disclosure.pages.agreement.reference')}
                          width="medium"
                        />
                        <Field
                          locale={request.locale}
                          id={`signedOn-${recipient.id}`}
                          name="signedOn"
                          label={t('privacy_disclosure.pages.agreement.signed_on')}
                          width="short"
                        />
                        <Field
                          locale={request.locale}
                          id={`endsOn-${recipient.id}`}
                          name="endsOn"
                          label={t('privacy_disclosure.pages.agreement.ends_on')}
                          width="short"
                        />
                        <Button variant="secondary">{t('privacy_disclosure.pages.agreement.add')}</Button>
                      </Form>
                    ) : null,
                },
              ]
            : []),
        ]}
        rows={recipients}
        rowKey={(recipient) => recipient.id}
        empty={t('privacy_disclosure.pages.recipients.none')}
      />
      {manage ? (
        <Card id="add-recipient" title={t('privacy_disclosure.pages.recipients.add')}>
          <Form action="/backoffice/privacy/recipients" csrfToken={request.csrfToken} aria-labelledby="add-recipient-heading">
            <Field
              locale={request.locale}
              name="name"
              label={t('privacy_disclosure.pages.recipients.name')}
              value={form.values.name ?? ''}
              error={errorFor(form.errors, 'name')}
            />
            <RadioGroup
              locale={request.locale}
              name="type"
              legend={t('privacy_disclosure.pages.recipients.type')}
              options={RECIPIENT_TYPES.map((type) => ({ value: type, label: t(`privacy_disclosure.type.${type}`) }))}
              selected={form.values.type ? [form.values.type] : []}
              error={errorFor(form.errors, 'type')}
            />
            <Field
              locale={request.locale}
              name="description"
              label={t('privacy_disclosure.pages.recipients.description')}
              multiline
              value={form.values.description ?? ''}
              error={errorFor(form.errors, 'description')}
            />
            <Field
              locale={request.locale}
              name="contactEmail"
              type="email"
              label={t('privacy_disclosure.pages.recipients.contact_email')}
              value={form.values.contactEmail ?? ''}
              error={errorFor(form.errors, 'contactEmail')}
            />
            <Button>{t('privacy_disclosure.pages.recipients.add')}</Button>
          </Form>
        </Card>
      ) : null}
    </>,
    noFlash,
  );
}

async function sendIncidentsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, form: FormState, status: number) {
  const t = translator(request.locale);
  const incidents = await listIncidents(deps, actor, {}, originOf(request));
  const done = (request.query as { done?: string }).done === 'incident';
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy_disclosure.pages.incidents.title'), status, currentPath: '/backoffice/incidents' },
    <>
      <PageHeading title={t('privacy_disclosure.pages.incidents.title')} lead={t('privacy_disclosure.pages.incidents.lead')} />
      {done ? (
        <Panel kind="success">
          <p>{t('privacy_disclosure.pages.incidents.added')}</p>
        </Panel>
      ) : null}
      <ErrorSummary locale={request.locale} errors={form.errors} />
      <Table
        caption={t('privacy_disclosure.pages.incidents.title')}
        captionHidden
        columns={[
          {
            header: t('privacy_disclosure.pages.incidents.recorded_at'),
            cell: (incident: Incident) => formatInstant(request.locale, incident.createdAt, deps.config.insurerTimeZone),
            rowHeader: true,
          },
          { header: t('privacy_disclosure.pages.incidents.kind'), cell: (incident) => t(`privacy_disclosure.incident.${incident.kind}`) },
          { header: t('privacy_disclosure.pages.incidents.subject'), cell: (incident) => incident.subjectUserId ?? '' },
          { header: t('privacy_disclosure.pages.incidents.summary'), cell: (incident) => incident.summary },
          { header: t('privacy_disclosure.pages.incidents.status'), cell: (incident) => t(`privacy_disclosure.incident.${incident.status}`) },
        ]}
        rows={incidents}
        rowKey={(incident) => incident.id}
        empty={t('privacy_disclosure.pages.incidents.none')}
      />
      <Card id="add-incident" title={t('privacy_disclosure.pages.incidents.add')}>
        <Form action="/backoffice/incidents" csrfToken={request.csrfToken} aria-labelledby="add-incident-heading">
          <RadioGroup
            locale={request.locale}
            name="kind"
            legend={t('privacy_disclosure.pages.incidents.kind')}
            options={INCIDENT_KINDS.map((kind) => ({ value: kind, label: t(`privacy_disclosure.incident.${kind}`) }))}
            selected={form.values.kind ? [form.values.kind] : []}
            error={errorFor(form.errors, 'kind')}
          />
          <Field
            locale={request.locale}
            name="subjectUserId"
            label={t('privacy_disclosure.pages.incidents.subject')}
            value={form.values.subjectUserId ?? ''}
            error={errorFor(form.errors, 'subjectUserId')}
          />
          <Field
            locale={request.locale}
            name="policyId"
            label={t('privacy_disclosure.pages.incidents.policy')}
            value={form.values.policyId ?? ''}
            error={errorFor(form.errors, 'policyId')}
          />
          <Field
            locale={request.locale}
            name="summary"
            label={t('privacy_disclosure.pages.incidents.summary')}
            multiline
            value={form.values.summary ?? ''}
            error={errorFor(form.errors, 'summary')}
          />
          <Button>{t('privacy_disclosure.pages.incidents.add')}</Button>
        </Form>
      </Card>
    </>,
    noFlash,
  );
}
