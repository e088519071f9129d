import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { Button, ButtonLink, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel, RadioGroup } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { attempt, errorFor, type FormError, type FormValues, formValues, parseForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { sendFragment } from '../../../../platform/ui/render.ts';
import { appraisalFileHint, FileField, multipartForm, uploadedPart, uploadFile } from '../../../files/index.ts';
import { DEMO_PRODUCT, getProduct, rateQuote } from '../../../products/index.ts';
import type { Application } from '../../policies-repository.ts';
import { bindPolicy } from '../../use-cases/bind-policy.ts';
import { quoteApplication } from '../../use-cases/quote-application.ts';
import { getApplication, listMyPolicies } from '../../use-cases/read-policies.ts';
import { agentNeedsClient, ClientField, clientValues, withClient } from './agent-pages.tsx';
import { formatMoney, POLICY_FORM_FAILURES, pathId, sendLayoutPage, setFlash } from './page-support.tsx';
import {
  appraisalFileField,
  formFieldOf,
  isPlainDate,
  itemField,
  MAX_ITEMS,
  type QuoteForm,
  type QuoteProduct,
  quoteSchema,
  ROWS,
  timeZoneOfState,
  toQuoteInput,
} from './quote-form.ts';
import { ApplicationSummary, referralReasonText, WorksheetTable } from './views.tsx';

/** The portal's quote and apply (issue #3, "Screens and API"): the form, the instant premium, the application and bind. */

const PRODUCT_CODE = DEMO_PRODUCT.code;

type ProductView = QuoteProduct & { categoryLabels: Map<string, string>; defaultDeductible: string; currency: string };

async function productView(deps: Deps, actor: Actor, locale: Locale): Promise<ProductView> {
  const product = await getProduct(deps, actor, PRODUCT_CODE);
  const definition = product.version.definition;
  return {
    code: product.code,
    categories: definition.itemCategories.map((category) => category.code),
    categoryLabels: new Map(definition.itemCategories.map((category) => [category.code, category.label[locale]])),
    deductibles: definition.deductibleOptions,
    defaultDeductible: definition.defaultDeductible,
    states: definition.jurisdictions,
    currency: product.currency,
  };
}

function categoryLabeller(product: ProductView): (code: string) => string {
  return (code) => product.categoryLabels.get(code) ?? code;
}

function QuoteFormView({
  locale,
  csrfToken,
  product,
  values,
  errors,
  uploadLimit,
}: {
  locale: Locale;
  csrfToken: string;
  product: ProductView;
  values: FormValues;
  errors: readonly FormError[];
  uploadLimit: number;
}) {
  const t = translator(locale);
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(errors, name) });
  const categories = product.categories.map((code) => ({ value: code, label: product.categoryLabels.get(code) ?? code }));
  return (
    <Form action="/portal/quote" csrfToken={csrfToken} id="quote-form" aria-labelledby="quote-heading" multipart>
      <ErrorSummary locale={locale} errors={errors} />
      <ClientField values={values} />
      <fieldset class="choices">
        <legend class="field__label">{t('policy_pages.quote.insureds')}</legend>
        <Field {...field('namedInsureds.0')} label={t('policy_pages.quote.named_insured_1')} autocomplete="name" />
        <Field {...field('namedInsureds.1')} label={t('policy_pages.quote.named_insured_2')} optional autocomplete="off" />
      </fieldset>
      <fieldset class="choices">
        <legend class="field__label">{t('policy_pages.quote.address')}</legend>
        <Field {...field('street')} label={t('policy_pages.quote.street')} autocomplete="address-line1" />
        <Field {...field('city')} label={t('policy_pages.quote.city')} autocomplete="address-level2" width="medium" />
        <SelectField
          {...field('state')}
          label={t('policy_pages.quote.state')}
          placeholder={t('policy_pages.quote.choose')}
          options={product.states.map((state) => ({ value: state, label: state }))}
        />
        <Field
          {...field('postalCode')}
          label={t('policy_pages.quote.postal_code')}
          hint={t('policy_pages.quote.postal_code_hint')}
          autocomplete="postal-code"
          inputMode="numeric"
          width="short"
        />
      </fieldset>
      <RadioGroup
        locale={locale}
        name="deductible"
        legend={t('policy_pages.quote.deductible')}
        hint={t('policy_pages.quote.deductible_hint')}
        options={product.deductibles.map((amount) => ({ value: amount, label: formatMoney(locale, { amount, currency: product.currency }) }))}
        selected={[values.deductible ?? product.defaultDeductible]}
        error={errorFor(errors, 'deductible')}
      />
      <h2>{t('policy_pages.quote.items')}</h2>
      <p class="field__hint">{t('policy_pages.quote.items_hint')}</p>
      {ROWS.map((row) => (
        <fieldset class="choices" key={row}>
          <legend class="field__label">{t('policy_pages.quote.item', { number: row + 1 })}</legend>
          <Field
            {...field(itemField(row, 'description'))}
            label={t('policy_pages.quote.description')}
            hint={row === 0 ? t('policy_pages.quote.description_hint') : undefined}
            autocomplete="off"
          />
          <SelectField
            {...field(itemField(row, 'category'))}
            label={t('policy_pages.quote.category')}
            placeholder={t('policy_pages.quote.choose')}
            options={categories}
          />
          <Field
            {...field(itemField(row, 'coverageAmount'))}
            label={t('policy_pages.quote.coverage')}
            hint={row === 0 ? t('policy_pages.quote.coverage_hint') : undefined}
            inputMode="decimal"
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field(itemField(row, 'appraisalDate'))}
            type="date"
            label={t('policy_pages.quote.appraisal_date')}
            hint={row === 0 ? t('policy_pages.quote.appraisal_date_hint') : undefined}
            width="medium"
            autocomplete="off"
          />
          <FileField
            locale={locale}
            name={appraisalFileField(row)}
            label={t('files.form.appraisal_file')}
            hint={row === 0 ? appraisalFileHint(locale, uploadLimit) : undefined}
            error={errorFor(errors, appraisalFileField(row))}
            optional
          />
          <Field
            {...field(itemField(row, 'setId'))}
            label={t('policy_pages.quote.set_id')}
            hint={row === 0 ? t('policy_pages.quote.set_id_hint') : undefined}
            optional
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field(itemField(row, 'possessor'))}
            label={t('policy_pages.quote.possessor')}
            hint={row === 0 ? t('policy_pages.quote.possessor_hint') : undefined}
            optional
            autocomplete="off"
          />
          <CheckboxGroup
            locale={locale}
            name={itemField(row, 'keptInSafe')}
            legend={t('policy_pages.quote.options')}
            options={[{ value: 'yes', label: t('policy_pages.quote.kept_in_safe') }]}
            selected={[values[itemField(row, 'keptInSafe')] ?? '']}
          />
          <CheckboxGroup
            locale={locale}
            name={itemField(row, 'giftOrEngagementRing')}
            legend={t('policy_pages.quote.gift')}
            options={[{ value: 'yes', label: t('policy_pages.quote.gift') }]}
            selected={[values[itemField(row, 'giftOrEngagementRing')] ?? '']}
          />
        </fieldset>
      ))}
      {/* htmx: the premium is rated again as the form changes; without JavaScript it shows once applied. */}
      <div
        hx-post="/portal/quote/premium"
        hx-trigger="change from:#quote-form, keyup changed delay:600ms from:#quote-form"
        hx-target="this"
        hx-swap="innerHTML"
      >
        <PremiumPanel locale={locale} />
      </div>
      <Button>{t('policy_pages.quote.submit')}</Button>
    </Form>
  );
}

