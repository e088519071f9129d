import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { AppError } from '../../../../platform/http/problem.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { SelectField } from '../../../../platform/ui/fields.tsx';
import { attempt, errorFor, type FailureOptions, type FormError, type FormValues, formValues, parseForm, says } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { sendFragment } from '../../../../platform/ui/render.ts';
import { DEMO_PRODUCT, getProduct } from '../../../products/index.ts';
import type { RequestedChange } from '../../endorsement-repository.ts';
import type { EndorsementInput, EndorsementTerms } from '../../use-cases/endorsement-terms.ts';
import { previewEndorsement } from '../../use-cases/preview-endorsement.ts';
import { getPolicy, type PolicyDetail } from '../../use-cases/read-policies.ts';
import { requestEndorsement } from '../../use-cases/request-endorsement.ts';
import { signEndorsement } from '../../use-cases/sign-endorsement.ts';
import { formatDate, formatMoney, POLICY_FORM_FAILURES, pathId, sendLayoutPage } from './page-support.tsx';
import { BackToPolicy, currentItems, NotPossible, policyPath, sendPolicyDetail, setPortalFlash } from './policy-pages.tsx';
import { isPlainDate } from './quote-form.ts';

/**
 * The portal's change of the schedule (JPF-COND-9): add an item, change an item's coverage or description, or
 * remove an item, each with the appraisal that supports it. The premium is re-quoted as the form changes (htmx
 * POST …/change/premium, previewEndorsement: the same computation as the execution, nothing stored); without
 * JavaScript the "Show the new premium" button does the same. Submitting calls requestEndorsement: additions and
 * changes execute at once, a removal waits for every named insured's signature (the holder signs by submitting,
 * and can sign a request made by someone else from the policy page: POST …/endorsements/:requestId/sign).
 */

const OPS = ['add', 'change', 'remove'] as const;
type Op = (typeof OPS)[number];

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const isAmount = (value: string) => AMOUNT.test(value) && Number(value) > 0;

const required = says('policy_pages.problem.required');
const requiredText = () => z.string(required).trim().min(1, required);
const dateField = requiredText().refine(isPlainDate, says('policy_pages.problem.date'));
const appraiserField = requiredText().min(2, says('portal_policy.problem.appraiser')).max(200, says('policy_pages.problem.too_long'));
const descriptionField = requiredText().min(3, says('portal_policy.problem.description')).max(500, says('policy_pages.problem.too_long'));
const optionalText = z.string().trim().optional();

function itemNoField(itemNos: readonly number[]) {
  return z
    .string(says('portal_policy.problem.choose_item'))
    .refine((value) => itemNos.includes(Number(value)), says('portal_policy.problem.choose_item'))
    .transform(Number);
}

function schemas(categories: readonly string[], itemNos: readonly number[]) {
  return {
    add: z.object({
      description: descriptionField,
      category: z
        .string(says('policy_pages.problem.unknown_category'))
        .refine((value) => categories.includes(value), says('policy_pages.problem.unknown_category')),
      coverageAmount: requiredText().refine(isAmount, says('portal_policy.problem.amount')),
      keptInSafe: z.string().optional(),
      appraisalDate: dateField,
      appraisedBy: appraiserField,
    }),
    change: z
      .object({
        changeItemNo: itemNoField(itemNos),
        changeDescription: optionalText,
        changeCoverageAmount: optionalText,
        changeAppraisalDate: dateField,
        changeAppraisedBy: appraiserField,
      })
      .superRefine((form, context) => {
        const description = form.changeDescription ?? '';
        const amount = form.changeCoverageAmount ?? '';
        if (description === '' && amount === '')
          context.addIssue({ code: 'custom', path: ['changeCoverageAmount'], message: 'portal_policy.problem.change_nothing' });
        if (amount !== '' && !isAmount(amount)) context.addIssue({ code: 'custom', path: ['changeCoverageAmount'], message: 'portal_policy.problem.amount' });
        if (description !== '' && description.length < 3)
          context.addIssue({ code: 'custom', path: ['changeDescription'], message: 'portal_policy.problem.description' });
        if (description.length > 500) context.addIssue({ code: 'custom', path: ['changeDescription'], message: 'policy_pages.problem.too_long' });
      }),
    remove: z.object({ removeItemNo: itemNoField(itemNos) }),
  };
}

