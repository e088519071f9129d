import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { findPrivacyRequest } from '../privacy-requests-repository.ts';
import { listMyRequests, type QueueEntry } from '../use-cases/read-requests.ts';
import { authorityOf, requestReference } from '../use-cases/request-support.ts';
import { submitPortalRequest } from '../use-cases/submit-portal-request.ts';
import { submitPublicRequest } from '../use-cases/submit-public-request.ts';
import { verifyRequestCode } from '../use-cases/verify-request-code.ts';
import { formatDate, jurisdictionOptions, pathId, RequestFacts, sendPage, typeOptions } from './page-views.tsx';

/**
 * The person's side (issue #5): the portal's privacy centre `/portal/privacy` (identity from the session)
 * and the public form `/privacy/requests/new` with its one-time code (PRV-RIGHT-10). Same use cases as the API.
 */

type FormState = { values: FormValues; errors: readonly FormError[]; status: number; done?: string };
const EMPTY: FormState = { values: {}, errors: [], status: 200 };
const FIELDS = ['type', 'jurisdiction', 'details', 'thirdPartyRecipient', 'requesterName', 'requesterEmail'];

const optional = (max: number) => z.string().trim().max(max, says('privacy_requests.error.too_long')).optional();
const portalForm = z.object({
  type: z.string(says('privacy_requests.error.type_unknown')).min(1, says('privacy_requests.error.type_unknown')),
  jurisdiction: z.string(says('privacy_requests.error.jurisdiction_unknown')).min(1, says('privacy_requests.error.jurisdiction_unknown')),
  details: optional(5000),
  thirdPartyRecipient: optional(500),
});
const publicForm = portalForm.extend({
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
});
const codeForm = z.object({
  code: z
    .string(says('privacy_requests.error.code_malformed'))
    .trim()
    .regex(/^\d{6}$/, says('privacy_requests.error.code_malformed')),
});

function RequestFields({ request, state, withPerson }: { request: FastifyRequest; state: FormState; withPerson: boolean }) {
  const locale = request.locale;
  const t = translator(locale);
  const error = (name: string) => errorFor(state.errors, name);
  return (
    <>
      <ErrorSummary locale={locale} errors={state.errors} />
      {withPerson ? (
        <>
          <Field
            locale={locale}
            name="requesterName"
            label={t('privacy_requests.field.name')}
            autocomplete="name"
            value={state.values.requesterName}
            error={error('requesterName')}
          />
          <Field
            locale={locale}
            name="requesterEmail"
            type="email"
            label={t('privacy_requests.field.email')}
            autocomplete="email"
            value={state.values.requesterEmail}
            error={error('requesterEmail')}
          />
        </>
      ) : null}
      <SelectField
        locale={locale}
        name="type"
        label={t('privacy_requests.field.type')}
        options={typeOptions(locale)}
        value={state.values.type}
        error={error('type')}
      />
      <SelectField
        locale={locale}
        name="jurisdiction"
        label={t('privacy_requests.field.jurisdiction')}
        options={jurisdictionOptions(locale)}
        value={state.values.jurisdiction ?? (locale === 'nl' ? 'NL' : 'US-NY')}
        error={error('jurisdiction')}
      />
      <Field
        locale={locale}
        name="details"
        label={t('privacy_requests.field.details')}
        hint={t('privacy_requests.field.details_hint')}
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
        hint={t('privacy_requests.field.third_party_hint')}
        optional
        value={state.values.thirdPartyRecipient}
        error={error('thirdPartyRecipient')}
      />
    </>
  );
}

