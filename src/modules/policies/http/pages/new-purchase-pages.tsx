import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, PageHeading } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues, formValues, says, submitForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { DEMO_PRODUCT, getProduct } from '../../../products/index.ts';
import { localDateOf } from '../../domain/policy-period.ts';
import { getPolicy, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { reportNewPurchase } from '../../use-cases/report-new-purchase.ts';
import { formatDate, POLICY_FORM_FAILURES, pathId, sendLayoutPage } from './page-support.tsx';
import { BackToPolicy, NotPossible, policyPath, setPortalFlash } from './policy-pages.tsx';
import { isPlainDate } from './quote-form.ts';

/**
 * The portal's report of newly purchased jewelry (JPF-ADD-1): reported with the sales receipt and the appraisal
 * within 30 days of the purchase, the piece is covered from its purchase date and charged pro rata from then;
 * later, the use case refuses it with the reason, shown on the form, and nothing is written.
 */

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const required = says('policy_pages.problem.required');
const requiredText = () => z.string(required).trim().min(1, required);
const dateField = requiredText().refine(isPlainDate, says('policy_pages.problem.date'));

function newPurchaseSchema(categories: readonly string[]) {
  return z.object({
    description: requiredText().min(3, says('portal_policy.problem.description')).max(500, says('policy_pages.problem.too_long')),
    category: z
      .string(says('policy_pages.problem.unknown_category'))
      .refine((value) => categories.includes(value), says('policy_pages.problem.unknown_category')),
    coverageAmount: requiredText().refine((value) => AMOUNT.test(value) && Number(value) > 0, says('portal_policy.problem.amount')),
    purchaseDate: dateField,
    receiptReceivedOn: dateField,
    appraisalReceivedOn: dateField,
    keptInSafe: z.string().optional(),
  });
}

/** Use-case problems land on their fields ('body.receiptReceivedOn'); refusals without a field on the purchase date. */
const FAILURES = { ...POLICY_FORM_FAILURES, fieldCodes: [...POLICY_FORM_FAILURES.fieldCodes, 'document_date_in_future'] };

async function sendNewPurchasePage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  policy: PolicyDetail,
  form: { values: FormValues; errors: readonly FormError[] } = { values: {}, errors: [] },
  status = 200,
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const product = await getProduct(deps, actor, DEMO_PRODUCT.code);
  const categories = product.version.definition.itemCategories.map((category) => ({ value: category.code, label: category.label[locale] }));
  const today = localDateOf(deps.clock.now(), policy.timeZone).toString();
  const values: FormValues = { receiptReceivedOn: today, appraisalReceivedOn: today, ...form.values };
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(form.errors, name) });
  const title = t('portal_policy.new_purchase.title');
  const path = `${policyPath(policy.id)}/new-purchase`;
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: path },
    <>
      <div id="new-purchase-heading">
        <PageHeading
          title={title}
          caption={t('policy_pages.policy.title', { policyNumber: policy.policyNumber })}
          lead={t('portal_policy.new_purchase.lead')}
        />
      </div>
      {policy.status === 'in_force' ? (
        <Form action={path} csrfToken={request.csrfToken} aria-labelledby="new-purchase-heading">
          <ErrorSummary locale={locale} errors={form.errors} />
          <Field {...field('description')} label={t('policy_pages.quote.description')} hint={t('policy_pages.quote.description_hint')} autocomplete="off" />
          <SelectField {...field('category')} label={t('policy_pages.quote.category')} placeholder={t('policy_pages.quote.choose')} options={categories} />
          <Field
            {...field('coverageAmount')}
            label={t('policy_pages.quote.coverage')}
            hint={t('policy_pages.quote.coverage_hint')}
            inputMode="decimal"
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field('purchaseDate')}
            type="date"
            label={t('portal_policy.new_purchase.purchase_date')}
            hint={t('portal_policy.new_purchase.purchase_date_hint', { example: today })}
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field('receiptReceivedOn')}
            type="date"
            label={t('portal_policy.new_purchase.receipt_received')}
            hint={t('portal_policy.new_purchase.received_hint', { today: formatDate(locale, today) })}
            width="medium"
            autocomplete="off"
          />
          <Field
            {...field('appraisalReceivedOn')}
            type="date"
            label={t('portal_policy.new_purchase.appraisal_received')}
            hint={t('portal_policy.new_purchase.received_hint', { today: formatDate(locale, today) })}
            width="medium"
            autocomplete="off"
          />
          <CheckboxGroup
            locale={locale}
            name="keptInSafe"
            legend={t('policy_pages.quote.options')}
            options={[{ value: 'yes', label: t('policy_pages.quote.kept_in_safe') }]}
            selected={[values.keptInSafe ?? '']}
          />
          <Button>{t('portal_policy.new_purchase.submit')}</Button>
        </Form>
      ) : (
        <NotPossible>{t('portal_policy.actions.not_in_force', { status: t(`policy_pages.policy_status.${policy.status}`) })}</NotPossible>
      )}
      <BackToPolicy locale={locale} policy={policy} />
    </>,
  );
}

export function registerNewPurchasePages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/portal/policies/:id/new-purchase', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    return sendNewPurchasePage(deps, request, reply, actor, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/portal/policies/:id/new-purchase', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}/new-purchase`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const product = await getProduct(deps, actor, DEMO_PRODUCT.code);
    const categories = product.version.definition.itemCategories.map((category) => category.code);
    const values = formValues(request.body);
    // JPF-ADD-1: a report more than 30 days after the purchase (or outside the period) is refused with the reason.
    const result = await submitForm(
      request,
      reply,
      newPurchaseSchema(categories),
      'purchaseDate',
      (data) =>
        reportNewPurchase(
          deps,
          actor,
          policy.id,
          {
            description: data.description,
            category: data.category,
            coverageAmount: data.coverageAmount,
            purchaseDate: data.purchaseDate,
            receiptReceivedOn: data.receiptReceivedOn,
            appraisalReceivedOn: data.appraisalReceivedOn,
            keptInSafe: data.keptInSafe === 'yes',
          },
          originOf(request),
        ),
      FAILURES,
    );
    if (!result.ok) return sendNewPurchasePage(deps, request, reply, actor, policy, { values, errors: result.failure.errors }, result.failure.status);
    setPortalFlash(reply, deps, 'new_purchase', result.value.transactionId);
    return reply.redirect(policyPath(policy.id), 303);
  });
}