function PremiumPanel({ locale, premium, problem }: { locale: Locale; premium?: string; problem?: string }) {
  const t = translator(locale);
  return (
    <section id="instant-premium" class="card" aria-labelledby="instant-premium-heading" aria-live="polite">
      <h2 id="instant-premium-heading" class="card__title">
        {t('policy_pages.quote.premium_title')}
      </h2>
      {premium ? (
        <>
          <p class="lead">{t('policy_pages.quote.premium_value', { premium })}</p>
          <p>{t('policy_pages.quote.premium_note')}</p>
        </>
      ) : problem ? (
        <p>{t('policy_pages.quote.premium_problem', { problem })}</p>
      ) : (
        <p>{t('policy_pages.quote.premium_idle')}</p>
      )}
    </section>
  );
}

async function sendQuotePage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  product: ProductView,
  values: FormValues,
  errors: readonly FormError[],
  status = 200,
): Promise<FastifyReply> {
  const t = translator(request.locale);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('policy_pages.quote.title'), status, currentPath: '/portal/quote' },
    <>
      <div id="quote-heading">
        <PageHeading title={t('policy_pages.quote.title')} lead={t('policy_pages.quote.lead')} />
      </div>
      <QuoteFormView
        locale={request.locale}
        csrfToken={request.csrfToken}
        product={product}
        values={values}
        errors={errors}
        uploadLimit={deps.config.maxUploadBytes}
      />
    </>,
  );
}

