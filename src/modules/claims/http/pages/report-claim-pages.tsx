import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type UserActor } from '../../../../platform/auth/actor.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { Button, Field, PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { attempt, type FormError, type FormValues, formValues, parseForm, postedList } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { multipartForm, uploadedPart, uploadFile } from '../../../files/index.ts';
import { getPolicyAsOf } from '../../../policies/index.ts';
import { DEMO_PRODUCT, getProduct } from '../../../products/index.ts';
import { todayIn } from '../../domain/claim-deadlines.ts';
import { allowedRelations, type ReporterRelation } from '../../domain/first-notice.ts';
import { findPolicyIdByNumber } from '../../first-notice-repository.ts';
import { FIRST_NOTICE_CODES } from '../../use-cases/first-notice-errors.ts';
import { type ReportOptions, reportClaim } from '../../use-cases/report-claim.ts';
import { formatMoney, pathId, sendClaimPage, setClaimFlash } from './fnol-page-support.tsx';
import { FILE_FIELDS, formFieldOf, type ReportFormMode, ReportFormView, reportFormSchema, reportInputOf, type ScheduleChoice } from './report-form.tsx';

/**
 * The report-a-loss pages (issue #4, first notice of loss): the insured's (or agent's) form reached from the policy
 * page, the approved jeweler's form for a customer, and the back office's form for a phone call after looking the
 * policy up by number. All post to the same use case as the API; a refusal comes back on the form with every
 * problem at its field and the values kept (files must be chosen again: a browser cannot be given one back).
 */

type PolicyContext = {
  policyId: string;
  policyNumber: string;
  schedule: ScheduleChoice[];
  namedInsureds: readonly string[];
  relations: readonly ReporterRelation[];
};
type FormState = { values: FormValues; checkedItems: readonly string[]; errors: readonly FormError[]; status: number };

const EMPTY: FormState = { values: {}, checkedItems: [], errors: [], status: 200 };
const FAILURE_CODES = [
  'validation_failed',
  'attachment_invalid',
  'file_empty',
  'file_too_large',
  'file_type_unsupported',
  'file_type_mismatch',
  'duplicate_claim',
  ...FIRST_NOTICE_CODES,
];

async function categoriesOf(deps: Deps, actor: UserActor, locale: 'en' | 'nl') {
  const product = await getProduct(deps, actor, DEMO_PRODUCT.code).catch(() => null);
  return (product?.version.definition.itemCategories ?? []).map((category) => ({ value: category.code, label: category.label[locale] }));
}

/** The policy as the insured, their agent or staff see it today: the schedule to choose from and who may report. */
async function policyContext(deps: Deps, actor: UserActor, policyId: string, staff: boolean, locale: 'en' | 'nl'): Promise<PolicyContext> {
  const asOf = await getPolicyAsOf(deps, actor, policyId, undefined);
  const schedule = [...asOf.state.items.entries()]
    .sort(([a], [b]) => a - b)
    .map(([itemNo, item]) => ({ itemNo, label: `${itemNo}. ${item.description} (${formatMoney(locale, item.coverageAmount)})` }));
  const as = staff ? 'staff' : asOf.policy.holderUserId === actor.userId ? 'holder' : 'agent';
  return { policyId, policyNumber: asOf.policy.policyNumber, schedule, namedInsureds: asOf.state.namedInsureds, relations: allowedRelations(as) };
}

/** Runs the report with its uploads in ONE transaction: a refused report keeps no file. */
async function submitReport(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  mode: ReportFormMode,
  policy: { policyId: string } | { policyNumber: string },
  options: ReportOptions,
) {
  const parsed = parseForm(request.locale, reportFormSchema, request.body);
  if (!parsed.ok) return { ok: false as const, failure: { status: 400, errors: parsed.errors } };
  const origin = originOf(request);
  const fileFields: string[] = [];
  const input = reportInputOf(parsed.data, policy, []);
  const result = await attempt(
    request.locale,
    reply,
    mode === 'portal' ? 'lossDate' : 'policyNumber',
    () =>
      inTransaction(deps.db, async (trx) => {
        const inner = { ...deps, db: trx };
        const fileIds: string[] = [];
        for (const { name, purpose } of FILE_FIELDS) {
          const part = uploadedPart(request.body, name);
          if (!part) continue;
          const upload = { purpose, content: part.content, size: part.size, declaredType: part.declaredType, fileName: part.fileName, field: name };
          fileIds.push((await uploadFile(inner, actor, upload, origin)).id);
          fileFields.push(name);
        }
        if ('policyNumber' in policy && policy.policyNumber === '')
          throw problems.validation([{ field: 'body.policyNumber', code: 'required', messageKey: 'claims_fnol.form.problem.required' }]);
        return reportClaim(inner, actor, { ...input, fileIds }, origin, options);
      }),
    { fieldCodes: FAILURE_CODES, fieldName: (field) => formFieldOf(field, mode, input.items, fileFields) },
  );
  return result.ok ? { ok: true as const, claim: result.value } : { ok: false as const, failure: result.failure };
}

