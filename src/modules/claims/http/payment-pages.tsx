import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { Card, PageHeading } from '../../../platform/ui/components.tsx';
import { formValues, postedList, says, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { approveClaimPayment } from '../use-cases/approve-claim-payment.ts';
import { getPaymentsOverview } from '../use-cases/read-claim-payments.ts';
import { rejectClaimPayment } from '../use-cases/reject-claim-payment.ts';
import { releaseClaimReserve } from '../use-cases/release-claim-reserve.ts';
import { requestClaimPayment } from '../use-cases/request-claim-payment.ts';
import { setClaimReserve } from '../use-cases/set-claim-reserve.ts';
import { PAYMENTS_SECTION_ID, PaymentsBody, paymentPaths } from './payment-views.tsx';
import { EMPTY_STATE, type SectionFormState } from './section-forms.ts';

/**
 * The back-office pages of reserves and payments (issue #4): the forms of the payments section (60) post here and
 * call the same use cases as the API. A post that works goes back to the claim 360 view at the section (or to this
 * part's own page while the 360 view does not exist); a refused one shows the section again on its own page, with
 * the error summary, the values sent and the status the use case gave.
 */

const sendLayoutPage = layoutPageSender(async () => undefined);

function claimIdOf(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

const amountText = z
  .string(says('claims_payments.form.amount_invalid'))
  .trim()
  .regex(/^\d{1,11}(\.\d{1,2})?$/, says('claims_payments.form.amount_invalid'));
const reasonText = z
  .string(says('claims_payments.form.reason_required'))
  .trim()
  .min(3, says('claims_payments.form.reason_required'))
  .max(2000, says('claims_payments.form.too_long'));
const optionalText = z
  .string()
  .trim()
  .max(200, says('claims_payments.form.too_long'))
  .optional()
  .transform((value) => (value ? value : undefined));

const reserveForm = z.object({
  reserveAmount: amountText,
  reserveReason: z
    .string()
    .trim()
    .max(2000, says('claims_payments.form.too_long'))
    .optional()
    .transform((value) => (value ? value : undefined)),
});
const releaseForm = z.object({ releaseReason: reasonText });
const paymentForm = z
  .object({
    paymentLines: z.preprocess(
      (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.coerce.number().int().min(1)),
    ),
    paymentAmount: optionalText.pipe(amountText.optional()),
    payee: z.enum(['insured', 'loss_payee', 'jeweler'], says('claims_payments.form.choose_payee')),
    payeeJeweler: optionalText,
    paymentReference: optionalText,
  })
  .superRefine((form, ctx) => {
    if (form.paymentLines.length > 0 === (form.paymentAmount !== undefined))
      ctx.addIssue({ code: 'custom', path: ['paymentLines'], message: 'claims_payments.form.lines_or_amount' });
    if (form.payee === 'jeweler' && (!form.payeeJeweler || !isUuid(form.payeeJeweler)))
      ctx.addIssue({ code: 'custom', path: ['payeeJeweler'], message: 'claims_payments.form.choose_jeweler' });
  });

/** API field names of the use cases ('body.amount') are the forms' fields. */
const PAYMENT_FIELDS: Record<string, string> = { amount: 'paymentAmount', lineNos: 'paymentLines', payee: 'payee', jewelerUserId: 'payeeJeweler' };
const RESERVE_FIELDS: Record<string, string> = { amount: 'reserveAmount', reason: 'reserveReason' };

async function sendPaymentsPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: UserActor,
  claimId: string,
  state = EMPTY_STATE,
  status = 200,
) {
  const overview = await getPaymentsOverview(deps, actor, claimId);
  const t = translator(request.locale);
  const title = t('claims_payments.page_title', { claimNumber: overview.claim.claimNumber });
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: paymentPaths.page(claimId) },
    <>
      <PageHeading title={title} caption={overview.claim.claimNumber} />
      <p>
        <a href={`/backoffice/claims/${claimId}`}>{t('claims_payments.back_to_claim', { claimNumber: overview.claim.claimNumber })}</a>
      </p>
      <Card id={PAYMENTS_SECTION_ID} title={t('claims_payments.title')}>
        <PaymentsBody
          locale={request.locale}
          overview={overview}
          csrfToken={request.csrfToken}
          canPay={can(actor, 'claims:pay')}
          canHandle={can(actor, 'claims:handle')}
          state={state}
        />
      </Card>
    </>,
  );
}

/** Where a post that worked returns: the claim 360 view at the section when it exists, else this part's page. */
export function backToSection(app: TypedApp, claimId: string, section: string, ownPage: string): string {
  return app.hasRoute({ method: 'GET', url: '/backoffice/claims/:id' }) ? `/backoffice/claims/${claimId}#${section}` : `${ownPage}#${section}`;
}