function localToday(deps: Deps, timeZone: string): Temporal.PlainDate {
  return deps.clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
}

async function sendApplicationPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  application: Application,
  bind: { values: FormValues; errors: readonly FormError[]; status: number } = { values: {}, errors: [], status: 200 },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const product = await productView(deps, request.actor, locale);
  let policyLink: { id: string; policyNumber: string } | undefined;
  if (application.status === 'bound') {
    const policy = (await listMyPolicies(deps, request.actor)).find((candidate) => candidate.applicationId === application.id);
    if (policy) policyLink = { id: policy.id, policyNumber: policy.policyNumber };
  }
  const example = localToday(deps, application.timeZone).add({ days: 1 }).toString();
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('policy_pages.application.title'), status: bind.status, currentPath: `/portal/applications/${application.id}` },
    <>
      <PageHeading title={t('policy_pages.application.title')} />
      <ApplicationSummary locale={locale} application={application} />
      <WorksheetTable locale={locale} application={application} categoryLabel={categoryLabeller(product)} />
      {application.status === 'approved' ? (
        <Card id="bind" title={t('policy_pages.bind.title')}>
          <p>{t('policy_pages.application.approved')}</p>
          <Form action={`/portal/applications/${application.id}/bind`} csrfToken={request.csrfToken} aria-labelledby="bind-heading">
            <ErrorSummary locale={locale} errors={bind.errors} />
            <Field
              locale={locale}
              name="inceptionDate"
              type="date"
              label={t('policy_pages.bind.inception')}
              hint={t('policy_pages.bind.inception_hint', { example })}
              value={bind.values.inceptionDate ?? example}
              error={errorFor(bind.errors, 'inceptionDate')}
              width="medium"
            />
            <Button>{t('policy_pages.bind.submit')}</Button>
          </Form>
        </Card>
      ) : null}
      {application.status === 'referred' ? (
        <Panel kind="info" title={t('policy_pages.status.referred')}>
          <p>{t('policy_pages.application.referred')}</p>
          <ul>
            {application.referralReasons.map((reason) => (
              <li key={reason.code}>{referralReasonText(locale, reason)}</li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {application.status === 'declined' ? (
        <Panel kind="warning">
          <p>{t('policy_pages.application.declined')}</p>
          {application.decision ? <p>{t('policy_pages.application.decision_reason', { reason: application.decision.reason })}</p> : null}
        </Panel>
      ) : null}
      {policyLink ? (
        <Panel kind="success">
          <p>{t('policy_pages.application.bound')}</p>
          <ButtonLink href={`/portal/policies/${policyLink.id}`}>
            {t('policy_pages.application.view_policy', { policyNumber: policyLink.policyNumber })}
          </ButtonLink>
        </Panel>
      ) : null}
    </>,
  );
}

const bindSchema = z.object({
  inceptionDate: z
    .string({ error: 'policy_pages.problem.required' })
    .trim()
    .min(1, { error: 'policy_pages.problem.required' })
    .refine(isPlainDate, { error: 'policy_pages.problem.date' }),
});

export function registerQuotePages(app: TypedApp, deps: Deps): void {
  app.get('/portal/quote', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    const product = await productView(deps, actor, request.locale);
    // An agent applies for a client chosen on /agent/quote (?client=); without one, the agent chooses first.
    const client = clientValues(request.query);
    if (agentNeedsClient(actor, client)) return reply.redirect('/agent/quote', 303);
    return sendQuotePage(deps, request, reply, product, client, []);
  });

  // Issue #3: the form carries each item's appraisal upload, so it is posted as multipart.
  app.post('/portal/quote', { schema: { hide: true }, ...multipartForm(deps, { maxFiles: MAX_ITEMS }) }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', '/portal/quote');
    if (!actor) return reply;
    const product = await productView(deps, actor, request.locale);
    const values = formValues(request.body);
    const parsed = parseForm(request.locale, quoteSchema(product), request.body);
    if (!parsed.ok) return sendQuotePage(deps, request, reply, product, values, parsed.errors, 400);
    const { input, rows } = toQuoteInput(parsed.data as QuoteForm, product.code);
    withClient(input, values);
    const origin = originOf(request);
    // The appraisals are stored and the application made in one transaction: a refused application keeps no file.
    const quoteWithAppraisals = () =>
      inTransaction(deps.db, async (trx) => {
        const inner = { ...deps, db: trx };
        for (const [index, row] of rows.entries()) {
          const part = uploadedPart(request.body, appraisalFileField(row));
          const item = input.items[index];
          if (!part || !item) continue;
          const upload = { purpose: 'appraisal' as const, content: part.content, size: part.size, declaredType: part.declaredType, fileName: part.fileName };
          item.appraisalFileId = (await uploadFile(inner, actor, { ...upload, field: `items.${index}.appraisalFile` }, origin)).id;
        }
        return quoteApplication(inner, actor, input, origin);
      });
    const result = await attempt(request.locale, reply, 'namedInsureds.0', quoteWithAppraisals, {
      ...POLICY_FORM_FAILURES,
      fieldCodes: [...POLICY_FORM_FAILURES.fieldCodes, 'file_empty', 'file_too_large', 'file_type_unsupported', 'file_type_mismatch', 'attachment_invalid'],
      fieldName: (field) => formFieldOf(field, rows),
    });
    if (!result.ok) return sendQuotePage(deps, request, reply, product, values, result.failure.errors, result.failure.status);
    return reply.redirect(`/portal/applications/${result.value.id}`, 303);
  });

  // htmx only: the premium panel for what the form holds so far; nothing is stored.
  app.post('/portal/quote/premium', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', '/portal/quote');
    if (!actor) return reply;
    const locale = request.locale;
    const product = await productView(deps, actor, locale);
    const form = formValues(request.body) as QuoteForm;
    const state = form.state ?? '';
    const items = ROWS.map((row) => ({
      category: form[itemField(row, 'category')] ?? '',
      coverageAmount: form[itemField(row, 'coverageAmount')]?.trim() ?? '',
      keptInSafe: form[itemField(row, 'keptInSafe')] === 'yes',
    })).filter((item) => product.categories.includes(item.category) && /^\d{1,12}(\.\d{1,2})?$/.test(item.coverageAmount));
    const deductible = product.deductibles.includes(form.deductible ?? '') ? (form.deductible as string) : product.defaultDeductible;
    if (!product.states.includes(state) || items.length === 0) return sendFragment(reply, <PremiumPanel locale={locale} />);
    try {
      const worksheet = await rateQuote(deps, actor, {
        productCode: product.code,
        ratingDate: localToday(deps, timeZoneOfState(state)).toString(),
        state,
        deductible,
        items,
      });
      return sendFragment(reply, <PremiumPanel locale={locale} premium={formatMoney(locale, worksheet.total)} />);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const failure = await attempt(locale, reply, 'form', () => Promise.reject(error), POLICY_FORM_FAILURES);
      const problem = failure.ok ? '' : (failure.failure.errors[0]?.message ?? '');
      return sendFragment(reply, <PremiumPanel locale={locale} problem={problem} />);
    }
  });

  app.get<{ Params: { id: string } }>('/portal/applications/:id', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    const application = await getApplication(deps, actor, pathId(request.params.id));
    return sendApplicationPage(deps, request, reply, application);
  });

  app.post<{ Params: { id: string } }>('/portal/applications/:id/bind', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/applications/${request.params.id}`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const application = await getApplication(deps, actor, pathId(request.params.id));
    const values = formValues(request.body);
    const parsed = parseForm(request.locale, bindSchema, request.body);
    if (!parsed.ok) return sendApplicationPage(deps, request, reply, application, { values, errors: parsed.errors, status: 400 });
    const result = await attempt(
      request.locale,
      reply,
      'inceptionDate',
      () => bindPolicy(deps, actor, application.id, parsed.data, originOf(request)),
      POLICY_FORM_FAILURES,
    );
    if (!result.ok) {
      const fresh = await getApplication(deps, actor, application.id);
      return sendApplicationPage(deps, request, reply, fresh, { values, errors: result.failure.errors, status: result.failure.status });
    }
    setFlash(reply, deps, 'bound', result.value.id);
    return reply.redirect(`/portal/policies/${result.value.id}`, 303);
  });
}
