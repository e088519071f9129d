import type { FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { Money } from '../../../../platform/money.ts';
import { Button, Card, ErrorSummary, Field, Form, PageHeading, Panel, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { flashCookie } from '../../../../platform/ui/flash.ts';
import { attempt, errorFor, type FormError, type FormValues, formValues, parseForm } from '../../../../platform/ui/forms.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender, requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { printReference } from '../../../billing/index.ts';
import { getProduct } from '../../../products/index.ts';
import { localDateOf } from '../../domain/policy-period.ts';
import { cancelByInsurer } from '../../use-cases/cancel-by-insurer.ts';
import { termsJson } from '../../use-cases/cancellation-terms.ts';
import { previewCancellation } from '../../use-cases/preview-cancellation.ts';
import { productTermsOf } from '../../use-cases/read-governing-version.ts';
import { getPolicy, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { type Policy360, type Policy360Item, readPolicy360 } from '../../use-cases/read-policy-360.ts';
import { formatDate, formatMoney, POLICY_FORM_FAILURES, pathId } from './page-support.tsx';
import { isPlainDate } from './quote-form.ts';
import { addressText, WorksheetTable } from './views.tsx';

/**
 * The back office's policy 360 view (issue #3, "Screens and API": "policy 360 view with as-of date and
 * worksheets", "insurer cancellation"): everything about one policy on one page, optionally as of a
 * date, with links to the staff actions, and the insurer's cancellation with its notice preview
 * (JPF-CANCEL-2, JPF-COND-2), computed by the same code that executes it.
 */

// One-time message after the insurer's cancellation; the policy is read again, within the reader's access, to show it.
const flash = flashCookie('bezel_backoffice_flash', ['insurer_cancelled'] as const);

async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = flash.take(deps, request, reply);
  if (taken?.subjectId === undefined) return undefined;
  try {
    const policy = await getPolicy(deps, request.actor, taken.subjectId);
    return { kind: 'success', message: translate(request.locale, 'backoffice_pages.flash.cancelled', { policyNumber: policy.policyNumber }) };
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

const sendPage = layoutPageSender(takeFlash);

/** Scalar details of a transaction as "key: value"; amounts in the reader's language. Nested records are left to the API. */
function detailsText(locale: Locale, details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${key}: ${String(value)}`);
    else if (value && typeof value === 'object' && 'amount' in value && 'currency' in value) {
      const money = value as { amount: unknown; currency: unknown };
      if (typeof money.amount === 'string' && typeof money.currency === 'string')
        parts.push(`${key}: ${formatMoney(locale, { amount: money.amount, currency: money.currency })}`);
    }
  }
  return parts.slice(0, 8).join('; ');
}

function markText(locale: Locale, item: Policy360Item): string {
  const t = translator(locale);
  switch (item.mark.kind) {
    case 'on':
      return t('backoffice_pages.policy.mark.on');
    case 'not_yet':
      return t('backoffice_pages.policy.mark.not_yet');
    case 'removed':
      return t('backoffice_pages.policy.mark.removed', { date: formatDate(locale, item.mark.removedOn) });
  }
}

function person(locale: Locale, who: { name: string; email: string } | null): string {
  return who ? translate(locale, 'backoffice_pages.policy.person', { name: who.name, email: who.email }) : translate(locale, 'backoffice_pages.policy.none');
}

function AsOfForm({
  locale,
  policyId,
  value,
  error,
  asOf,
}: {
  locale: Locale;
  policyId: string;
  value: string | undefined;
  error?: string;
  asOf: string | null;
}) {
  const t = translator(locale);
  return (
    <Card id="as-of" title={t('backoffice_pages.policy.as_of')}>
      <form method="get" action={`/backoffice/policies/${policyId}`} novalidate aria-labelledby="as-of-heading">
        <ErrorSummary locale={locale} errors={error ? [{ field: 'asOf', message: error }] : []} />
        <Field
          locale={locale}
          name="asOf"
          type="date"
          label={t('backoffice_pages.policy.as_of_label')}
          hint={t('backoffice_pages.policy.as_of_hint', { example: '2027-01-31' })}
          value={value}
          {...(error ? { error } : {})}
          width="medium"
          autocomplete="off"
        />
        <Button variant="secondary">{t('backoffice_pages.policy.as_of_submit')}</Button>
      </form>
      {asOf ? (
        <p>
          {t('backoffice_pages.policy.as_of_showing', { date: formatDate(locale, asOf) })}{' '}
          <a href={`/backoffice/policies/${policyId}`}>{t('backoffice_pages.policy.as_of_clear')}</a>
        </p>
      ) : null}
    </Card>
  );
}

async function send360Page(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  view: Policy360,
  asOfForm: { value: string | undefined; error?: string; status: number },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const { policy } = view;
  const application = policy.application;
  const product = await getProduct(deps, actor, view.product?.code ?? 'jewelry').catch(() => null);
  const labels = new Map((product?.version.definition.itemCategories ?? []).map((category) => [category.code, category.label[locale]]));
  const categoryLabel = (code: string) => labels.get(code) ?? code;
  const title = t('backoffice_pages.policy.title', { policyNumber: policy.policyNumber });
  const staffActions = can(actor, 'policies:underwrite');
  // JPF-COND-3: the product terms that govern on the date shown (as sold, or a broadening revision by liberalization).
  const terms = await productTermsOf(deps, policy, view.asOf ? Temporal.PlainDate.from(view.asOf) : localDateOf(deps.clock.now(), policy.timeZone));
  const total = Money.sum(
    view.schedule.filter((item) => item.mark.kind === 'on').map((item) => item.coverageAmount),
    policy.premium.currency,
  );
  return sendPage(
    deps,
    request,
    reply,
    { title, status: asOfForm.status, currentPath: `/backoffice/policies/${policy.id}` },
    <>
      <PageHeading title={title} caption={t('backoffice_pages.policy.caption')} />
      <p>
        <a href="/backoffice/search">{t('backoffice_pages.policy.search')}</a>
      </p>
      <Card id="policy-header" title={t('backoffice_pages.policy.header')}>
        <SummaryList
          items={[
            { term: t('policy_pages.policies.number'), value: policy.policyNumber },
            { term: t('policy_pages.policies.status'), value: t(`policy_pages.policy_status.${policy.status}`) },
            {
              term: t('policy_pages.policies.period'),
              value: t('policy_pages.policies.period_value', { firstDay: formatDate(locale, policy.firstDay), lastDay: formatDate(locale, policy.lastDay) }),
            },
            { term: t('backoffice_pages.policy.holder'), value: person(locale, view.holder) },
            { term: t('backoffice_pages.policy.agent'), value: view.agent ? person(locale, view.agent) : t('backoffice_pages.policy.no_agent') },
            {
              term: t('backoffice_pages.policy.product'),
              value: view.product
                ? t('backoffice_pages.policy.product_value', {
                    name: view.product.name,
                    code: view.product.code,
                    version: view.product.version,
                    effectiveFrom: formatDate(locale, view.product.effectiveFrom),
                  })
                : '',
            },
            {
              term: t('product_versions.terms.term'),
              value:
                terms.basis === 'liberalization'
                  ? t('product_versions.terms.liberalization', { version: terms.version, date: terms.adoptedOn ?? '' })
                  : t('product_versions.terms.sold', { version: terms.version }),
            },
            { term: t('policy_pages.policies.premium'), value: formatMoney(locale, policy.premium) },
            { term: t('policy_pages.application.deductible'), value: formatMoney(locale, application.deductible) },
            { term: t('backoffice_pages.policy.issued'), value: policy.issuedAt.slice(0, 10) },
          ]}
        />
      </Card>
      {staffActions ? <StaffActions locale={locale} policy={policy} /> : null}
      <AsOfForm locale={locale} policyId={policy.id} value={asOfForm.value} asOf={view.asOf} {...(asOfForm.error ? { error: asOfForm.error } : {})} />
      <Card id="insureds" title={t('backoffice_pages.policy.insureds')}>
        <SummaryList
          items={[
            { term: t('policy_pages.application.named_insureds'), value: application.namedInsureds.join(', ') },
            {
              term: t('backoffice_pages.policy.other_insureds'),
              value: application.otherInsureds.map((other) => other.name).join(', ') || t('backoffice_pages.policy.none'),
            },
            { term: t('policy_pages.application.address'), value: addressText(application) },
            { term: t('backoffice_pages.policy.loss_payee'), value: application.lossPayee?.name ?? t('backoffice_pages.policy.none') },
          ]}
        />
      </Card>

      {/* Headings, not cards, above tables: each table is its own named region (axe landmark-unique). */}
      <h2>{t('backoffice_pages.policy.schedule')}</h2>
      <Table
        caption={t('backoffice_pages.policy.schedule')}
        captionHidden
        columns={[
          { header: t('policy_pages.policy.item_no'), cell: (item) => String(item.itemNo), rowHeader: true },
          { header: t('policy_pages.application.description'), cell: (item) => item.description },
          { header: t('policy_pages.application.category'), cell: (item) => categoryLabel(item.category) },
          { header: t('policy_pages.policy.set'), cell: (item) => item.setId ?? '' },
          { header: t('policy_pages.policy.possessor'), cell: (item) => item.possessor ?? '' },
          { header: t('backoffice_pages.policy.purchase_date'), cell: (item) => (item.purchaseDate ? formatDate(locale, item.purchaseDate) : '') },
          { header: t('backoffice_pages.policy.added_on'), cell: (item) => formatDate(locale, item.addedOn) },
          { header: t('backoffice_pages.policy.on_schedule'), cell: (item) => markText(locale, item) },
          { header: t('policy_pages.application.coverage'), cell: (item) => formatMoney(locale, item.coverageAmount), numeric: true },
        ]}
        rows={view.schedule}
        rowKey={(item) => String(item.itemNo)}
        empty=""
      />
      <p>
        {t('policy_pages.policy.total')}: {formatMoney(locale, total)}
      </p>

      <h2>{t('backoffice_pages.policy.transactions')}</h2>
      <Table
        caption={t('backoffice_pages.policy.transactions')}
        captionHidden
        columns={[
          { header: t('backoffice_pages.policy.kind'), cell: (row) => t(`backoffice_pages.policy.kind.${row.kind}`), rowHeader: true },
          { header: t('backoffice_pages.policy.effective'), cell: (row) => formatDate(locale, row.effectiveDate) },
          { header: t('backoffice_pages.policy.recorded'), cell: (row) => row.recordedAt.replace('T', ' ').slice(0, 16) },
          { header: t('backoffice_pages.policy.premium_change'), cell: (row) => formatMoney(locale, row.premiumChange), numeric: true },
          {
            header: t('backoffice_pages.policy.details'),
            cell: (row) => [row.reversedBy ? t('backoffice_pages.policy.reversed') : '', detailsText(locale, row.details)].filter(Boolean).join('; '),
          },
        ]}
        rows={view.transactions}
        rowKey={(row) => row.id}
        empty={t('backoffice_pages.policy.no_transactions')}
      />

      <h2>{t('backoffice_pages.policy.worksheet')}</h2>
      <WorksheetTable locale={locale} application={application} categoryLabel={categoryLabel} />

      <BillingSection locale={locale} billing={view.billing} />

      <h2>{t('backoffice_pages.policy.documents')}</h2>
      <Table
        caption={t('backoffice_pages.policy.documents')}
        captionHidden
        columns={[
          {
            header: t('backoffice_pages.policy.document'),
            cell: (document) => (
              <a href={`/api/v1/documents/${document.id}/content`}>
                {t('backoffice_pages.policy.download', {
                  kind: t(`backoffice_pages.policy.document_kind.${document.kind}`),
                  locale: document.locale.toUpperCase(),
                })}
              </a>
            ),
            rowHeader: true,
          },
          { header: t('backoffice_pages.policy.document_language'), cell: (document) => document.locale.toUpperCase() },
          { header: t('backoffice_pages.policy.document_created'), cell: (document) => document.createdAt.slice(0, 10) },
        ]}
        rows={view.documents}
        rowKey={(document) => document.id}
        empty={t('backoffice_pages.policy.no_documents')}
      />
    </>,
  );
}

function StaffActions({ locale, policy }: { locale: Locale; policy: PolicyDetail }) {
  const t = translator(locale);
  // The void and reinstatement pages check their own permissions and states; these links only avoid dead ends.
  return (
    <Card id="staff-actions" title={t('backoffice_pages.policy.actions')}>
      <ul>
        {policy.status === 'in_force' ? (
          <li>
            <a href={`/backoffice/policies/${policy.id}/insurer-cancellation`}>{t('backoffice_pages.policy.cancel')}</a>
          </li>
        ) : null}
        {policy.status === 'cancelled' ? (
          <li>
            <a href={`/backoffice/policies/${policy.id}/reinstate`}>{t('backoffice_pages.policy.reinstate')}</a>
          </li>
        ) : null}
        {policy.status !== 'void' ? (
          <li>
            <a href={`/backoffice/policies/${policy.id}/void`}>{t('backoffice_pages.policy.void')}</a>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}

function BillingSection({ locale, billing }: { locale: Locale; billing: Policy360['billing'] }) {
  const t = translator(locale);
  if (!billing)
    return (
      <Card id="billing" title={t('backoffice_pages.policy.billing')}>
        <p>{t('backoffice_pages.policy.billing_hidden')}</p>
      </Card>
    );
  const balance = billing.balance;
  return (
    <>
      <Card id="billing" title={t('backoffice_pages.policy.billing')}>
        {balance ? (
          <SummaryList
            items={[
              { term: t('backoffice_pages.policy.invoiced'), value: formatMoney(locale, balance.invoiced) },
              { term: t('backoffice_pages.policy.paid'), value: formatMoney(locale, balance.paid) },
              { term: t('backoffice_pages.policy.outstanding'), value: formatMoney(locale, balance.outstanding) },
              { term: t('backoffice_pages.policy.refunds_payable'), value: formatMoney(locale, balance.refundsPayable) },
            ]}
          />
        ) : null}
      </Card>
      <h2>{t('backoffice_pages.policy.invoices')}</h2>
      <Table
        caption={t('backoffice_pages.policy.invoices')}
        captionHidden
        columns={[
          { header: t('policy_pages.policy.reference'), cell: (invoice) => printReference(invoice.structuredReference), rowHeader: true },
          { header: t('policy_pages.policy.issued_on'), cell: (invoice) => formatDate(locale, invoice.issuedOn) },
          { header: t('policy_pages.policy.due_on'), cell: (invoice) => formatDate(locale, invoice.dueOn) },
          { header: t('policy_pages.policies.status'), cell: (invoice) => t(`policy_pages.invoice_status.${invoice.status}`) },
          { header: t('policy_pages.policy.amount'), cell: (invoice) => formatMoney(locale, invoice), numeric: true },
        ]}
        rows={billing.invoices}
        rowKey={(invoice) => invoice.id}
        empty={t('policy_pages.policy.no_invoices')}
      />
      <h2>{t('backoffice_pages.policy.refunds')}</h2>
      <Table
        caption={t('backoffice_pages.policy.refunds')}
        captionHidden
        columns={[
          { header: t('backoffice_pages.policy.refund_created'), cell: (refund) => refund.createdAt.slice(0, 10), rowHeader: true },
          { header: t('backoffice_pages.policy.refund_reason'), cell: (refund) => refund.reason },
          { header: t('policy_pages.policies.status'), cell: (refund) => t(`backoffice_pages.policy.refund_status.${refund.status}`) },
          { header: t('policy_pages.policy.amount'), cell: (refund) => formatMoney(locale, refund), numeric: true },
        ]}
        rows={billing.refunds}
        rowKey={(refund) => refund.id}
        empty={t('backoffice_pages.policy.no_refunds')}
      />
    </>
  );
}

// ——— The insurer's cancellation (JPF-CANCEL-2): preview, then cancel, on one form. ———

const cancelSchema = z.object({
  action: z.enum(['preview', 'cancel']).default('cancel'),
  effectiveDate: z
    .string({ error: 'backoffice_pages.cancel.problem.required' })
    .trim()
    .min(1, { error: 'backoffice_pages.cancel.problem.required' })
    .refine(isPlainDate, { error: 'backoffice_pages.cancel.problem.date' }),
  reason: z.string().trim().max(2000, { error: 'backoffice_pages.cancel.problem.reason_length' }).default(''),
});

type CancelForm = { values: FormValues; errors: readonly FormError[]; status: number };

async function sendCancelPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  policy: PolicyDetail,
  effectiveDate: string | undefined,
  form: CancelForm,
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const title = t('backoffice_pages.cancel.title', { policyNumber: policy.policyNumber });
  // JPF-CANCEL-2, JPF-COND-2: the preview is the very computation the cancellation runs (preview equals execution).
  const preview =
    policy.status === 'in_force'
      ? await previewCancellation(deps, actor, policy.id, { by: 'insurer', effectiveDate }).then(termsJson, (error: unknown) => {
          if (error instanceof AppError && error.status < 500 && effectiveDate !== undefined)
            return previewCancellation(deps, actor, policy.id, { by: 'insurer' }).then(termsJson);
          throw error;
        })
      : null;
  const notice = preview?.notice ?? null;
  return sendPage(
    deps,
    request,
    reply,
    { title, status: form.status, currentPath: `/backoffice/policies/${policy.id}/insurer-cancellation` },
    <>
      <PageHeading title={title} lead={t('backoffice_pages.cancel.lead')} />
      <p>
        <a href={`/backoffice/policies/${policy.id}`}>{t('backoffice_pages.cancel.back', { policyNumber: policy.policyNumber })}</a>
      </p>
      {preview && notice ? (
        <>
          <Card id="preview" title={t('backoffice_pages.cancel.preview')}>
            <SummaryList
              items={[
                { term: t('backoffice_pages.cancel.notice_date'), value: formatDate(locale, notice.date) },
                { term: t('backoffice_pages.cancel.notice_days'), value: t(`backoffice_pages.cancel.notice_days.${notice.source}`, { days: notice.days }) },
                { term: t('backoffice_pages.cancel.earliest'), value: formatDate(locale, notice.earliestEffectiveDate) },
                { term: t('backoffice_pages.cancel.effective_date'), value: formatDate(locale, preview.effectiveDate) },
                { term: t('backoffice_pages.cancel.premium_paid'), value: formatMoney(locale, preview.premiumPaid) },
                { term: t('backoffice_pages.cancel.earned'), value: formatMoney(locale, preview.earnedPremium) },
                { term: t('backoffice_pages.cancel.refund'), value: formatMoney(locale, preview.refund) },
                { term: t('backoffice_pages.cancel.balance_due'), value: formatMoney(locale, preview.balanceDue) },
              ]}
            />
          </Card>
          <Card id="cancel" title={t('backoffice_pages.cancel.form')}>
            <Form action={`/backoffice/policies/${policy.id}/insurer-cancellation`} csrfToken={request.csrfToken} aria-labelledby="cancel-heading">
              <ErrorSummary locale={locale} errors={form.errors} />
              <Field
                locale={locale}
                name="effectiveDate"
                type="date"
                label={t('backoffice_pages.cancel.effective_label')}
                hint={t('backoffice_pages.cancel.effective_hint', { earliest: notice.earliestEffectiveDate })}
                value={form.values.effectiveDate ?? preview.effectiveDate}
                error={errorFor(form.errors, 'effectiveDate')}
                width="medium"
                autocomplete="off"
              />
              <Field
                locale={locale}
                name="reason"
                label={t('backoffice_pages.cancel.reason')}
                hint={t('backoffice_pages.cancel.reason_hint')}
                multiline
                rows={3}
                value={form.values.reason}
                error={errorFor(form.errors, 'reason')}
              />
              <p>
                <Button variant="secondary" name="action" value="preview">
                  {t('backoffice_pages.cancel.submit_preview')}
                </Button>
                <Button variant="danger" name="action" value="cancel">
                  {t('backoffice_pages.cancel.submit')}
                </Button>
              </p>
            </Form>
          </Card>
        </>
      ) : (
        <Panel kind="warning">
          <p>{t('backoffice_pages.cancel.not_in_force')}</p>
        </Panel>
      )}
    </>,
  );
}

export function registerPolicy360Pages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string }; Querystring: { asOf?: unknown } }>('/backoffice/policies/:id', { schema: { hide: true } }, async (request, reply) => {
    // Any logged-in user gets this far: out of reach is 404 and within reach without policies:read_all 403, as in the API.
    const actor = requirePageUser(request, reply, 'profile:read');
    if (!actor) return reply;
    const id = pathId(request.params.id);
    const raw = request.query.asOf;
    const asOf = typeof raw === 'string' && raw !== '' ? raw : undefined;
    if (asOf !== undefined && !isPlainDate(asOf)) {
      const view = await readPolicy360(deps, actor, id);
      const error = translate(request.locale, 'backoffice_pages.policy.as_of_invalid');
      return send360Page(deps, request, reply, actor, view, { value: asOf.slice(0, 40), error, status: 400 });
    }
    const view = await readPolicy360(deps, actor, id, { asOf });
    return send360Page(deps, request, reply, actor, view, { value: asOf, status: 200 });
  });

  app.get<{ Params: { id: string } }>('/backoffice/policies/:id/insurer-cancellation', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:underwrite');
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    return sendCancelPage(deps, request, reply, actor, policy, undefined, { values: {}, errors: [], status: 200 });
  });

  app.post<{ Params: { id: string } }>('/backoffice/policies/:id/insurer-cancellation', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:underwrite', `/backoffice/policies/${request.params.id}/insurer-cancellation`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const values = formValues(request.body);
    const parsed = parseForm(request.locale, cancelSchema, request.body);
    if (!parsed.ok) return sendCancelPage(deps, request, reply, actor, policy, undefined, { values, errors: parsed.errors, status: 400 });
    const { action, effectiveDate, reason } = parsed.data;
    if (action === 'preview') {
      const checked = await attempt(
        request.locale,
        reply,
        'effectiveDate',
        () => previewCancellation(deps, actor, policy.id, { by: 'insurer', effectiveDate }),
        POLICY_FORM_FAILURES,
      );
      const errors = checked.ok ? [] : checked.failure.errors;
      return sendCancelPage(deps, request, reply, actor, policy, effectiveDate, { values, errors, status: checked.ok ? 200 : checked.failure.status });
    }
    if (reason.length < 3) {
      const message = translate(request.locale, 'backoffice_pages.cancel.problem.reason_length');
      return sendCancelPage(deps, request, reply, actor, policy, effectiveDate, { values, errors: [{ field: 'reason', message }], status: 400 });
    }
    const result = await attempt(
      request.locale,
      reply,
      'effectiveDate',
      () => cancelByInsurer(deps, actor, policy.id, { effectiveDate, reason }, originOf(request)),
      POLICY_FORM_FAILURES,
    );
    if (!result.ok) {
      const fresh = await getPolicy(deps, actor, policy.id);
      return sendCancelPage(deps, request, reply, actor, fresh, effectiveDate, { values, errors: result.failure.errors, status: result.failure.status });
    }
    flash.set(reply, deps, 'insurer_cancelled', policy.id);
    return reply.redirect(`/backoffice/policies/${policy.id}`, 303);
  });
}
