import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import { RadioGroup, SelectField } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { STAFF_CHANNELS } from '../domain/request-types.ts';
import { enterStaffRequest } from '../use-cases/enter-staff-request.ts';
import { insurerToday } from '../use-cases/request-support.ts';
import { jurisdictionOptions, sendPage, typeOptions } from './page-views.tsx';

/**
 * PRV-CONTACT-1: privacy staff enter a request received by email, phone or mail, with the channel and the
 * day it was received. It then waits for verification by documents (PRV-RIGHT-10). An authorised agent's
 * request, with its uploaded authorisation, is entered through the API (POST /api/v1/privacy/requests).
 */

type FormState = { values: FormValues; errors: readonly FormError[]; status: number };
const FIELDS = ['channel', 'receivedOn', 'requesterName', 'requesterEmail', 'type', 'jurisdiction', 'details', 'thirdPartyRecipient'];

const optional = (max: number) => z.string().trim().max(max, says('privacy_requests.error.too_long')).optional();
const entryForm = z.object({
  channel: z.enum(STAFF_CHANNELS, says('privacy_requests.error.channel_required')),
  receivedOn: z
    .string(says('privacy_requests.error.received_on_invalid'))
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, says('privacy_requests.error.received_on_invalid')),
  requesterName: z
    .string(says('privacy_requests.error.name_required'))
    .trim()
    .min(1, says('privacy_requests.error.name_required'))
    .max(200, says('privacy_requests.error.too_long')),
  requesterEmail: z
    .string(says('privacy_requests.error.email_invalid'))
    .trim()
    .min(3, says('privacy_requests.error.email_invalid'))
    .max(254, says('privacy_requests.error.email_invalid')),
  type: z.string(says('privacy_requests.error.type_unknown')).min(1, says('privacy_requests.error.type_unknown')),
  jurisdiction: z.string(says('privacy_requests.error.jurisdiction_unknown')).min(1, says('privacy_requests.error.jurisdiction_unknown')),
  details: optional(5000),
  thirdPartyRecipient: optional(500),
});

export function registerStaffEntryPages(app: TypedApp, deps: Deps): void {
  const sendForm = (request: FastifyRequest, reply: FastifyReply, state: FormState) => {
    const locale = request.locale;
    const t = translator(locale);
    const error = (name: string) => errorFor(state.errors, name);
    return sendPage(
      deps,
      request,
      reply,
      t('privacy_requests.entry.title'),
      state.status,
      <>
        <PageHeading title={t('privacy_requests.entry.title')} lead={t('privacy_requests.entry.lead')} />
        <Form action="/backoffice/privacy/requests/new" csrfToken={request.csrfToken}>
          <ErrorSummary locale={locale} errors={state.errors} />
          <RadioGroup
            locale={locale}
            name="channel"
            legend={t('privacy_requests.term.channel')}
            options={STAFF_CHANNELS.map((channel) => ({ value: channel, label: t(`privacy_requests.channel.${channel}`) }))}
            selected={[state.values.channel ?? '']}
            error={error('channel')}
          />
          <Field
            locale={locale}
            name="receivedOn"
            type="date"
            label={t('privacy_requests.term.received_on')}
            value={state.values.receivedOn}
            error={error('receivedOn')}
          />
          <Field
            locale={locale}
            name="requesterName"
            label={t('privacy_requests.term.requester')}
            value={state.values.requesterName}
            error={error('requesterName')}
          />
          <Field
            locale={locale}
            name="requesterEmail"
            type="email"
            label={t('privacy_requests.entry.email')}
            value={state.values.requesterEmail}
            error={error('requesterEmail')}
          />
          <SelectField
            locale={locale}
            name="type"
            label={t('privacy_requests.term.type')}
            options={typeOptions(locale)}
            value={state.values.type}
            error={error('type')}
          />
          <SelectField
            locale={locale}
            name="jurisdiction"
            label={t('privacy_requests.term.jurisdiction')}
            options={jurisdictionOptions(locale)}
            value={state.values.jurisdiction}
            error={error('jurisdiction')}
          />
          <Field
            locale={locale}
            name="details"
            label={t('privacy_requests.field.details')}
            multiline
            rows={4}
            optional
            value={state.values.details}
            error={error('details')}
          />
          <Field
            locale={locale}
            name="thirdPartyRecipient"
            label={t('privacy_requests.field.third_party')}
            optional
            value={state.values.thirdPartyRecipient}
            error={error('thirdPartyRecipient')}
          />
          <Button>{t('privacy_requests.entry.submit')}</Button>
        </Form>
      </>,
    );
  };

  app.get('/backoffice/privacy/requests/new', { schema: { hide: true } }, async (request, reply) => {
    if (!requirePageUser(request, reply, 'privacy:manage')) return reply;
    return sendForm(request, reply, { values: { receivedOn: insurerToday(deps).toString(), jurisdiction: 'NL' }, errors: [], status: 200 });
  });

  app.post('/backoffice/privacy/requests/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'privacy:manage', '/backoffice/privacy/requests/new');
    if (!actor) return reply;
    const values = formValues(request.body, FIELDS);
    const result = await submitForm(request, reply, entryForm, 'type', (data) => enterStaffRequest(deps, actor, data, originOf(request)), {
      fieldCodes: ['validation_failed', 'privacy_request_invalid'],
    });
    if (!result.ok) return sendForm(request, reply, { values, errors: result.failure.errors, status: result.failure.status });
    return reply.redirect(`/backoffice/privacy/requests/${result.value.id}`, 303);
  });
}
