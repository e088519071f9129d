import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel, SummaryList } from '../../../../platform/ui/components.tsx';
import { attempt, errorFor, type FormError, type FormValues, formValues, parseForm, says } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { sendFragment } from '../../../../platform/ui/render.ts';
import { localDateOf } from '../../domain/policy-period.ts';
import type { CancellationTerms } from '../../use-cases/cancellation-terms.ts';
import { previewCancellation } from '../../use-cases/preview-cancellation.ts';
import { listPendingSignatureRequests } from '../../use-cases/read-pending-signatures.ts';
import { getPolicy, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { requestCancellation } from '../../use-cases/request-cancellation.ts';
import { formatDate, formatMoney, pathId, sendLayoutPage } from './page-support.tsx';
import { BackToPolicy, NotPossible, namesText, policyPath, setPortalFlash } from './policy-pages.tsx';
import { isPlainDate } from './quote-form.ts';

/**
 * The insured's cancellation in the portal (JPF-CANCEL-1): the refund for a chosen first day without cover,
 * computed by previewCancellation exactly as the cancellation will (full refund when effective in the first 30
 * days, else the unearned premium pro rata by day), re-previewed by htmx as the date changes or by the "Show the
 * refund" button without JavaScript; then the holder signs the request. It executes once every named insured
 * has signed; until then the page says whose signatures are missing.
 */

const required = says('policy_pages.problem.required');
const dateSchema = z.object({ effectiveDate: z.string(required).trim().min(1, required).refine(isPlainDate, says('policy_pages.problem.date')) });
const requestSchema = dateSchema.extend({
  confirm: z.literal('yes', says('portal_policy.problem.confirm')),
});

const FAILURES = { fieldCodes: ['validation_failed', 'effective_date_before_period', 'effective_date_after_period'] };

type Preview = { terms: CancellationTerms } | { problem: string };
type CancelForm = { values: FormValues; errors: readonly FormError[]; preview?: Preview | undefined };

function CancelPreview({ locale, preview }: { locale: Locale; preview?: Preview | undefined }) {
  const t = translator(locale);
  let body = <p>{t('portal_policy.cancel.preview_idle')}</p>;
  if (preview && 'terms' in preview) {
    const { refund } = preview.terms;
    body = (
      <>
        <p>
          {refund.rule === 'full_refund_window'
            ? t('portal_policy.cancel.rule.full_refund_window', { day: refund.dayOfPeriod })
            : t('portal_policy.cancel.rule.pro_rata', { day: refund.dayOfPeriod, days: refund.daysUnused })}
        </p>
        <SummaryList
          items={[
            { term: t('portal_policy.cancel.premium_paid'), value: formatMoney(locale, preview.terms.premiumPaid) },
            { term: t('portal_policy.cancel.earned'), value: formatMoney(locale, refund.earnedPremium) },
            { term: t('portal_policy.cancel.refund'), value: formatMoney(locale, refund.refund) },
            { term: t('portal_policy.cancel.balance_due'), value: formatMoney(locale, refund.balanceDue) },
          ]}
        />
      </>
    );
  } else if (preview) body = <p>{t('portal_policy.premium.problem', { problem: preview.problem })}</p>;
  return (
    <section id="cancel-preview" class="card" aria-labelledby="cancel-preview-heading">
      <h2 id="cancel-preview-heading" class="card__title">
        {t('portal_policy.cancel.preview_title')}
      </h2>
      {body}
    </section>
  );
}

/** The first day the insured may choose by default: today, or the first day of a policy not started yet. */
function defaultEffectiveDate(deps: Deps, policy: PolicyDetail): string {
  const today = localDateOf(deps.clock.now(), policy.timeZone);
  const firstDay = Temporal.PlainDate.from(policy.firstDay);
  return (Temporal.PlainDate.compare(today, firstDay) < 0 ? firstDay : today).toString();
}

async function previewOf(deps: Deps, actor: UserActor, policyId: string, effectiveDate: string, locale: Locale, reply: FastifyReply): Promise<Preview> {
  const result = await attempt(locale, reply, 'effectiveDate', () => previewCancellation(deps, actor, policyId, { effectiveDate, by: 'insured' }), FAILURES);
  return result.ok ? { terms: result.value } : { problem: result.failure.errors.map((error) => error.message).join(' ') };
}

async function sendCancelPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  policy: PolicyDetail,
  form?: CancelForm,
  status = 200,
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const path = `${policyPath(policy.id)}/cancel`;
  const title = t('portal_policy.cancel.title');
  const example = defaultEffectiveDate(deps, policy);
  const pending = (await listPendingSignatureRequests(deps, actor, policy.id)).find((candidate) => candidate.kind === 'cancellation');
  let content: ComponentChildren;
  if (policy.status !== 'in_force') {
    content = <NotPossible>{t('portal_policy.cancel.not_possible', { status: t(`policy_pages.policy_status.${policy.status}`) })}</NotPossible>;
  } else if (pending) {
    content = (
      <Panel kind="info">
        <p>{t('portal_policy.cancel.pending', { date: formatDate(locale, pending.effectiveDate), names: namesText(locale, pending.missing) })}</p>
        <p>{t('portal_policy.pending.paper')}</p>
      </Panel>
    );
  } else {
    const values = form?.values ?? { effectiveDate: example };
    const errors = form?.errors ?? [];
    const preview = form ? form.preview : await previewOf(deps, actor, policy.id, example, locale, reply);
    content = (
      <Form action={path} csrfToken={request.csrfToken} id="cancel-form" aria-labelledby="cancel-heading">
        <ErrorSummary locale={locale} errors={errors} />
        <Field
          locale={locale}
          name="effectiveDate"
          type="date"
          label={t('portal_policy.cancel.effective_date')}
          hint={t('portal_policy.cancel.effective_date_hint', {
            firstDay: formatDate(locale, policy.firstDay),
            lastDay: formatDate(locale, policy.lastDay),
            example,
          })}
          value={values.effectiveDate}
          error={errorFor(errors, 'effectiveDate')}
          width="medium"
          autocomplete="off"
        />
        {/* htmx: the refund is computed again as the date changes; without JavaScript, "Show the refund". */}
        <div
          hx-post={`${path}/preview`}
          hx-trigger="change from:#field-effectiveDate, input delay:600ms from:#field-effectiveDate"
          hx-target="this"
          hx-swap="innerHTML"
          aria-live="polite"
        >
          <CancelPreview locale={locale} preview={preview} />
        </div>
        <CheckboxGroup
          locale={locale}
          name="confirm"
          legend={t('portal_policy.cancel.signature')}
          options={[{ value: 'yes', label: t('portal_policy.cancel.confirm', { policyNumber: policy.policyNumber }) }]}
          selected={[values.confirm ?? '']}
          error={errorFor(errors, 'confirm')}
        />
        <p>
          <Button variant="secondary" name="action" value="preview">
            {t('portal_policy.cancel.preview')}
          </Button>{' '}
          <Button variant="danger" name="action" value="request">
            {t('portal_policy.cancel.submit')}
          </Button>
        </p>
      </Form>
    );
  }
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: path },
    <>
      <div id="cancel-heading">
        <PageHeading title={title} caption={t('policy_pages.policy.title', { policyNumber: policy.policyNumber })} lead={t('portal_policy.cancel.lead')} />
      </div>
      {content}
      <BackToPolicy locale={locale} policy={policy} />
    </>,
  );
}

