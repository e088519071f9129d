import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { Button, Card, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { ErrorSummary, RadioGroup } from '../../../../platform/ui/fields.tsx';
import { attempt, errorFor, type FormError } from '../../../../platform/ui/forms.ts';
import { requirePageUser, sendLayoutPage, translator } from '../../../../platform/ui/page-support.tsx';
import type { PartnerAuthorisation } from '../disclosure-repository.ts';
import { authorisePartner, readMyPartnerAuthorisations, revokePartnerAuthorisation } from '../use-cases/partner-authorisations.ts';
import { answerSurvey, openSurvey, RATING_MAX, RATING_MIN } from '../use-cases/surveys.ts';

/** The customer's partner authorisations (PRV-DISC-3) and the public survey answer page (PRV-SURVEY-1). */
const noFlash = async () => undefined;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => String(RATING_MIN + index));

export function registerPublicDisclosurePages(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: { done?: string } }>('/portal/privacy/partners', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter');
    if (!actor) return reply;
    return sendPartnersPage(deps, request, reply, [], 200);
  });
  app.post('/portal/privacy/partners', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter', '/portal/privacy/partners');
    if (!actor) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const recipientId = typeof body.recipientId === 'string' ? body.recipientId : '';
    const result = await attempt(request.locale, reply, 'recipientId', () => authorisePartner(deps, actor, recipientId, originOf(request)));
    if (result.ok) return reply.redirect('/portal/privacy/partners?done=authorised', 303);
    return sendPartnersPage(deps, request, reply, result.failure.errors, result.failure.status);
  });
  app.post<{ Params: { id: string } }>('/portal/privacy/partners/:id/revoke', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'portal:enter', '/portal/privacy/partners');
    if (!actor) return reply;
    // Someone else's (or an unknown) authorisation is not found: 404 from the use case.
    await revokePartnerAuthorisation(deps, actor, request.params.id, originOf(request));
    return reply.redirect('/portal/privacy/partners?done=revoked', 303);
  });

  app.get<{ Params: { token: string } }>('/surveys/:token', { schema: { hide: true } }, async (request, reply) =>
    sendSurveyPage(deps, request, reply, [], 200),
  );
  app.post<{ Params: { token: string } }>('/surveys/:token', { schema: { hide: true } }, async (request, reply) => {
    const token = surveyToken(request.params.token);
    const survey = await openSurvey(deps, token);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ratings = Object.fromEntries(
      survey.questions.map((question) => [question, typeof body[question] === 'string' ? Number(body[question]) : Number.NaN]),
    );
    const result = await attempt(request.locale, reply, 'ratings', () => answerSurvey(deps, token, ratings));
    if (!result.ok) {
      // The summary links to the first question left unanswered (or out of range).
      const first = survey.questions.find((question) => !Number.isInteger(ratings[question])) ?? survey.questions[0] ?? 'ratings';
      const errors = result.failure.errors.map((error) => (error.field === 'ratings' ? { ...error, field: first } : error));
      return sendSurveyPage(deps, request, reply, errors, result.failure.status);
    }
    const t = translator(request.locale);
    return sendLayoutPage(
      request,
      reply,
      { title: t('privacy_disclosure.pages.survey.thanks_title'), currentPath: '/' },
      <>
        <PageHeading title={t('privacy_disclosure.pages.survey.thanks_title')} />
        <Panel kind="success">
          <p>{t('privacy_disclosure.pages.survey.thanks')}</p>
        </Panel>
      </>,
      noFlash,
    );
  });
}

/** A malformed token is as invalid as an unknown one: the same 404 (openSurvey). */
function surveyToken(raw: string): string {
  return TOKEN.test(raw) ? raw : 'invalid-token-invalid-token';
}