function failedState(request: FastifyRequest, failure: { status: number; errors: FormError[] }): FormState {
  return { values: formValues(request.body), checkedItems: postedList(request.body, 'items'), errors: failure.errors, status: failure.status };
}

async function sendPortalForm(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, context: PolicyContext, form: FormState) {
  const locale = request.locale;
  const t = translator(locale);
  const path = `/portal/policies/${context.policyId}/claims/new`;
  const insured = context.namedInsureds[0] ?? '';
  const agent = context.relations.length === 1 && context.relations[0] === 'agent';
  const defaults: FormValues = { lossCountry: 'US', insuredName: insured, reporterName: agent ? '' : insured, reporterRelation: context.relations[0] };
  return sendClaimPage(
    deps,
    request,
    reply,
    { title: t('claims_fnol.report.title'), status: form.status, currentPath: path },
    <>
      <div id="report-heading">
        <PageHeading
          title={t('claims_fnol.report.title')}
          caption={t('claims_fnol.report.caption', { policyNumber: context.policyNumber })}
          lead={t('claims_fnol.report.lead')}
        />
      </div>
      <ReportFormView
        locale={locale}
        mode="portal"
        action={path}
        csrfToken={request.csrfToken}
        values={{ ...defaults, ...form.values }}
        checkedItems={form.checkedItems}
        errors={form.errors}
        schedule={context.schedule}
        categories={await categoriesOf(deps, actor, locale)}
        relations={context.relations}
      />
      <p>
        <a href={`/portal/policies/${context.policyId}`}>{t('claims_fnol.report.back_to_policy', { policyNumber: context.policyNumber })}</a>
      </p>
    </>,
  );
}

async function sendJewelerForm(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, form: FormState) {
  const locale = request.locale;
  const t = translator(locale);
  const path = '/portal/jeweler/claims/new';
  return sendClaimPage(
    deps,
    request,
    reply,
    { title: t('claims_fnol.jeweler.title'), status: form.status, currentPath: path },
    <>
      <div id="report-heading">
        <PageHeading title={t('claims_fnol.jeweler.title')} lead={t('claims_fnol.jeweler.lead')} />
      </div>
      <ReportFormView
        locale={locale}
        mode="jeweler"
        action={path}
        csrfToken={request.csrfToken}
        values={{ lossCountry: 'US', reporterRelation: 'jeweler', ...form.values }}
        checkedItems={[]}
        errors={form.errors}
        schedule={[]}
        categories={await categoriesOf(deps, actor, locale)}
        relations={['jeweler']}
      />
      <p>
        <a href="/portal/jeweler/claims">{t('claims_fnol.jeweler.list_link')}</a>
      </p>
    </>,
  );
}

/** The phone form: first the policy number; once found, the schedule and the whole form (staff see every policy). */
async function sendPhoneForm(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  lookup: { number: string; context: PolicyContext | null; error?: string },
  form: FormState,
) {
  const locale = request.locale;
  const t = translator(locale);
  const path = '/backoffice/claims/new';
  const context = lookup.context;
  return sendClaimPage(
    deps,
    request,
    reply,
    { title: t('claims_fnol.phone.title'), status: form.status, currentPath: path },
    <>
      <div id="report-heading">
        <PageHeading title={t('claims_fnol.phone.title')} lead={t('claims_fnol.phone.lead')} />
      </div>
      <form method="get" action={path} class="inline-form" aria-label={t('claims_fnol.phone.lookup')}>
        <Field
          locale={locale}
          name="policyNumber"
          label={t('claims_fnol.form.policy_number')}
          value={lookup.number}
          error={lookup.error}
          width="medium"
          autocomplete="off"
        />
        <Button variant="secondary">{t('claims_fnol.phone.lookup')}</Button>
      </form>
      {context ? (
        <>
          <Panel>
            <p>{t('claims_fnol.phone.found', { policyNumber: context.policyNumber, insureds: context.namedInsureds.join(', ') })}</p>
          </Panel>
          <ReportFormView
            locale={locale}
            mode="phone"
            action={path}
            csrfToken={request.csrfToken}
            values={{ lossCountry: 'US', insuredName: context.namedInsureds[0] ?? '', reporterRelation: 'named_insured', ...form.values }}
            checkedItems={form.checkedItems}
            errors={form.errors}
            schedule={context.schedule}
            categories={await categoriesOf(deps, actor, locale)}
            relations={context.relations}
            hiddenPolicyNumber={context.policyNumber}
          />
        </>
      ) : null}
    </>,
  );
}