type Schemas = ReturnType<typeof schemas>;

/** The checked form as the endorsement's one change (the API's shape). */
function changeOf(op: Op, data: Record<string, unknown>): RequestedChange {
  const text = (name: string) => {
    const value = data[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  if (op === 'add') {
    return {
      op: 'add',
      description: text('description') ?? '',
      category: text('category') ?? '',
      coverageAmount: text('coverageAmount') ?? '',
      keptInSafe: data.keptInSafe === 'yes',
      appraisalDate: text('appraisalDate') ?? '',
      appraisedBy: text('appraisedBy') ?? '',
    };
  }
  if (op === 'change') {
    const description = text('changeDescription');
    const coverageAmount = text('changeCoverageAmount');
    return {
      op: 'change',
      itemNo: Number(data.changeItemNo),
      ...(description === undefined ? {} : { description }),
      ...(coverageAmount === undefined ? {} : { coverageAmount }),
      appraisalDate: text('changeAppraisalDate') ?? '',
      appraisedBy: text('changeAppraisedBy') ?? '',
    };
  }
  return { op: 'remove', itemNo: Number(data.removeItemNo) };
}

/** The form field a use-case problem is about: 'changes.0.appraisalDate' → the appraisal date of this op's form. */
const FIELDS: Record<Op, Record<string, string>> = {
  add: { description: 'description', category: 'category', coverageAmount: 'coverageAmount', appraisalDate: 'appraisalDate', appraisedBy: 'appraisedBy' },
  change: {
    itemNo: 'changeItemNo',
    description: 'changeDescription',
    coverageAmount: 'changeCoverageAmount',
    appraisalDate: 'changeAppraisalDate',
    appraisedBy: 'changeAppraisedBy',
  },
  remove: { itemNo: 'removeItemNo' },
};
const GENERAL_FIELD: Record<Op, string> = { add: 'description', change: 'changeItemNo', remove: 'removeItemNo' };

function failureOptions(op: Op): FailureOptions {
  return {
    fieldCodes: [...POLICY_FORM_FAILURES.fieldCodes, 'appraisal_in_future', 'duplicate_item', 'duplicate_item_change', 'item_not_on_schedule'],
    fieldName: (apiField) => {
      const match = /^changes\.\d+\.(\w+)$/.exec(apiField);
      return (match ? FIELDS[op][match[1] ?? ''] : undefined) ?? GENERAL_FIELD[op];
    },
  };
}

function parseChange(locale: Locale, forms: Schemas, op: Op, body: unknown) {
  const parsed = parseForm(locale, forms[op] as z.ZodType<Record<string, unknown>>, body);
  return parsed.ok ? { ok: true as const, input: { changes: [changeOf(op, parsed.data)] } satisfies EndorsementInput } : parsed;
}

type Preview = { terms: EndorsementTerms } | { problem: string };
type ChangeState = { op: Op; values: FormValues; errors: readonly FormError[]; preview?: Preview };

function PremiumPanel({ locale, op, preview }: { locale: Locale; op: Op; preview?: Preview | undefined }) {
  const t = translator(locale);
  let body = <p>{t('portal_policy.premium.idle')}</p>;
  if (preview && 'terms' in preview) {
    const { terms } = preview;
    const change = formatMoney(locale, terms.premiumChange);
    body = (
      <>
        <p class="lead">
          {t('portal_policy.premium.change', {
            amount: terms.premiumChange.isPositive() ? `+${change}` : change,
            date: formatDate(locale, terms.effectiveDate.toString()),
          })}
        </p>
        <p>{t('portal_policy.premium.term', { after: formatMoney(locale, terms.chargedAfter), before: formatMoney(locale, terms.chargedBefore) })}</p>
        {terms.signaturesRequired ? <p>{t('portal_policy.premium.signatures')}</p> : null}
      </>
    );
  } else if (preview) body = <p>{t('portal_policy.premium.problem', { problem: preview.problem })}</p>;
  return (
    // Not a region: the three forms each have one, and regions with the same name confuse (axe landmark-unique).
    <div id={`premium-${op}`} class="card">
      <h3 class="card__title">{t('portal_policy.premium.title')}</h3>
      {body}
    </div>
  );
}

type ItemOption = { value: string; label: string };

function ChangeForms({
  locale,
  csrfToken,
  policy,
  categories,
  items,
  state,
}: {
  locale: Locale;
  csrfToken: string;
  policy: PolicyDetail;
  categories: readonly ItemOption[];
  items: readonly ItemOption[];
  state: ChangeState | undefined;
}) {
  const t = translator(locale);
  const path = policyPath(policy.id);
  const stateOf = (op: Op) => (state?.op === op ? state : { op, values: {}, errors: [] as FormError[] });
  const field = (op: Op, name: string) => {
    const own = stateOf(op);
    return { locale, name, value: own.values[name], error: errorFor(own.errors, name) };
  };
  // htmx re-quotes as the form changes; the values of the enclosing form are posted (with its CSRF field).
  const premium = (op: Op) => (
    <div
      hx-post={`${path}/change/premium`}
      hx-trigger={`change from:#change-${op}-form, input delay:600ms from:#change-${op}-form`}
      hx-target="this"
      hx-swap="innerHTML"
      aria-live="polite"
    >
      <PremiumPanel locale={locale} op={op} preview={stateOf(op).preview} />
    </div>
  );
  const buttons = (submit: string, variant: 'primary' | 'danger' = 'primary') => (
    <p>
      <Button variant="secondary" name="action" value="preview">
        {t('portal_policy.change.preview')}
      </Button>{' '}
      <Button variant={variant} name="action" value="submit">
        {submit}
      </Button>
    </p>
  );
  const appraisal = (op: Op, dateName: string, byName: string) => (
    <>
      <Field
        {...field(op, dateName)}
        type="date"
        label={t('policy_pages.quote.appraisal_date')}
        hint={t('policy_pages.quote.appraisal_date_hint')}
        width="medium"
        autocomplete="off"
      />
      <Field {...field(op, byName)} label={t('portal_policy.change.appraised_by')} hint={t('portal_policy.change.appraised_by_hint')} autocomplete="off" />
    </>
  );
  return (
    <>
      <Card id="change-add" title={t('portal_policy.change.add_title')}>
        <Form action={`${path}/change`} csrfToken={csrfToken} id="change-add-form" aria-labelledby="change-add-heading">
          <input type="hidden" name="op" value="add" />
          <ErrorSummary locale={locale} errors={stateOf('add').errors} />
          <Field
            {...field('add', 'description')}
            label={t('policy_pages.quote.description')}
            hint={t('policy_pages.quote.description_hint')}
            autocomplete="off"
          />
          <SelectField
            {...field('add', 'category')}
            label={t('policy_pages.quote.category')}
            placeholder={t('policy_pages.quote.choose')}
            options={categories}
          />
          <Field
            {...field('add', 'coverageAmount')}
            label={t('policy_pages.quote.coverage')}
            hint={t('policy_pages.quote.coverage_hint')}
            inputMode="decimal"
            width="medium"
            autocomplete="off"
          />
          <CheckboxGroup
            locale={locale}
            name="keptInSafe"
            legend={t('policy_pages.quote.options')}
            options={[{ value: 'yes', label: t('policy_pages.quote.kept_in_safe') }]}
            selected={[stateOf('add').values.keptInSafe ?? '']}
          />
          {appraisal('add', 'appraisalDate', 'appraisedBy')}
          {premium('add')}
          {buttons(t('portal_policy.change.submit_add'))}
        </Form>
      </Card>
      {items.length === 0 ? (
        <Panel kind="info">
          <p>{t('portal_policy.change.no_items')}</p>
        </Panel>
      ) : (
        <>
          <Card id="change-change" title={t('portal_policy.change.change_title')}>
            <Form action={`${path}/change`} csrfToken={csrfToken} id="change-change-form" aria-labelledby="change-change-heading">
              <input type="hidden" name="op" value="change" />
              <ErrorSummary locale={locale} errors={stateOf('change').errors} />
              <SelectField
                {...field('change', 'changeItemNo')}
                label={t('portal_policy.change.item')}
                placeholder={t('policy_pages.quote.choose')}
                options={items}
              />
              <Field
                {...field('change', 'changeCoverageAmount')}
                label={t('portal_policy.change.new_coverage')}
                hint={t('portal_policy.change.keep_hint')}
                inputMode="decimal"
                width="medium"
                autocomplete="off"
                optional
              />
              <Field
                {...field('change', 'changeDescription')}
                label={t('portal_policy.change.new_description')}
                hint={t('portal_policy.change.keep_hint')}
                autocomplete="off"
                optional
              />
              {appraisal('change', 'changeAppraisalDate', 'changeAppraisedBy')}
              {premium('change')}
              {buttons(t('portal_policy.change.submit_change'))}
            </Form>
          </Card>
          <Card id="change-remove" title={t('portal_policy.change.remove_title')}>
            <p>{t('portal_policy.change.remove_lead')}</p>
            <Form action={`${path}/change`} csrfToken={csrfToken} id="change-remove-form" aria-labelledby="change-remove-heading">
              <input type="hidden" name="op" value="remove" />
              <ErrorSummary locale={locale} errors={stateOf('remove').errors} />
              <SelectField
                {...field('remove', 'removeItemNo')}
                label={t('portal_policy.change.item')}
                placeholder={t('policy_pages.quote.choose')}
                options={items}
              />
              {premium('remove')}
              {buttons(t('portal_policy.change.submit_remove'), 'danger')}
            </Form>
          </Card>
        </>
      )}
    </>
  );
}

type ChangeView = { categories: ItemOption[]; categoryCodes: string[]; items: ItemOption[]; itemNos: number[] };

async function changeView(deps: Deps, actor: UserActor, locale: Locale, policy: PolicyDetail): Promise<ChangeView> {
  const product = await getProduct(deps, actor, DEMO_PRODUCT.code);
  const categories = product.version.definition.itemCategories.map((category) => ({ value: category.code, label: category.label[locale] }));
  const onSchedule = currentItems(policy.schedule);
  return {
    categories,
    categoryCodes: categories.map((category) => category.value),
    items: onSchedule.map((item) => ({
      value: String(item.itemNo),
      label: translator(locale)('portal_policy.change.item_option', {
        itemNo: item.itemNo,
        description: item.description,
        coverage: formatMoney(locale, item.coverageAmount),
      }),
    })),
    itemNos: onSchedule.map((item) => item.itemNo),
  };
}

async function sendChangePage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  policy: PolicyDetail,
  state?: ChangeState,
  status = 200,
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  const view = await changeView(deps, actor, locale, policy);
  const title = t('portal_policy.change.title');
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: `${policyPath(policy.id)}/change` },
    <>
      <PageHeading title={title} caption={t('policy_pages.policy.title', { policyNumber: policy.policyNumber })} lead={t('portal_policy.change.lead')} />
      {policy.status === 'in_force' ? (
        <ChangeForms locale={locale} csrfToken={request.csrfToken} policy={policy} categories={view.categories} items={view.items} state={state} />
      ) : (
        <NotPossible>{t('portal_policy.actions.not_in_force', { status: t(`policy_pages.policy_status.${policy.status}`) })}</NotPossible>
      )}
      <BackToPolicy locale={locale} policy={policy} />
    </>,
  );
}