async function sendSurveyPage(deps: Deps, request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, errors: FormError[], status: number) {
  const t = translator(request.locale);
  const token = surveyToken(request.params.token);
  const survey = await openSurvey(deps, token);
  const body = (request.body ?? {}) as Record<string, unknown>;
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy_disclosure.pages.survey.title'), status, currentPath: '/' },
    <>
      <PageHeading title={survey.title} caption={t('privacy_disclosure.pages.survey.title')} lead={t('privacy_disclosure.pages.survey.lead')} />
      <ErrorSummary locale={request.locale} errors={errors} />
      <Form action={`/surveys/${token}`} csrfToken={request.csrfToken} aria-label={survey.title}>
        {survey.questions.map((question) => (
          <RadioGroup
            key={question}
            locale={request.locale}
            name={question}
            legend={question.replace(/_/g, ' ')}
            options={RATINGS.map((value) => ({ value, label: t('privacy_disclosure.pages.survey.rating', { value }) }))}
            selected={typeof body[question] === 'string' ? [body[question] as string] : []}
            error={errorFor(errors, question)}
          />
        ))}
        <Button>{t('privacy_disclosure.pages.survey.submit')}</Button>
      </Form>
    </>,
    noFlash,
  );
}

async function sendPartnersPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, errors: FormError[], status: number) {
  const t = translator(request.locale);
  const { partners, authorisations } = await readMyPartnerAuthorisations(deps, request.actor);
  const done = (request.query as { done?: string }).done;
  const when = (instant: string | null) => (instant ? formatInstant(request.locale, instant, deps.config.insurerTimeZone) : '');
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy_disclosure.pages.partners.title'), status, currentPath: '/portal/privacy/partners' },
    <>
      <PageHeading title={t('privacy_disclosure.pages.partners.title')} lead={t('privacy_disclosure.pages.partners.lead')} />
      {done === 'authorised' || done === 'revoked' ? (
        <Panel kind="success">
          <p>{t(done === 'authorised' ? 'privacy_disclosure.pages.partners.authorised' : 'privacy_disclosure.pages.partners.revoked')}</p>
        </Panel>
      ) : null}
      <ErrorSummary locale={request.locale} errors={errors} />
      <Table
        caption={t('privacy_disclosure.pages.partners.current')}
        columns={[
          { header: t('privacy_disclosure.pages.partners.choose'), cell: (row: PartnerAuthorisation) => row.recipientName, rowHeader: true },
          { header: t('privacy_disclosure.pages.partners.granted_at'), cell: (row) => when(row.grantedAt) },
          { header: t('privacy_disclosure.pages.partners.revoked_at'), cell: (row) => when(row.revokedAt) },
          {
            header: t('privacy_disclosure.pages.partners.revoke'),
            cell: (row) =>
              row.revokedAt === null ? (
                <Form
                  action={`/portal/privacy/partners/${row.id}/revoke`}
                  csrfToken={request.csrfToken}
                  aria-label={`${t('privacy_disclosure.pages.partners.revoke')}: ${row.recipientName}`}
                >
                  <Button variant="secondary">{t('privacy_disclosure.pages.partners.revoke')}</Button>
                </Form>
              ) : null,
          },
        ]}
        rows={authorisations}
        rowKey={(row) => row.id}
        empty={t('privacy_disclosure.pages.partners.none')}
      />
      <Card id="authorise-partner" title={t('privacy_disclosure.pages.partners.authorise')}>
        {partners.length === 0 ? (
          <p>{t('privacy_disclosure.pages.partners.no_partners')}</p>
        ) : (
          <Form action="/portal/privacy/partners" csrfToken={request.csrfToken} aria-labelledby="authorise-partner-heading">
            <RadioGroup
              locale={request.locale}
              name="recipientId"
              legend={t('privacy_disclosure.pages.partners.choose')}
              options={partners.map((partner) => ({ value: partner.id, label: partner.name, ...(partner.description && { hint: partner.description }) }))}
              selected={[]}
              error={errorFor(errors, 'recipientId')}
            />
            <Button>{t('privacy_disclosure.pages.partners.authorise')}</Button>
          </Form>
        )}
      </Card>
    </>,
    noFlash,
  );
}
