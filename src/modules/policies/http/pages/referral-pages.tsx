import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, RadioGroup, Table } from '../../../../platform/ui/components.tsx';
import { attempt, errorFor, type FormError, type FormValues, formValues, parseForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { DEMO_PRODUCT, getProduct } from '../../../products/index.ts';
import type { Application } from '../../policies-repository.ts';
import { decideReferral } from '../../use-cases/decide-referral.ts';
import { getApplication, listReferrals } from '../../use-cases/read-policies.ts';
import { formatMoney, POLICY_FORM_FAILURES, pathId, sendLayoutPage, setFlash } from './page-support.tsx';
import { ApplicationSummary, referralReasonText, WorksheetTable } from './views.tsx';

/** The underwriter's referral queue and decision (issue #3, back office). */

const decisionSchema = z.object({
  decision: z.enum(['approve', 'decline'], { error: 'policy_pages.problem.decision' }),
  reason: z
    .string({ error: 'policy_pages.problem.required' })
    .trim()
    .min(1, { error: 'policy_pages.problem.required' })
    .max(1000, { error: 'policy_pages.problem.too_long' }),
});

async function sendReviewPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  application: Application,
  form: { values: FormValues; errors: readonly FormError[]; status: number } = { values: {}, errors: [], status: 200 },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const product = await getProduct(deps, request.actor, DEMO_PRODUCT.code).catch(() => null);
  const labels = new Map((product?.version.definition.itemCategories ?? []).map((category) => [category.code, category.label[locale]]));
  const name = application.namedInsureds.join(', ');
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('policy_pages.review.title', { name }), status: form.status, currentPath: `/backoffice/applications/${application.id}` },
    <>
      <PageHeading title={t('policy_pages.review.title', { name })} />
      <p>
        <a href="/backoffice/referrals">{t('policy_pages.review.back')}</a>
      </p>
      <ApplicationSummary locale={locale} application={application} />
      {application.referralReasons.length > 0 ? (
        <Card id="reasons" title={t('policy_pages.application.reasons')}>
          <ul>
            {application.referralReasons.map((reason) => (
              <li key={`${reason.code}-${'item' in reason ? reason.item : ''}`}>{referralReasonText(locale, reason)}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <WorksheetTable locale={locale} application={application} categoryLabel={(code) => labels.get(code) ?? code} />
      {application.status === 'referred' ? (
        <Card id="decide" title={t('policy_pages.review.decide')}>
          <Form action={`/backoffice/applications/${application.id}/decision`} csrfToken={request.csrfToken} aria-labelledby="decide-heading">
            <ErrorSummary locale={locale} errors={form.errors} />
            <RadioGroup
              locale={locale}
              name="decision"
              legend={t('policy_pages.review.decision')}
              options={[
                { value: 'approve', label: t('policy_pages.review.approve') },
                { value: 'decline', label: t('policy_pages.review.decline') },
              ]}
              selected={[form.values.decision ?? '']}
              error={errorFor(form.errors, 'decision')}
            />
            <Field
              locale={locale}
              name="reason"
              label={t('policy_pages.review.reason')}
              hint={t('policy_pages.review.reason_hint')}
              multiline
              rows={3}
              value={form.values.reason}
              error={errorFor(form.errors, 'reason')}
            />
            <Button>{t('policy_pages.review.submit')}</Button>
          </Form>
        </Card>
      ) : application.decision ? (
        <p>{t('policy_pages.application.decision_reason', { reason: application.decision.reason })}</p>
      ) : null}
    </>,
  );
}

export function registerReferralPages(app: TypedApp, deps: Deps): void {
  app.get('/backoffice/referrals', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:underwrite');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const referrals = await listReferrals(deps, actor);
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('policy_pages.referrals.title') },
      <>
        <PageHeading title={t('policy_pages.referrals.title')} lead={t('policy_pages.referrals.lead')} />
        <Table
          caption={t('policy_pages.referrals.caption')}
          columns={[
            {
              header: t('policy_pages.referrals.applicant'),
              cell: (application) => (
                <a
                  href={`/backoffice/applications/${application.id}`}
                  aria-label={t('policy_pages.referrals.review', { name: application.namedInsureds.join(', ') })}
                >
                  {application.namedInsureds.join(', ')}
                </a>
              ),
              rowHeader: true,
            },
            { header: t('policy_pages.referrals.submitted'), cell: (application) => application.submittedAt.slice(0, 10) },
            { header: t('policy_pages.application.premium'), cell: (application) => formatMoney(locale, application.premium), numeric: true },
            {
              header: t('policy_pages.referrals.reasons'),
              cell: (application) => (
                <ul>
                  {application.referralReasons.map((reason) => (
                    <li key={`${reason.code}-${'item' in reason ? reason.item : ''}`}>{referralReasonText(locale, reason)}</li>
                  ))}
                </ul>
              ),
            },
          ]}
          rows={referrals}
          rowKey={(application) => application.id}
          empty={t('policy_pages.referrals.empty')}
        />
      </>,
    );
  });

  app.get<{ Params: { id: string } }>('/backoffice/applications/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:underwrite');
    if (!actor) return reply;
    const application = await getApplication(deps, actor, pathId(request.params.id));
    return sendReviewPage(deps, request, reply, application);
  });

  app.post<{ Params: { id: string } }>('/backoffice/applications/:id/decision', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:underwrite', `/backoffice/applications/${request.params.id}`);
    if (!actor) return reply;
    const application = await getApplication(deps, actor, pathId(request.params.id));
    const values = formValues(request.body);
    const parsed = parseForm(request.locale, decisionSchema, request.body);
    if (!parsed.ok) return sendReviewPage(deps, request, reply, application, { values, errors: parsed.errors, status: 400 });
    const result = await attempt(
      request.locale,
      reply,
      'decision',
      () => decideReferral(deps, actor, application.id, parsed.data, originOf(request)),
      POLICY_FORM_FAILURES,
    );
    if (!result.ok) return sendReviewPage(deps, request, reply, application, { values, errors: result.failure.errors, status: result.failure.status });
    setFlash(reply, deps, 'decided', application.id);
    return reply.redirect('/backoffice/referrals', 303);
  });
}