export function registerCancelPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/portal/policies/:id/cancel', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    return sendCancelPage(deps, request, reply, actor, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/portal/policies/:id/cancel', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}/cancel`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const locale = request.locale;
    const values = formValues(request.body);
    if (values.action === 'preview') {
      const parsed = parseForm(locale, dateSchema, request.body);
      if (!parsed.ok) return sendCancelPage(deps, request, reply, actor, policy, { values, errors: parsed.errors }, 400);
      const preview = await previewOf(deps, actor, policy.id, parsed.data.effectiveDate, locale, reply);
      return sendCancelPage(deps, request, reply, actor, policy, { values, errors: [], preview });
    }
    const parsed = parseForm(locale, requestSchema, request.body);
    if (!parsed.ok) return sendCancelPage(deps, request, reply, actor, policy, { values, errors: parsed.errors }, 400);
    // JPF-CANCEL-1: the holder signs the request; it executes when every named insured has signed.
    const result = await attempt(
      locale,
      reply,
      'effectiveDate',
      () => requestCancellation(deps, actor, policy.id, { effectiveDate: parsed.data.effectiveDate }, originOf(request)),
      FAILURES,
    );
    if (!result.ok) return sendCancelPage(deps, request, reply, actor, policy, { values, errors: result.failure.errors }, result.failure.status);
    const { executed, request: stored } = result.value;
    if (executed) setPortalFlash(reply, deps, 'cancelled', executed.transactionId);
    else setPortalFlash(reply, deps, 'cancellation_pending', stored.id);
    return reply.redirect(policyPath(policy.id), 303);
  });

  // htmx only: the refund for the date in the form (JPF-CANCEL-1: preview = execution); nothing is stored.
  app.post<{ Params: { id: string } }>('/portal/policies/:id/cancel/preview', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}/cancel`);
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const parsed = parseForm(request.locale, dateSchema, request.body);
    if (!parsed.ok) return sendFragment(reply, <CancelPreview locale={request.locale} />);
    // A refused date (outside the period) or a policy cancelled meanwhile is said in the panel.
    const preview = await previewOf(deps, actor, policy.id, parsed.data.effectiveDate, request.locale, reply);
    return sendFragment(reply, <CancelPreview locale={request.locale} preview={preview} />);
  });
}