/** The policy of a number as staff look it up today; null when there is none. */
async function lookUpPolicy(deps: Deps, actor: UserActor, number: string, locale: 'en' | 'nl'): Promise<PolicyContext | null> {
  const today = todayIn(deps.config.insurerTimeZone, deps.clock.now()).toString();
  const policyId = number === '' ? null : await findPolicyIdByNumber(deps.db, number, today);
  return policyId ? policyContext(deps, actor, policyId, true, locale) : null;
}

function requireJeweler(request: FastifyRequest, reply: FastifyReply, returnTo?: string): UserActor | null {
  const actor = requirePageUser(request, reply, 'claims:report', returnTo);
  if (actor && !hasRole(actor, 'jeweler')) throw problems.forbidden();
  return actor;
}

export function registerReportClaimPages(app: TypedApp, deps: Deps): void {
  const uploads = multipartForm(deps, { maxFiles: FILE_FIELDS.length });

  app.get<{ Params: { id: string } }>('/portal/policies/:id/claims/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report');
    if (!actor) return reply;
    const context = await policyContext(deps, actor, pathId(request.params.id), false, request.locale);
    return sendPortalForm(deps, request, reply, actor, context, EMPTY);
  });

  app.post<{ Params: { id: string } }>('/portal/policies/:id/claims/new', { schema: { hide: true }, ...uploads }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report', `/portal/policies/${request.params.id}/claims/new`);
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const context = await policyContext(deps, actor, pathId(request.params.id), false, request.locale);
    const result = await submitReport(deps, request, reply, actor, 'portal', { policyId: context.policyId }, {});
    if (!result.ok) return sendPortalForm(deps, request, reply, actor, context, failedState(request, result.failure));
    setClaimFlash(reply, deps, 'reported', result.claim.id);
    return reply.redirect(`/portal/claims/${result.claim.id}`, 303);
  });

  app.get('/portal/jeweler/claims/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireJeweler(request, reply);
    if (!actor) return reply;
    return sendJewelerForm(deps, request, reply, actor, EMPTY);
  });

  app.post('/portal/jeweler/claims/new', { schema: { hide: true }, ...uploads }, async (request, reply) => {
    const actor = requireJeweler(request, reply, '/portal/jeweler/claims/new');
    if (!actor) return reply;
    const policyNumber = formValues(request.body, ['policyNumber']).policyNumber?.trim() ?? '';
    const result = await submitReport(deps, request, reply, actor, 'jeweler', { policyNumber }, { as: 'jeweler' });
    if (!result.ok) return sendJewelerForm(deps, request, reply, actor, failedState(request, result.failure));
    setClaimFlash(reply, deps, 'reported', result.claim.id);
    return reply.redirect(`/portal/claims/${result.claim.id}`, 303);
  });

  app.get<{ Querystring: { policyNumber?: string } }>('/backoffice/claims/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle');
    if (!actor) return reply;
    const number = typeof request.query.policyNumber === 'string' ? request.query.policyNumber.trim().slice(0, 40) : '';
    const context = await lookUpPolicy(deps, actor, number, request.locale);
    const error = number !== '' && !context ? translator(request.locale)('claims_fnol.phone.not_found') : undefined;
    return sendPhoneForm(deps, request, reply, actor, { number, context, ...(error && { error }) }, { ...EMPTY, status: error ? 404 : 200 });
  });

  app.post('/backoffice/claims/new', { schema: { hide: true }, ...uploads }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle', '/backoffice/claims/new');
    if (!actor) return reply;
    const number = formValues(request.body, ['policyNumber']).policyNumber?.trim() ?? '';
    const context = await lookUpPolicy(deps, actor, number, request.locale);
    if (!context) {
      const error = translator(request.locale)('claims_fnol.phone.not_found');
      return sendPhoneForm(deps, request, reply, actor, { number, context: null, error }, { ...EMPTY, status: 404 });
    }
    // By number: the use case takes the term the loss date falls in (renewals share the number).
    const result = await submitReport(deps, request, reply, actor, 'phone', { policyNumber: context.policyNumber }, { as: 'staff' });
    if (!result.ok) return sendPhoneForm(deps, request, reply, actor, { number, context }, failedState(request, result.failure));
    setClaimFlash(reply, deps, 'reported', result.claim.id);
    return reply.redirect(`/backoffice/claims/${result.claim.id}`, 303);
  });
}