type PostSpec = {
  path: string;
  permission: 'claims:handle' | 'claims:pay';
  /** The form's name in the section state (which form comes back with messages). */
  form: (request: FastifyRequest) => string;
  schema: (request: FastifyRequest) => z.ZodType;
  generalField: (request: FastifyRequest) => string;
  fields?: Record<string, string>;
  lists?: readonly string[];
  run: (actor: UserActor, claimId: string, data: never, request: FastifyRequest) => Promise<unknown>;
};

function postRoute(app: TypedApp, deps: Deps, spec: PostSpec): void {
  app.post<{ Params: { id: string; paymentId?: string } }>(spec.path, { schema: { hide: true } }, async (request, reply) => {
    const claimId = claimIdOf(request.params.id);
    const actor = requirePageUser(request, reply, spec.permission, paymentPaths.page(claimId));
    if (!actor) return reply;
    const fields = spec.fields ?? {};
    const result = await submitForm(
      request,
      reply,
      spec.schema(request),
      spec.generalField(request),
      (data) => spec.run(actor, claimId, data as never, request),
      {
        fieldName: (field) => fields[field] ?? field,
      },
    );
    if (result.ok) return reply.redirect(backToSection(app, claimId, PAYMENTS_SECTION_ID, paymentPaths.page(claimId)), 303);
    const values = formValues(request.body);
    for (const name of spec.lists ?? []) values[name] = postedList(request.body, name).join(',');
    const state: SectionFormState = { form: spec.form(request), values, errors: result.failure.errors };
    return sendPaymentsPage(deps, request, reply, actor, claimId, state, result.failure.status);
  });
}

function paymentIdOf(request: FastifyRequest): string {
  const id = (request.params as { paymentId?: string }).paymentId ?? '';
  if (!isUuid(id)) throw problems.notFound();
  return id;
}

/** The reject form's field carries the payment number, so several forms on one page keep distinct ids. */
function rejectField(request: FastifyRequest): string {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.keys(body).find((name) => /^rejectReason\d+$/.test(name)) ?? 'rejectReason';
}

export function registerPaymentPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/backoffice/claims/:id/payments', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:read_all');
    if (!actor) return reply;
    return sendPaymentsPage(deps, request, reply, actor, claimIdOf(request.params.id));
  });

  postRoute(app, deps, {
    path: '/backoffice/claims/:id/reserve',
    permission: 'claims:handle',
    form: () => 'reserve',
    schema: () => reserveForm,
    generalField: () => 'reserveAmount',
    fields: RESERVE_FIELDS,
    run: (actor, claimId, data: z.output<typeof reserveForm>, request) =>
      setClaimReserve(deps, actor, claimId, { amount: data.reserveAmount, reason: data.reserveReason }, originOf(request)),
  });
  postRoute(app, deps, {
    path: '/backoffice/claims/:id/reserve/release',
    permission: 'claims:handle',
    form: () => 'release',
    schema: () => releaseForm,
    generalField: () => 'releaseReason',
    fields: { reason: 'releaseReason' },
    run: (actor, claimId, data: z.output<typeof releaseForm>, request) =>
      releaseClaimReserve(deps, actor, claimId, { reason: data.releaseReason }, originOf(request)),
  });
  postRoute(app, deps, {
    path: '/backoffice/claims/:id/payments',
    permission: 'claims:pay',
    form: () => 'payment',
    schema: () => paymentForm,
    generalField: () => 'paymentLines',
    fields: PAYMENT_FIELDS,
    lists: ['paymentLines'],
    run: (actor, claimId, data: z.output<typeof paymentForm>, request) =>
      requestClaimPayment(
        deps,
        actor,
        claimId,
        {
          ...(data.paymentAmount !== undefined ? { amount: data.paymentAmount } : { lineNos: data.paymentLines }),
          payee: data.payee,
          ...(data.payee === 'jeweler' && data.payeeJeweler ? { jewelerUserId: data.payeeJeweler } : {}),
          ...(data.paymentReference ? { reference: data.paymentReference } : {}),
        },
        originOf(request),
      ),
  });
  postRoute(app, deps, {
    path: '/backoffice/claims/:id/payments/:paymentId/approve',
    permission: 'claims:pay',
    form: (request) => `approve:${paymentIdOf(request)}`,
    schema: () => z.object({}),
    generalField: (request) => `approve-${paymentIdOf(request)}`,
    run: (actor, claimId, _data, request) => approveClaimPayment(deps, actor, claimId, paymentIdOf(request), originOf(request)),
  });
  postRoute(app, deps, {
    path: '/backoffice/claims/:id/payments/:paymentId/reject',
    permission: 'claims:pay',
    form: (request) => `reject:${paymentIdOf(request)}`,
    schema: (request) => z.object({ [rejectField(request)]: reasonText }),
    generalField: (request) => rejectField(request),
    fields: {},
    run: (actor, claimId, data: Record<string, string>, request) =>
      rejectClaimPayment(deps, actor, claimId, paymentIdOf(request), { reason: data[rejectField(request)] ?? '' }, originOf(request)),
  });
}