export function registerPublicPages(app: TypedApp, deps: Deps): void {
  // ---- The portal's privacy centre ----
  const sendPortal = async (request: FastifyRequest, reply: FastifyReply, state: FormState = EMPTY) => {
    const actor = request.actor;
    const locale = request.locale;
    const t = translator(locale);
    const mine = await listMyRequests(deps, actor);
    return sendPage(
      deps,
      request,
      reply,
      t('privacy_requests.portal.title'),
      state.status,
      <>
        <PageHeading title={t('privacy_requests.portal.title')} lead={t('privacy_requests.portal.lead')} />
        {state.done ? <Panel kind="success">{state.done}</Panel> : null}
        <Table
          caption={t('privacy_requests.portal.mine')}
          columns={[
            { header: t('privacy_requests.term.reference'), cell: (e: QueueEntry) => requestReference(e.id), rowHeader: true },
            { header: t('privacy_requests.term.type'), cell: (e: QueueEntry) => t(`privacy_requests.type.${e.type}`) },
            { header: t('privacy_requests.term.status'), cell: (e: QueueEntry) => t(`privacy_requests.status.${e.status}`) },
            { header: t('privacy_requests.term.due_on'), cell: (e: QueueEntry) => formatDate(locale, e.currentDueOn) },
            { header: t('privacy_requests.term.outcome'), cell: (e: QueueEntry) => e.outcomeSummary ?? e.rejectionReason ?? '' },
            { header: t('privacy_requests.term.authority'), cell: (e: QueueEntry) => authorityOf(e) },
          ]}
          rows={mine}
          rowKey={(e) => e.id}
          empty={t('privacy_requests.portal.none')}
        />
        <Card id="new-request" title={t('privacy_requests.portal.new')}>
          <Form action="/portal/privacy" csrfToken={request.csrfToken}>
            <RequestFields request={request} state={state} withPerson={false} />
            <Button>{t('privacy_requests.portal.submit')}</Button>
          </Form>
        </Card>
      </>,
    );
  };

  app.get('/portal/privacy', { schema: { hide: true } }, async (request, reply) => {
    if (!requirePageUser(request, reply, 'portal:enter')) return reply;
    return sendPortal(request, reply);
  });

  app.post('/portal/privacy', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter', '/portal/privacy');
    if (!actor) return reply;
    const values = formValues(request.body, FIELDS);
    const result = await submitForm(request, reply, portalForm, 'type', (data) => submitPortalRequest(deps, actor, data, originOf(request)), {
      fieldCodes: ['validation_failed', 'privacy_request_invalid'],
    });
    if (!result.ok) return sendPortal(request, reply, { values, errors: result.failure.errors, status: result.failure.status });
    const done = translate(request.locale, 'privacy_requests.portal.sent', {
      reference: requestReference(result.value.id),
      dueOn: formatDate(request.locale, result.value.dueOn),
    });
    return sendPortal(request, reply, { values: {}, errors: [], status: 200, done });
  });

  // ---- The public form and its one-time code ----
  const sendPublicForm = (request: FastifyRequest, reply: FastifyReply, state: FormState = EMPTY) => {
    const t = translator(request.locale);
    return sendPage(
      deps,
      request,
      reply,
      t('privacy_requests.public.title'),
      state.status,
      <>
        <PageHeading title={t('privacy_requests.public.title')} lead={t('privacy_requests.public.lead')} />
        <Form action="/privacy/requests/new" csrfToken={request.csrfToken}>
          <RequestFields request={request} state={state} withPerson />
          <Button>{t('privacy_requests.public.submit')}</Button>
        </Form>
      </>,
    );
  };

  app.get('/privacy/requests/new', { schema: { hide: true } }, async (request, reply) => sendPublicForm(request, reply));

  app.post('/privacy/requests/new', { schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body, FIELDS);
    const result = await submitForm(request, reply, publicForm, 'type', (data) => submitPublicRequest(deps, request.actor, data, originOf(request)), {
      fieldCodes: ['validation_failed', 'privacy_request_invalid'],
    });
    if (!result.ok) return sendPublicForm(request, reply, { values, errors: result.failure.errors, status: result.failure.status });
    return reply.redirect(`/privacy/requests/${result.value.id}`, 303);
  });

  const sendCodePage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: FormState = EMPTY) => {
    const t = translator(request.locale);
    const found = await findPrivacyRequest(deps.db, 'anyone', id);
    if (!found) throw problems.notFound();
    const entry: QueueEntry = { ...found, currentDueOn: found.extendedDueOn ?? found.dueOn, deadline: null };
    return sendPage(
      deps,
      request,
      reply,
      t('privacy_requests.verify.title'),
      state.status,
      <>
        <PageHeading title={t('privacy_requests.verify.title')} caption={requestReference(found.id)} lead={t('privacy_requests.verify.lead')} />
        {state.done ? <Panel kind="success">{state.done}</Panel> : null}
        {found.status === 'awaiting_verification' ? (
          <Form action={`/privacy/requests/${found.id}`} csrfToken={request.csrfToken}>
            <ErrorSummary locale={request.locale} errors={state.errors} />
            <Field
              locale={request.locale}
              name="code"
              label={t('privacy_requests.field.code')}
              inputMode="numeric"
              autocomplete="one-time-code"
              width="short"
              maxLength={6}
              value={state.values.code}
              error={errorFor(state.errors, 'code')}
            />
            <Button>{t('privacy_requests.verify.submit')}</Button>
          </Form>
        ) : state.done ? (
          <RequestFacts locale={request.locale} request={entry} timeZone={deps.config.insurerTimeZone} staff={false} />
        ) : null}
        <p>{t('privacy_requests.authority_note', { authority: authorityOf(found) })}</p>
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/privacy/requests/:id', { schema: { hide: true } }, async (request, reply) =>
    sendCodePage(request, reply, pathId(request.params.id)),
  );

  app.post<{ Params: { id: string } }>('/privacy/requests/:id', { schema: { hide: true } }, async (request, reply) => {
    const id = pathId(request.params.id);
    const values = formValues(request.body, ['code']);
    const result = await submitForm(request, reply, codeForm, 'code', (data) => verifyRequestCode(deps, request.actor, id, data.code, originOf(request)));
    if (!result.ok) return sendCodePage(request, reply, id, { values, errors: result.failure.errors, status: result.failure.status });
    const done = translate(request.locale, 'privacy_requests.verify.done', {
      reference: requestReference(id),
      dueOn: formatDate(request.locale, result.value.dueOn),
    });
    return sendCodePage(request, reply, id, { values: {}, errors: [], status: 200, done });
  });
}