function opOf(body: unknown): Op | undefined {
  const op = formValues(body, ['op']).op;
  return OPS.find((candidate) => candidate === op);
}

export function registerPolicyChangePages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/portal/policies/:id/change', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    return sendChangePage(deps, request, reply, actor, await getPolicy(deps, actor, pathId(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/portal/policies/:id/change', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}/change`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const locale = request.locale;
    const values = formValues(request.body);
    const op = opOf(request.body);
    if (!op) {
      const errors = [{ field: 'description', message: translator(locale)('portal_policy.problem.action') }];
      return sendChangePage(deps, request, reply, actor, policy, { op: 'add', values, errors }, 400);
    }
    const view = await changeView(deps, actor, locale, policy);
    const parsed = parseChange(locale, schemas(view.categoryCodes, view.itemNos), op, request.body);
    if (!parsed.ok) return sendChangePage(deps, request, reply, actor, policy, { op, values, errors: parsed.errors }, 400);

    if (values.action === 'preview') {
      // Without JavaScript: the same re-quote as the htmx panel; nothing is stored.
      const previewed = await attempt(locale, reply, GENERAL_FIELD[op], () => previewEndorsement(deps, actor, policy.id, parsed.input), failureOptions(op));
      if (!previewed.ok) return sendChangePage(deps, request, reply, actor, policy, { op, values, errors: previewed.failure.errors }, previewed.failure.status);
      return sendChangePage(deps, request, reply, actor, policy, { op, values, errors: [], preview: { terms: previewed.value } });
    }

    // JPF-COND-9: the written request, effective on its submission date; a removal waits for every signature.
    const result = await attempt(
      locale,
      reply,
      GENERAL_FIELD[op],
      () => requestEndorsement(deps, actor, policy.id, parsed.input, originOf(request)),
      failureOptions(op),
    );
    if (!result.ok) return sendChangePage(deps, request, reply, actor, policy, { op, values, errors: result.failure.errors }, result.failure.status);
    const { executed, request: stored } = result.value;
    if (executed) setPortalFlash(reply, deps, 'endorsed', executed.transactionId);
    else setPortalFlash(reply, deps, 'endorsement_pending', stored.id);
    return reply.redirect(policyPath(policy.id), 303);
  });

  // htmx only: the re-quote panel for what the form holds so far (JPF-COND-9: preview = execution); nothing is stored.
  app.post<{ Params: { id: string } }>('/portal/policies/:id/change/premium', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}/change`);
    if (!actor) return reply;
    const policy = await getPolicy(deps, actor, pathId(request.params.id));
    const locale = request.locale;
    const op = opOf(request.body) ?? 'add';
    const view = await changeView(deps, actor, locale, policy);
    const parsed = parseChange(locale, schemas(view.categoryCodes, view.itemNos), op, request.body);
    if (!parsed.ok) return sendFragment(reply, <PremiumPanel locale={locale} op={op} />);
    try {
      const terms = await previewEndorsement(deps, actor, policy.id, parsed.input);
      return sendFragment(reply, <PremiumPanel locale={locale} op={op} preview={{ terms }} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404) throw error;
      const failure = await attempt(locale, reply, GENERAL_FIELD[op], () => Promise.reject(error), failureOptions(op));
      const problem = failure.ok ? '' : (failure.failure.errors[0]?.message ?? '');
      return sendFragment(reply, <PremiumPanel locale={locale} op={op} preview={{ problem }} />);
    }
  });

  // JPF-COND-9: the holder signs a pending removal for their own name; the last signature executes it.
  app.post<{ Params: { id: string; requestId: string } }>(
    '/portal/policies/:id/endorsements/:requestId/sign',
    { schema: { hide: true } },
    async (request, reply) => {
      const actor = requirePageUser(request, reply, 'policies:apply', `/portal/policies/${request.params.id}`);
      if (!actor) return reply;
      const policyId = pathId(request.params.id);
      const requestId = pathId(request.params.requestId);
      const result = await attempt(request.locale, reply, 'form', () => signEndorsement(deps, actor, policyId, requestId, {}, originOf(request)));
      if (!result.ok) {
        const message = result.failure.errors.map((error) => error.message).join(' ');
        return sendPolicyDetail(deps, request, reply, actor, policyId, { flash: { kind: 'error', message }, status: result.failure.status });
      }
      const executed = result.value.executed;
      if (executed) setPortalFlash(reply, deps, 'endorsed', executed.transactionId);
      else setPortalFlash(reply, deps, 'signed', requestId);
      return reply.redirect(policyPath(policyId), 303);
    },
  );
}
